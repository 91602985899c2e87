package eventmerge

import (
	"strings"
	"time"
	"unicode"
)

// Background reports whether a mention tells of a past event as
// background ("recent U.S. military operations", "the 2019 attack",
// "Kuwait has backed Iraq in the war") rather than reporting it as news:
// such a mention joins the event it recalls without moving its dates, and
// a group of them alone is a reference-only event, not a new event of the
// publication date.
//
// The coder's flag (doc.Event.Reference) is the start. Where the caller
// gives the sentence and where it lies in the article (Mention.Text and
// Mention.TextSpan), the verb's tense corrects it in two ways the labelled
// wire stories show (docs/eventmerge.md):
//
//   - A past perfect after a reporting verb of the same sentence is
//     reported speech shifted back, not an earlier event: "Iraq said it
//     had repelled an Iranian attack" reports today's battle. The coder
//     reads every past perfect as background; the flag is dropped when the
//     sentence gives no earlier date of its own (the publication day, or
//     none) and no "earlier"/"previously" marks the verb.
//   - A present perfect is the wire's background tense: "Kuwait has
//     backed Iraq", "U.S. officials have said Iran has new missiles",
//     "Ecuador has also appealed for aid" retell what earlier stories
//     reported; so does the verb an infinitive trigger depends on
//     ("Venezuela has already agreed to lend"). Outside the story's lead sentence (where "has launched"
//     is the news itself) and outside a quotation (`"the Kuwaitis have
//     also asked Britain", one official said` is what the official
//     revealed) it marks the mention a reference.
func Background(m Mention) bool {
	ref := m.Event.Reference
	w, at, ok := triggerWords(m)
	if !ok {
		return ref
	}
	aux := auxiliary(w, at)
	if aux == "" && at >= 2 && w[at-1].s == "to" {
		// "Venezuela has already agreed to lend": the verb that governs
		// the infinitive carries the tense.
		aux = auxiliary(w, at-2)
	}
	switch {
	case ref && aux == "had" && !earlierDate(m) && !marked(w, at) && reportedBefore(w, at):
		return false
	case !ref && aux == "has" && m.Event.Sentence > 0 && !quoted(m.Text, w[at].start):
		return true
	}
	return ref
}

// word is one word of a sentence, lower-cased, with its byte offset.
type word struct {
	s     string
	start int
}

// triggerWords splits the mention's sentence into words and finds the
// trigger's first word; ok is false when the sentence or its place in the
// article is unknown.
func triggerWords(m Mention) (w []word, at int, ok bool) {
	sp, tr := m.TextSpan, m.Event.Trigger
	if m.Text == "" || sp.End-sp.Start != len(m.Text) || tr.Start < sp.Start || tr.Start >= sp.End {
		return nil, 0, false
	}
	off := tr.Start - sp.Start
	at = -1
	start := -1
	for i, r := range m.Text + " " {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && (r == '-' || r == '\'')) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			if at < 0 && i > off {
				at = len(w)
			}
			w = append(w, word{strings.ToLower(m.Text[start:i]), start})
			start = -1
		}
	}
	if at < 0 {
		return nil, 0, false
	}
	return w, at, true
}

// auxiliary is the perfect auxiliary governing the word at i: "has"
// (present perfect: has, have, 've, 's been), "had" (past perfect), or "".
// Adverbs and a passive "been" may stand between ("has also appealed",
// "had been hit").
func auxiliary(w []word, i int) string {
	for j, n := i-1, 0; j >= 0 && n < 3; j, n = j-1, n+1 {
		switch s := w[j].s; {
		case s == "has" || s == "have" || strings.HasSuffix(s, "'ve"):
			return "has"
		case s == "had" || strings.HasSuffix(s, "'d"):
			return "had"
		case s == "been" || s == "not" || s == "also" || s == "already" || s == "now" || s == "just" ||
			s == "recently" || s == "earlier" || s == "previously" || s == "since" || s == "never" || s == "initially" ||
			(strings.HasSuffix(s, "ly") && len(s) > 4):
			continue
		}
		return ""
	}
	return ""
}

// quoted reports whether byte offset i of s lies inside a quotation: an
// odd number of double quotes before it.
func quoted(s string, i int) bool {
	n := strings.Count(s[:i], "\"") + strings.Count(s[:i], "“") + strings.Count(s[:i], "”")
	return n%2 == 1
}

// marked reports "earlier", "previously", "before" or "already" next to
// the verb: the speaker itself places the act before the news.
func marked(w []word, i int) bool {
	for j := max(0, i-3); j < min(len(w), i+2); j++ {
		switch w[j].s {
		case "earlier", "previously", "before", "already":
			return true
		}
	}
	return false
}

// reporting verbs in the past: a past perfect after one is reported speech.
var reporting = map[string]bool{
	"said": true, "reported": true, "announced": true, "told": true, "claimed": true, "added": true,
	"stated": true, "disclosed": true, "confirmed": true, "revealed": true, "quoted": true, "saying": true,
	"acknowledged": true, "admitted": true, "insisted": true, "asserted": true, "conceded": true,
	"explained": true, "noted": true, "indicated": true, "alleged": true, "estimated": true,
}

// reportedBefore reports a past reporting verb before the word at i.
func reportedBefore(w []word, i int) bool {
	for j := 0; j < i; j++ {
		if reporting[w[j].s] {
			return true
		}
	}
	return false
}

// earlierDate reports a date of the sentence's own before the day of
// publication: the coder's flag then stands on the date, not the tense.
func earlierDate(m Mention) bool {
	if m.Event.Date == "" || m.Event.DateInherited || m.Published.IsZero() {
		return false
	}
	t := when(Mention{Event: m.Event})
	if t.IsZero() {
		return false
	}
	pub := m.Published.UTC().Truncate(24 * time.Hour)
	return t.Before(pub)
}

// also reports the particle "also" right before the trigger (auxiliaries
// and adverbs aside): "Iraqi planes also destroyed ...", "Iraqi
// warplanes have also struck ...".
func also(m Mention) bool {
	w, at, ok := triggerWords(m)
	if !ok {
		return false
	}
	for j := at - 1; j >= 0 && j >= at-3; j-- {
		switch s := w[j].s; {
		case s == "also":
			return true
		case s == "has" || s == "have" || s == "had" || s == "was" || s == "were" || s == "been" || (strings.HasSuffix(s, "ly") && len(s) > 4):
			continue
		}
		return false
	}
	return false
}
