package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tok is one word, number or punctuation mark of the text. Timex scans the
// text itself rather than reading Article.Tokens: date grammar depends on
// exact punctuation ("Nov. 26", "2026-11-26", "3:30") that tokenizers split
// differently, and keeping the scanner here makes the stage independent of
// the tokenizer's choices.
type tok struct {
	s, e  int
	w     string // lower-cased text
	num   int    // value when the token is all digits, else -1
	ndig  int    // number of digits when num >= 0
	upper bool   // first letter is upper case
	punct bool
}

// scan splits text into runs of letters/digits and single punctuation marks.
func scan(text string, toks []tok) []tok {
	toks = toks[:0]
	i := 0
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		if !isWordRune(r) {
			toks = append(toks, tok{s: i, e: i + size, w: text[i : i+size], num: -1, punct: true})
			i += size
			continue
		}
		start := i
		hasUpper, allDigit := false, true
		for i < len(text) {
			r, size = rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
			if !isWordRune(r) {
				break
			}
			if r < '0' || r > '9' {
				allDigit = false
			}
			if unicode.IsUpper(r) {
				hasUpper = true
			}
			i += size
		}
		t := tok{s: start, e: i, w: text[start:i], num: -1}
		if hasUpper {
			t.w = strings.ToLower(t.w)
			first, _ := utf8.DecodeRuneInString(text[start:])
			t.upper = unicode.IsUpper(first)
		}
		if allDigit && i-start <= 9 {
			n := 0
			for _, c := range text[start:i] {
				n = n*10 + int(c-'0')
			}
			t.num, t.ndig = n, i-start
		}
		toks = append(toks, t)
	}
	return toks
}

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') ||
		r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
