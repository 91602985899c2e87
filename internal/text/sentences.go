package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/internal/doc"
)

// What a token can do at the end of a sentence.
const (
	endNone     = iota
	endStop     // . ! ? and their runs, CJK and Arabic stops
	endEllipsis // ... …
	endTitle    // Mr. Sen. Dr.: never ends a sentence
	endAbbrev   // U.S. Inc. Jan. J.: ends one only before a plain sentence start
	endColon    // : after a dateline
	endDash     // — – - -- after a dateline
)

// Sentences splits the tokens of s (as returned by Tokenize) into
// sentences. Every token belongs to exactly one sentence; a sentence's span
// runs from its first token's start to its last token's end.
//
// A sentence ends:
//   - at a blank line (paragraph break), always;
//   - after . ! ? (and any closing quotes or brackets right after them)
//     unless the next token starts lowercase or is , ; or ) — so
//     `"Go." he said` stays one sentence;
//   - after an ellipsis followed by a capital or a line break;
//   - after an abbreviation (U.S., Inc., Jan.) only when the next word is a
//     function word that starts sentences ("The", "He", "But") or a line
//     break follows; never after a title (Mr., Sen., Dr.);
//   - after a dateline at the start of the text or of a line: "Mexico City:"
//     as the first words of the text, or "MEXICO CITY —" in capitals.
func Sentences(s string, toks []doc.Token) []doc.Sentence {
	return AppendSentences(make([]doc.Sentence, 0, len(toks)/16+1), s, toks)
}

// AppendSentences appends the sentences of toks to dst.
func AppendSentences(dst []doc.Sentence, s string, toks []doc.Token) []doc.Sentence {
	n := len(toks)
	first := len(dst) // sentences before first belong to someone else
	start := 0
	for i := 0; i < n; i++ {
		end := -1
		// Fast path: only tokens ending in . ! ? : - or a non-ASCII byte
		// can end a sentence.
		if toks[i].End <= toks[i].Start {
			continue // not from Tokenize; an empty token cannot end a sentence
		}
		last := s[toks[i].End-1]
		if last != '.' && last != '!' && last != '?' && last != ':' && last != '-' && last < utf8.RuneSelf {
			// not an ending
		} else if kind := endKind(s, toks[i]); kind != endNone {
			k := i + 1
			for k < n && toks[k].Start == toks[k-1].End && isCloser(s, toks[k]) {
				k++
			}
			if k >= n || boundary(s, toks, kind, len(dst) == first, start, i, k) {
				end = k
			}
		}
		if end < 0 && i+1 < n && toks[i+1].Start-toks[i].End >= 2 && paragraphBreak(s[toks[i].End:toks[i+1].Start]) {
			end = i + 1
		}
		if end > 0 {
			dst = append(dst, sentence(toks, start, end))
			start = end
			i = end - 1
		}
	}
	if start < n {
		dst = append(dst, sentence(toks, start, n))
	}
	return dst
}

func sentence(toks []doc.Token, first, end int) doc.Sentence {
	return doc.Sentence{
		Span:       doc.Span{Start: toks[first].Start, End: toks[end-1].End},
		FirstToken: first,
		EndToken:   end,
	}
}

// endKind says whether token t can end a sentence. It looks at the last
// byte first, so ordinary words cost one comparison.
func endKind(s string, t doc.Token) int {
	w := s[t.Start:t.End]
	if len(w) == 0 {
		return endNone
	}
	switch last := w[len(w)-1]; {
	case last == '.':
		if len(w) == 1 {
			return endStop
		}
		if w[len(w)-2] == '.' {
			return endEllipsis
		}
		if abbrevKind(w[:len(w)-1]) == abbrevTitle {
			return endTitle
		}
		return endAbbrev
	case last == '!' || last == '?':
		for i := 0; i < len(w); i++ {
			if w[i] != '!' && w[i] != '?' {
				return endNone // Yahoo! is a name when glued to one
			}
		}
		return endStop
	case last == ':':
		if len(w) == 1 {
			return endColon
		}
	case last == '-':
		if strings.Trim(w, "-") == "" && len(w) <= 3 {
			return endDash
		}
	case last >= utf8.RuneSelf:
		r, _ := utf8.DecodeLastRuneInString(w)
		if utf8.RuneLen(r) != len(w) {
			return endNone
		}
		switch r {
		case '…':
			return endEllipsis
		case '。', '！', '？', '؟', '۔', '।', '॥', '｡', '‼', '⁇', '⁈', '⁉':
			return endStop
		case '—', '–', '―':
			return endDash
		}
	}
	return endNone
}

// isCloser reports closing quotes and brackets, which stay with the
// sentence they close.
func isCloser(s string, t doc.Token) bool {
	w := s[t.Start:t.End]
	switch w {
	case `"`, "'", "''", ")", "]", "}", "”", "’", "»", "›", "」", "』", "）":
		return true
	}
	return false
}

// paragraphBreak reports whether the whitespace gap holds a blank line.
func paragraphBreak(gap string) bool {
	nl := strings.IndexByte(gap, '\n')
	if nl < 0 {
		return strings.Contains(gap, "\u2029") // paragraph separator
	}
	for _, c := range []byte(gap[nl+1:]) {
		switch c {
		case '\n':
			return true
		case ' ', '\t', '\r', '\f', '\v':
		default:
			// non-ASCII spaces between the newlines still make a blank line
			if c < utf8.RuneSelf {
				return false
			}
		}
	}
	return false
}

// boundary decides whether the sentence ends before token k, given that
// token i (of the given end kind) closed it, with only closing quotes or
// brackets between them. first tells whether this is the text's first
// sentence; start is the index of its first token.
func boundary(s string, toks []doc.Token, kind int, first bool, start, i, k int) bool {
	gap := s[toks[k-1].End:toks[k].Start]
	if paragraphBreak(gap) {
		return true
	}
	next := s[toks[k].Start:toks[k].End]
	newline := strings.IndexByte(gap, '\n') >= 0
	switch kind {
	case endStop:
		if startsLower(next) {
			return false
		}
		switch next {
		case ",", ";", ")", "]", ":":
			return false
		}
		return true
	case endEllipsis:
		return newline || startsUpper(next) || (isOpener(next) && k+1 < len(toks) && startsUpper(s[toks[k+1].Start:toks[k+1].End]))
	case endTitle:
		return false
	case endAbbrev:
		return newline || isStarter(next) ||
			(isOpener(next) && k+1 < len(toks) && isStarter(s[toks[k+1].Start:toks[k+1].End]))
	case endColon, endDash:
		return k == i+1 && gap != "" && isDateline(s, toks, first, start, i) && (startsUpper(next) || isOpener(next))
	}
	return false
}

// isDateline reports whether tokens [start, i) are a dateline: at most six
// place-like tokens (capitalised words, commas, a parenthesised agency) at
// the start of a line. Mixed case ("Mexico City:") counts only at the very
// start of the text; anywhere else the words must be in capitals
// ("MEXICO CITY —"), which running prose never is.
func isDateline(s string, toks []doc.Token, first bool, start, i int) bool {
	if i == start || i-start > 8 {
		return false
	}
	// The dateline must begin a line.
	for j := toks[start].Start - 1; j >= 0; j-- {
		c := s[j]
		if c == '\n' {
			break
		}
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	words := 0
	for j := start; j < i; j++ {
		w := s[toks[j].Start:toks[j].End]
		switch {
		case w == "," || w == "(" || w == ")" || w == ".":
			continue
		case isDigitAt(w, 0):
			continue // "Nov 26"
		case !startsUpper(w):
			return false
		case !first && !allUpper(w) && !(j > start && s[toks[j-1].Start:toks[j-1].End] == "("):
			return false // "(Reuters)" may be mixed case
		}
		words++
	}
	return words > 0 && words <= 6
}

func allUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

func isOpener(w string) bool {
	switch w {
	case `"`, "'", "``", "(", "[", "“", "‘", "«", "‹", "「", "『", "¿", "¡":
		return true
	}
	return false
}

func startsLower(w string) bool {
	if w == "" {
		return false
	}
	if c := w[0]; c < utf8.RuneSelf {
		return c >= 'a' && c <= 'z'
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

func startsUpper(w string) bool {
	if w == "" {
		return false
	}
	if c := w[0]; c < utf8.RuneSelf {
		return c >= 'A' && c <= 'Z'
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsLetter(r) && !unicode.IsLower(r) // caseless scripts start sentences too
}

// isStarter reports capitalised function words that begin sentences but
// rarely follow an abbreviation inside one: "... in the U.S. The talks"
// splits, "U.S. Secretary of State" does not.
func isStarter(w string) bool {
	switch w {
	case "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "It's", "He", "She", "They",
		"We", "I", "You", "His", "Her", "Their", "Our", "My", "Your", "There", "Here", "But", "And",
		"Or", "So", "Yet", "If", "When", "While", "Although", "Though", "As", "After", "Before",
		"Since", "Because", "In", "On", "At", "For", "From", "With", "By", "Of", "To", "Under",
		"During", "Meanwhile", "However", "Also", "Still", "Some", "Many", "Most", "All", "No",
		"Not", "Such", "What", "Which", "Who", "Where", "Why", "How", "Then", "Now", "Other",
		"Both", "Each", "Last", "Earlier", "Later", "Officials", "Analysts", "Shares", "Prices",
		// Spanish
		"El", "La", "Los", "Las", "Un", "Una", "Unos", "Unas", "En", "Por", "Pero", "Y", "Con",
		"Según", "Este", "Esta", "Estos", "Estas", "Sin", "Para", "Al", "Del", "Se", "Su", "Sus",
		"Además", "También", "Sin embargo", "Cuando", "Mientras", "Aunque", "Es", "Hay":
		return true
	}
	return false
}
