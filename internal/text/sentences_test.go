package text

import (
	"strings"
	"testing"
)

func split(s string) []string {
	toks := Tokenize(s)
	var out []string
	for _, se := range Sentences(s, toks) {
		out = append(out, s[se.Start:se.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"two", "Rubio arrived. He met Sheinbaum.", []string{"Rubio arrived.", "He met Sheinbaum."}},
		{"no split at U.S. before a name", "The U.S. Secretary of State arrived. Talks began.",
			[]string{"The U.S. Secretary of State arrived.", "Talks began."}},
		{"U.S. lowercase next", "deploying agents to U.S. cities and more.", []string{"deploying agents to U.S. cities and more."}},
		{"U.S. ends a sentence", "He returned to the U.S. The talks ended.",
			[]string{"He returned to the U.S.", "The talks ended."}},
		{"titles never end", "Sen. Rubio met Dr. Lee and Gov. Abbott. Mr. Smith left.",
			[]string{"Sen. Rubio met Dr. Lee and Gov. Abbott.", "Mr. Smith left."}},
		{"month", "On Jan. 5 the firm said so. It rose.", []string{"On Jan. 5 the firm said so.", "It rose."}},
		{"company then starter", "He works for Acme Inc. The firm grew.", []string{"He works for Acme Inc.", "The firm grew."}},
		{"company mid-sentence", "Acme Corp. Chairman John Smith spoke.", []string{"Acme Corp. Chairman John Smith spoke."}},
		{"initials", "John F. Kennedy and George W. Bush met.", []string{"John F. Kennedy and George W. Bush met."}},
		{"decimals", "It rose 3.5% to 1.2 bln. Then fell.", []string{"It rose 3.5% to 1.2 bln.", "Then fell."}},
		{"closing straight quote", `He said "I will go." Then he left.`, []string{`He said "I will go."`, "Then he left."}},
		{"closing curly quote", "“We agree.” Rubio said so.", []string{"“We agree.”", "Rubio said so."}},
		{"quote then lowercase", `"Go home!" he shouted. They did.`, []string{`"Go home!" he shouted.`, "They did."}},
		{"question inside quote", "“Why now?” asked Lee. Nobody knew.", []string{"“Why now?” asked Lee.", "Nobody knew."}},
		{"bracket", "(It was late.) They met.", []string{"(It was late.)", "They met."}},
		{"ellipsis continues", "He paused... and went on.", []string{"He paused... and went on."}},
		{"ellipsis ends", "He paused… Then he spoke.", []string{"He paused…", "Then he spoke."}},
		{"blank line", "Headline without stop\n\nBody starts here. More.", []string{"Headline without stop", "Body starts here.", "More."}},
		{"blank line with spaces", "One\n \t\nTwo", []string{"One", "Two"}},
		{"single newline keeps", "a wrapped\nline goes on.", []string{"a wrapped\nline goes on."}},
		{"newline after abbreviation", "talks with the U.S.\nSecretary Rubio left.", []string{"talks with the U.S.", "Secretary Rubio left."}},
		{"dateline colon", "Mexico City: In a visit, he spoke. He left.", []string{"Mexico City:", "In a visit, he spoke.", "He left."}},
		{"dateline caps dash", "MEXICO CITY — Rubio arrived. He left.", []string{"MEXICO CITY —", "Rubio arrived.", "He left."}},
		{"reuters dateline", "WASHINGTON, Nov 26 (Reuters) - Rubio arrived.", []string{"WASHINGTON, Nov 26 (Reuters) -", "Rubio arrived."}},
		{"colon mid-text", "The message is clear: combating crime matters. Yes: Ecuador is next.",
			[]string{"The message is clear: combating crime matters.", "Yes: Ecuador is next."}},
		{"dash mid-sentence", "Rubio — who arrived today — spoke.", []string{"Rubio — who arrived today — spoke."}},
		{"exclamation name", "Yahoo! shares rose. Good.", []string{"Yahoo! shares rose.", "Good."}},
		{"spanish", "¿Qué pasó? El Sr. Pérez viajó a EE.UU. La visita terminó.",
			[]string{"¿Qué pasó?", "El Sr. Pérez viajó a EE.UU.", "La visita terminó."}},
		{"chinese", "鲁比奥抵达墨西哥。他会见了总统。", []string{"鲁比奥抵达墨西哥。", "他会见了总统。"}},
		{"no final stop", "It ended", []string{"It ended"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := split(tt.in)
			if strings.Join(got, "⏎") != strings.Join(tt.want, "⏎") {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
