package eventmerge

import (
	"fmt"
	"strings"
	"testing"

	"newsgraph/internal/doc"
)

// sentenceMention places sentence s at byte 100 of an article (as its
// second sentence unless lead) with the trigger on the first occurrence
// of trigger.
func sentenceMention(s, trigger string, coderRef bool, date string, lead bool) Mention {
	const at = 100
	i := strings.Index(s, trigger)
	x := Mention{Published: day(26), Text: s, TextSpan: doc.Span{Start: at, End: at + len(s)},
		Event: doc.Event{Sentence: 3, Trigger: doc.Span{Start: at + i, End: at + i + len(trigger)}, Reference: coderRef,
			Date: date, Status: "asserted"}}
	if lead {
		x.Event.Sentence = 0
	}
	return x
}

func TestBackground(t *testing.T) {
	tests := []struct {
		name string
		m    Mention
		want bool
	}{
		{"reported past perfect is today's news", sentenceMention("Iraq said it had repelled an Iranian attack east of Amarah.", "repelled", true, "", false), false},
		{"reported past perfect dated today", sentenceMention("Iraq said today its troops had killed thousands of Iranians.", "killed", true, "2026-11-26", false), false},
		{"past perfect with an earlier date stays background", sentenceMention("The agency yesterday said the Guards had captured strong defences.", "captured", true, "2026-11-25", false), true},
		{"past perfect marked earlier stays background", sentenceMention("Kuwait had earlier declined an offer of U.S. escorts, they said.", "declined", true, "", false), true},
		{"past perfect without a reporting verb stays background", sentenceMention("Only three countries had offered assistance.", "offered", true, "", false), true},
		{"present perfect retells earlier news", sentenceMention("Kuwait has backed Iraq in the seven-year war against Iran.", "backed", false, "2026-11-26", false), true},
		{"present perfect with adverbs", sentenceMention("Ecuador has also appealed for emergency aid from 40 governments.", "appealed", false, "", false), true},
		{"present perfect of the verb governing an infinitive", sentenceMention("Venezuela has already agreed to lend Ecuador five mln barrels of crude.", "lend", false, "", false), true},
		{"present perfect in the lead is the news", sentenceMention("Iran has launched a new offensive against Iraq, Tehran radio said.", "launched", false, "", true), false},
		{"present perfect in a quotation is what the speaker reveals", sentenceMention(`"The Kuwaitis have also asked Britain to lease tankers," one official said.`, "asked", false, "", false), false},
		{"simple past is the coder's call", sentenceMention("Secretary Rubio met with Mexican President Claudia Sheinbaum.", "met", false, "", false), false},
		{"the coder's flag stands without the sentence's place", Mention{Text: "Iraq said it had repelled an attack.", Event: doc.Event{Reference: true}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Background(tt.m); got != tt.want {
				t.Errorf("Background = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestRetold: a later story's "yesterday" of an event an earlier day's
// story reported is background; the first report of yesterday's act is
// news.
func TestRetold(t *testing.T) {
	first := m("a1", "Wire", 3, "IRQMIL", "195", "IRN", nil, dated("2026-11-03"))
	later := m("a2", "Daily", 4, "IRQMIL", "195", "IRN", nil, dated("2026-11-03"))
	fresh := m("a3", "Times", 4, "USAMIL", "190", "SYR", nil, dated("2026-11-03"))
	evs := Merge([]Mention{first, later, fresh}, Options{})
	if len(evs) != 2 {
		t.Fatalf("%d events, want 2", len(evs))
	}
	if got := fmt.Sprint(evs[0].Mentions, evs[0].Retold); got != "[0 1] [1]" {
		t.Errorf("raid: mentions, retold = %s, want [0 1] [1]", got)
	}
	if len(evs[1].Retold) != 0 {
		t.Errorf("the first report of yesterday's strike is retold: %v", evs[1].Retold)
	}
}
