package event

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one token of a sentence as the coder sees it: upper-cased, with
// TreeBank-style splits ('S, N'T) so the PETRARCH dictionaries match.
type word struct {
	W          string // normalised, upper case
	Start, End int    // byte span in the article text
	POS        string // from the syntax stage when present
	Punct      bool
	Cap        bool // starts with an upper-case letter in the text
}

// abbreviations keep their final period.
var abbrev = map[string]bool{"MR": true, "MRS": true, "MS": true, "DR": true, "ST": true, "GEN": true,
	"SEN": true, "REP": true, "GOV": true, "LT": true, "COL": true, "SGT": true, "PROF": true, "JR": true,
	"SR": true, "CO": true, "CORP": true, "INC": true, "LTD": true, "NO": false, "VS": true, "GEN.": true}

// tokenize splits text[start:end] into words with absolute offsets.
func tokenize(text string, start, end int) []word {
	var out []word
	i := start
	for i < end {
		r, sz := utf8.DecodeRuneInString(text[i:end])
		if unicode.IsSpace(r) {
			i += sz
			continue
		}
		j := i
		for j < end {
			r2, sz2 := utf8.DecodeRuneInString(text[j:end])
			if unicode.IsSpace(r2) {
				break
			}
			j += sz2
		}
		out = appendChunk(out, text, i, j)
		i = j
	}
	return out
}

func isPunctRune(r rune) bool {
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// appendChunk splits one whitespace-delimited chunk.
func appendChunk(out []word, text string, s, e int) []word {
	// leading punctuation
	for s < e {
		r, sz := utf8.DecodeRuneInString(text[s:e])
		if !isPunctRune(r) || r == '$' || r == '&' || r == '%' {
			break
		}
		out = append(out, mk(text, s, s+sz, true))
		s += sz
	}
	var tail []word
	for e > s {
		r, sz := utf8.DecodeLastRuneInString(text[s:e])
		if !isPunctRune(r) || r == '%' {
			break
		}
		if r == '.' {
			body := text[s : e-sz]
			up := strings.ToUpper(body)
			if strings.Contains(body, ".") || abbrev[up] || (utf8.RuneCountInString(body) == 1 && unicode.IsUpper([]rune(body)[0])) {
				break
			}
		}
		tail = append(tail, mk(text, e-sz, e, true))
		e -= sz
	}
	if e > s {
		body := text[s:e]
		up := normalise(body)
		// possessive 's and n't
		switch {
		case len(up) > 2 && (strings.HasSuffix(up, "'S")):
			k := e - len("'s")
			if strings.HasSuffix(body, "’s") || strings.HasSuffix(body, "’S") {
				k = e - len("’s")
			}
			out = append(out, mk(text, s, k, false))
			w := mk(text, k, e, false)
			w.W = "'S"
			out = append(out, w)
		case len(up) > 1 && strings.HasSuffix(up, "S'") && !strings.Contains(up[:len(up)-1], "'"):
			out = append(out, mk(text, s, e-1, false))
			w := mk(text, e-1, e, false)
			w.W = "'S"
			out = append(out, w)
		case len(up) > 3 && strings.HasSuffix(up, "N'T"):
			k := e - len("n't")
			if strings.HasSuffix(body, "n’t") {
				k = e - len("n’t")
			}
			w := mk(text, s, k, false)
			// TreeBank keeps "wo n't", "ca n't": so do the dictionaries
			out = append(out, w)
			n := mk(text, k, e, false)
			n.W = "N'T"
			out = append(out, n)
		case strings.Contains(body, "_"):
			// "Dol_Amroth": dictionary-style joined words
			k := s
			for _, part := range strings.Split(body, "_") {
				if part != "" {
					out = append(out, mk(text, k, k+len(part), false))
				}
				k += len(part) + 1
			}
		default:
			out = append(out, mk(text, s, e, false))
		}
	}
	for k := len(tail) - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

func normalise(s string) string {
	s = strings.ReplaceAll(s, "’", "'")
	s = strings.ReplaceAll(s, "‘", "'")
	return strings.ToUpper(s)
}

func mk(text string, s, e int, punct bool) word {
	r, _ := utf8.DecodeRuneInString(text[s:e])
	return word{W: normalise(text[s:e]), Start: s, End: e, Punct: punct, Cap: unicode.IsUpper(r)}
}
