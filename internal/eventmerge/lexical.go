package eventmerge

import (
	"math"
	"slices"
	"strings"
	"unicode"
)

// Lexical evidence: two reports of one event share its particulars (the
// place, the unit, the ship, the casualty figure), and a reprint repeats
// the sentence word for word, while two acts of the same actors on the
// same day are told in different words ("sank three boats" and "hit two
// ships"). Sentences are compared as sets of content words weighted by
// their rarity among the sentences being merged (IDF), so that "Iraq",
// "said" and "Iranian", which every sentence of a war's coverage has,
// count for little and "Nowruz", "Kharg" or "15,000" for much.

// vocab maps content words to ids and counts the sentences each occurs in.
type vocab struct {
	ids map[string]int32
	df  []int
	n   int // sentences counted
}

// bag is a sentence as sorted word ids.
type bag []int32

// add counts one sentence's words and returns its bag.
func (v *vocab) add(sentence string) bag {
	if v.ids == nil {
		v.ids = map[string]int32{}
	}
	var b bag
	for _, w := range contentWords(sentence) {
		id, ok := v.ids[w]
		if !ok {
			id = int32(len(v.df))
			v.ids[w] = id
			v.df = append(v.df, 0)
		}
		b = append(b, id)
	}
	slices.Sort(b)
	b = slices.Compact(b)
	for _, id := range b {
		v.df[id]++
	}
	v.n++
	return b
}

// weights returns each word's squared IDF weight, and norm a bag's norm.
func (v *vocab) weights() []float64 {
	w := make([]float64, len(v.df))
	for id, df := range v.df {
		// Smoothed so that a word every sentence has still counts a
		// little: merging two sentences must not make their shared words
		// worthless.
		idf := math.Log(1 + float64(v.n)/float64(df))
		w[id] = idf * idf
	}
	return w
}

func norm(b bag, w []float64) float64 {
	s := 0.0
	for _, id := range b {
		s += w[id]
	}
	return math.Sqrt(s)
}

// cosine is the IDF-weighted cosine of two bags (0 when either is empty).
func cosine(a, b bag, na, nb float64, w []float64) float64 {
	if na == 0 || nb == 0 {
		return 0
	}
	dot := 0.0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]:
			dot += w[a[i]]
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return dot / (na * nb)
}

// contentWords lower-cases a sentence and keeps its content words: numbers
// (thousands separators dropped, "15,000" = "15000") and words of three
// letters or more that are not function words or reporting verbs, with a
// plural "s" cut ("ships" = "ship").
func contentWords(s string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		w := cur.String()
		cur.Reset()
		if w == "" {
			return
		}
		digits := strings.IndexFunc(w, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
		if !digits {
			if len([]rune(w)) < 3 || stopwords[w] {
				return
			}
			if n := len(w); n > 4 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i' {
				w = w[:n-1]
			}
		}
		out = append(out, w)
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			cur.WriteRune(unicode.ToLower(r))
		case (r == ',' || r == '.') && i > 0 && i+1 < len(rs) && unicode.IsDigit(rs[i-1]) && unicode.IsDigit(rs[i+1]):
			if r == '.' { // a decimal point stays, a thousands comma goes
				cur.WriteRune(r)
			}
		case (r == '\'' || r == '’') && i+1 < len(rs) && (rs[i+1] == 's' || rs[i+1] == 'S') && (i+2 == len(rs) || !unicode.IsLetter(rs[i+2])):
			i++ // a possessive: "Iran's" is "Iran"
			flush()
		default:
			flush()
		}
	}
	flush()
	return out
}

// stopwords are English function words and the reporting verbs and
// attributions every news sentence has.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`the and for that with this from was were are has had have been but not its
		their they them there then than which who whom whose what when where while will would could should
		can may might must shall also into onto over under about after before during since until upon
		all any both each few more most other some such only own same too very just now here out off
		his her him she he our ours you your yours these those being does did doing done
		said says say saying told tell tells telling added adding quoted quoting according reported reports
		report reporting announced statement spokesman spokesmen official officials news agency agencies
		today yesterday tonight last week earlier later new mln pct per cent`) {
		m[w] = true
	}
	return m
}()
