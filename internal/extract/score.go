package extract

import (
	"strings"
	"unicode"
)

// Score compares extracted text with gold text as bags of words: precision
// is the share of extracted tokens that are in the gold (with
// multiplicity), recall the share of gold tokens extracted. Tokens are
// lower-cased runs of letters and digits, so punctuation and layout do not
// count. Two empty texts score 1; one empty text scores 0.
func Score(got, gold string) (precision, recall, f1 float64) {
	g := bagOfWords(got)
	w := bagOfWords(gold)
	var ng, nw, common int
	for _, c := range g {
		ng += c
	}
	for t, c := range w {
		nw += c
		common += min(c, g[t])
	}
	switch {
	case ng == 0 && nw == 0:
		return 1, 1, 1
	case ng == 0 || nw == 0:
		return 0, 0, 0
	}
	precision = float64(common) / float64(ng)
	recall = float64(common) / float64(nw)
	if common > 0 {
		f1 = 2 * precision * recall / (precision + recall)
	}
	return precision, recall, f1
}

func bagOfWords(s string) map[string]int {
	m := make(map[string]int, len(s)/6)
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
		m[strings.ToLower(w)]++
	}
	return m
}
