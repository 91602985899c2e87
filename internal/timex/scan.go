package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/internal/text"
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

// scan splits src into runs of letters/digits and single punctuation marks.
func scan(src string, toks []tok) []tok {
	toks = toks[:0]
	i := 0
	for i < len(src) {
		c := src[i]
		if c < utf8.RuneSelf {
			switch text.ASCIIClass(c) {
			case text.CharSpace:
				i++
				continue
			case text.CharPunct:
				toks = append(toks, tok{s: i, e: i + 1, w: src[i : i+1], num: -1, punct: true})
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(src[i:])
			if unicode.IsSpace(r) {
				i += size
				continue
			}
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				toks = append(toks, tok{s: i, e: i + size, w: src[i : i+size], num: -1, punct: true})
				i += size
				continue
			}
		}
		start := i
		hasUpper, allDigit, n := false, true, 0
		for i < len(src) {
			c := src[i]
			if c < utf8.RuneSelf {
				switch text.ASCIIClass(c) {
				case text.CharLower:
					allDigit = false
				case text.CharUpper:
					allDigit, hasUpper = false, true
				case text.CharDigit:
					n = n*10 + int(c-'0')
				default:
					goto done
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(src[i:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			allDigit = false
			if unicode.IsUpper(r) {
				hasUpper = true
			}
			i += size
		}
	done:
		t := tok{s: start, e: i, w: src[start:i], num: -1}
		if hasUpper {
			t.w = strings.ToLower(t.w)
			first, _ := utf8.DecodeRuneInString(src[start:])
			t.upper = unicode.IsUpper(first)
		}
		if allDigit && i-start <= 9 {
			t.num, t.ndig = n, i-start
		}
		toks = append(toks, t)
	}
	return toks
}
