package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize folds a place name into the key the gazetteer is indexed by:
// lower case, accents removed, punctuation dropped ("U.S." → "us",
// "Côte d'Ivoire" → "cote divoire"), hyphens and commas as spaces, common
// abbreviations expanded ("St." → "saint", "Mt" → "mount", "Ft" → "fort")
// and a leading "the" removed ("The Hague", "the Gulf"). Both the compiler
// and the recogniser call it, so every spelling that folds to the same key
// finds the same places.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading and doubled separators
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		i += n
		switch {
		case r < utf8.RuneSelf:
			c := byte(r)
			switch {
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 32)
				space = false
			case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
				b.WriteByte(c)
				space = false
			case c == '.' || c == '\'' || c == '`':
				// dropped: "U.S." → "us", "d'Ivoire" → "divoire"
			default:
				if !space {
					b.WriteByte(' ')
					space = true
				}
			}
		case r == '’' || r == '‘' || r == 'ʻ' || r == 'ʼ' || r == '´':
			// apostrophes
		default:
			if f, ok := foldSpecial[r]; ok {
				b.WriteString(f)
				space = false
				continue
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
				folded := foldRune(r)
				if folded != "" {
					b.WriteString(folded)
					space = false
				}
				continue
			}
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	out := strings.TrimSuffix(b.String(), " ")
	return expandAbbrev(out)
}

// foldSpecial covers letters that do not decompose into base + accent.
var foldSpecial = map[rune]string{
	'ß': "ss", 'ø': "o", 'Ø': "o", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe",
	'ł': "l", 'Ł': "l", 'đ': "d", 'Đ': "d", 'ı': "i", 'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d",
}

// foldRune lower-cases r and strips its accents via canonical decomposition.
func foldRune(r rune) string {
	if unicode.Is(unicode.Mn, r) {
		return ""
	}
	d := norm.NFD.String(string(r))
	var b strings.Builder
	for _, c := range d {
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

// abbrev expands whole-word abbreviations common in place names.
var abbrev = map[string]string{
	"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port",
	"sta": "santa", "sto": "santo",
}

func expandAbbrev(s string) string {
	if s == "" {
		return s
	}
	s = strings.TrimPrefix(s, "the ")
	// fast path: no abbreviation-sized word
	needs := false
	for w := range strings.SplitSeq(s, " ") {
		if _, ok := abbrev[w]; ok {
			needs = true
			break
		}
	}
	if !needs {
		return s
	}
	words := strings.Split(s, " ")
	for i, w := range words {
		if e, ok := abbrev[w]; ok {
			words[i] = e
		}
	}
	return strings.Join(words, " ")
}

// isLatin reports whether every letter of s is Latin script, so that names
// in other scripts (which English news never spells that way) stay out of
// the index.
func isLatin(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}
