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

// ASCII byte classes.
const (
	cSpace = iota + 1
	cLower
	cUpper
	cDigit
	cPunct
)

var class = func() (t [128]uint8) {
	for c := 0; c < 128; c++ {
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
			t[c] = cSpace
		case c >= 'a' && c <= 'z':
			t[c] = cLower
		case c >= 'A' && c <= 'Z':
			t[c] = cUpper
		case c >= '0' && c <= '9':
			t[c] = cDigit
		case c < ' ' || c == 127:
			t[c] = cSpace
		default:
			t[c] = cPunct
		}
	}
	return t
}()

// scan splits text into runs of letters/digits and single punctuation marks.
func scan(text string, toks []tok) []tok {
	toks = toks[:0]
	i := 0
	for i < len(text) {
		c := text[i]
		if c < utf8.RuneSelf {
			switch class[c] {
			case cSpace:
				i++
				continue
			case cPunct:
				toks = append(toks, tok{s: i, e: i + 1, w: text[i : i+1], num: -1, punct: true})
				i++
				continue
			}
		} else {
			r, size := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				i += size
				continue
			}
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				toks = append(toks, tok{s: i, e: i + size, w: text[i : i+size], num: -1, punct: true})
				i += size
				continue
			}
		}
		start := i
		hasUpper, allDigit, n := false, true, 0
		for i < len(text) {
			c := text[i]
			if c < utf8.RuneSelf {
				switch class[c] {
				case cLower:
					allDigit = false
				case cUpper:
					allDigit, hasUpper = false, true
				case cDigit:
					n = n*10 + int(c-'0')
				default:
					goto done
				}
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[i:])
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
		t := tok{s: start, e: i, w: text[start:i], num: -1}
		if hasUpper {
			t.w = strings.ToLower(t.w)
			first, _ := utf8.DecodeRuneInString(text[start:])
			t.upper = unicode.IsUpper(first)
		}
		if allDigit && i-start <= 9 {
			t.num, t.ndig = n, i-start
		}
		toks = append(toks, t)
	}
	return toks
}
