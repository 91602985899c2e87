// Package text is newsgraph's text layer: a tokenizer, a sentence splitter
// and language identification, all working in byte offsets into the
// article's text, plus the pipeline Stage that runs them.
//
// Everything here is a hand-written byte scanner (no regexp, no allocation
// beyond the result slices) because every article goes through it: the
// whole layer must stay a small fraction of the per-article budget.
//
// Tokenization follows the Penn Treebank / CoNLL conventions that the
// downstream POS and NER models were trained on: clitics split off
// ("Rubio" + "’s", "do" + "n't"), punctuation separate, but abbreviations
// ("U.S.", "Sen."), numbers ("3.5", "1,000", "2026-11-26", "1.2bn"),
// hyphenated words, URLs and e-mail addresses kept whole.
package text

import (
	"unicode"
	"unicode/utf8"

	"newsgraph/internal/doc"
)

// CharClass is the class of an ASCII byte in the scanners' fast paths (the
// tokenizer's here, and those of stages that scan text themselves, such as
// dates), so that every scanner splits ASCII text by the same rules.
type CharClass uint8

// ASCII character classes.
const (
	CharSpace CharClass = iota + 1 // white space and control characters
	CharLower
	CharUpper
	CharDigit
	CharPunct
)

// ASCIIClass returns the class of c, which must be below utf8.RuneSelf.
func ASCIIClass(c byte) CharClass { return asciiClass[c] }

var asciiClass = func() (t [128]CharClass) {
	for c := 0; c < 128; c++ {
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			t[c] = CharSpace
		case c >= 'a' && c <= 'z':
			t[c] = CharLower
		case c >= 'A' && c <= 'Z':
			t[c] = CharUpper
		case c >= '0' && c <= '9':
			t[c] = CharDigit
		case c < ' ' || c == 0x7f:
			t[c] = CharSpace // control characters separate tokens and are dropped
		default:
			t[c] = CharPunct
		}
	}
	return t
}()

// Script classes of word characters: runs of ideographs are not words.
const (
	sNone     = iota // not a word character
	sWord            // Latin, Cyrillic, Arabic, ... letters, digits, marks
	sHan             // CJK ideograph: one token each
	sHiragana        // runs of kana are tokens
	sKatakana
)

// wordScript classifies r as a word character and names its script run.
func wordScript(r rune) int {
	if r < utf8.RuneSelf {
		switch asciiClass[r] {
		case CharLower, CharUpper, CharDigit:
			return sWord
		}
		return sNone
	}
	switch {
	case r >= 0x3040 && r <= 0x309F:
		return sHiragana
	case r >= 0x30A0 && r <= 0x30FF || r >= 0x31F0 && r <= 0x31FF || r >= 0xFF66 && r <= 0xFF9F:
		return sKatakana
	case unicode.Is(unicode.Han, r):
		return sHan
	case r == 0x200C || r == 0x200D: // ZWNJ, ZWJ inside Persian, Indic words
		return sWord
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return sWord
	}
	return sNone
}

// isSpaceRune reports the non-ASCII runes that separate tokens.
func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == 0x200B || r == 0xFEFF || r == 0x2060 || r == 0x00AD ||
		unicode.Is(unicode.Cc, r)
}

// Tokenize splits s into tokens, returned as byte spans into s. It never
// fails: invalid UTF-8 bytes become one-byte tokens.
func Tokenize(s string) []doc.Token {
	return AppendTokens(make([]doc.Token, 0, tokensFor(s)), s)
}

// tokensFor guesses the token count of s to size the slice once: news
// English runs about 5.5 bytes per token, space included.
func tokensFor(s string) int { return len(s)/5 + 8 }

// AppendTokens appends the tokens of s to dst, so callers can reuse a
// buffer across articles.
func AppendTokens(dst []doc.Token, s string) []doc.Token {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case CharSpace:
				i++
				continue
			case CharLower, CharUpper, CharDigit:
				if c == 'h' || c == 'w' || c == 'H' || c == 'W' {
					if end := scanURL(s, i); end > i {
						dst = append(dst, tok(i, end))
						i = end
						continue
					}
				}
				var split int
				end := scanWord(s, i, &split)
				if split > i {
					dst = append(dst, tok(i, split))
					dst = append(dst, tok(split, end))
				} else {
					dst = append(dst, tok(i, end))
				}
				i = end
				continue
			}
			if c == '.' && isDigitAt(s, i+1) && (i == 0 || !isWordAt(s, i-1) && s[i-1] != '.') {
				// .596, .5: a number without its leading zero
				var split int
				end := scanWord(s, i+1, &split)
				dst = append(dst, tok(i, end))
				i = end
				continue
			}
			end := scanPunct(s, i)
			if c == '\'' && len(dst) > 0 && dst[len(dst)-1].End == i {
				end = max(end, cliticAfter(s, i, 1)) // U.S.'s
			}
			dst = append(dst, tok(i, end))
			i = end
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 {
			dst = append(dst, tok(i, i+1)) // invalid byte: keep it visible, one byte
			i++
			continue
		}
		if isSpaceRune(r) {
			i += size
			continue
		}
		switch wordScript(r) {
		case sNone:
			end := scanPunct(s, i)
			if r == '’' && len(dst) > 0 && dst[len(dst)-1].End == i {
				end = max(end, cliticAfter(s, i, size)) // U.S.’s
			}
			dst = append(dst, tok(i, end))
			i = end
		case sHan:
			dst = append(dst, tok(i, i+size))
			i += size
		case sHiragana, sKatakana:
			end := scanKana(s, i, wordScript(r))
			dst = append(dst, tok(i, end))
			i = end
		default:
			var split int
			end := scanWord(s, i, &split)
			if split > i {
				dst = append(dst, tok(i, split))
				dst = append(dst, tok(split, end))
			} else {
				dst = append(dst, tok(i, end))
			}
			i = end
		}
	}
	return dst
}

func tok(start, end int) doc.Token { return doc.Token{Span: doc.Span{Start: start, End: end}} }

// isWordAt reports whether a word character (of the plain sWord script)
// starts at s[i].
func isWordAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		k := asciiClass[c]
		return k == CharLower || k == CharUpper || k == CharDigit
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return wordScript(r) == sWord
}

func isDigitAt(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

func isLetterAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		k := asciiClass[c]
		return k == CharLower || k == CharUpper
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) && wordScript(r) == sWord
}

// scanRun consumes word characters of the sWord script from i and returns
// where they stop, plus the class of the run: whether it held only digits,
// any digit, and how many letters.
func scanRun(s string, i int) (end int, digits, anyDigit bool, letters int) {
	digits = true
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case CharLower, CharUpper:
				letters++
				digits = false
				i++
				continue
			case CharDigit:
				anyDigit = true
				i++
				continue
			}
			return i, digits, anyDigit, letters
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if wordScript(r) != sWord {
			return i, digits, anyDigit, letters
		}
		if unicode.IsDigit(r) {
			anyDigit = true
		} else {
			digits = false
			if unicode.IsLetter(r) {
				letters++
			}
		}
		i += size
	}
	return i, digits, anyDigit, letters
}

// scanWord scans a word starting at s[start] and returns its end. When the
// word ends in a clitic ("’s", "n't"), *split is set to where the clitic
// starts, and the caller emits two tokens.
//
// A word is runs of letters and digits joined by:
//   - '-' between word characters (hyphenated words, 2026-11-26);
//   - '.', ',', ':', '/' between digits (3.5, 1,000, 10:30, 1/2);
//   - '.' in dotted abbreviations (U.S., e.g., EE.UU.) and host names
//     (reuters.com), plus the final '.' of a known abbreviation (Sen.);
//   - an apostrophe inside a name (O'Neill), but not before a clitic;
//   - '&' between capitals (AT&T), '_' between word characters;
//   - '@' in e-mail addresses.
func scanWord(s string, start int, split *int) int {
	*split = 0
	i := start
	dotted := false     // the word has an internal '.' between short letter runs
	lastLetters := 0    // letters in the last run
	lastDigits := false // the last run held only digits
	onlyLetters := true // every run so far held no digit
	runs := 0           // number of runs
	firstRunStart := i
	for {
		runStart := i
		var letters int
		var digits, anyDigit bool
		i, digits, anyDigit, letters = scanRun(s, i)
		if i == runStart {
			// No characters (the caller saw a joiner followed by a word char
			// of another script); stop before the joiner.
			return i
		}
		runs++
		lastLetters, lastDigits = letters, digits
		if anyDigit {
			onlyLetters = false
		}
		if i >= len(s) {
			return i
		}
		c := s[i]
		switch c {
		case '.':
			if isWordAt(s, i+1) {
				if lastDigits && isDigitAt(s, i+1) {
					i++ // decimal
					continue
				}
				if onlyLetters && lastLetters <= 2 && (runs == 1 || dotted) && isLetterAt(s, i+1) && runLen(s, i+1) <= 2 {
					dotted = true // U.S, e.g, EE.UU: short letter runs joined by dots
					i++
					continue
				}
				if onlyLetters && i-runStart >= 2 && isLowerAt(s, i+1) && hostLike(s, i+1) {
					i++ // host name: reuters.com, example.org
					continue
				}
				return i
			}
			// A final '.': part of the word when it is an abbreviation.
			if dotted || (runs == 1 && isAbbrev(s[firstRunStart:i], s[i+1:])) || (runs == 1 && lastLetters == 1 && i-runStart == 1 && isUpperAt(s, runStart)) {
				i++
				// U.S.-Mexico: a hyphen after the abbreviation joins on.
				if i+1 < len(s) && s[i] == '-' && isWordAt(s, i+1) {
					i++
					dotted = false
					continue
				}
				return i
			}
			return i
		case '-', '_':
			if isWordAt(s, i+1) {
				i++
				dotted = false
				continue
			}
			return i
		case ',', ':', '/':
			if lastDigits && isDigitAt(s, i+1) {
				i++
				continue
			}
			return i
		case '&':
			if isUpperAt(s, i-1) && isUpperAt(s, i+1) {
				i++
				continue
			}
			return i
		case '@':
			if end := scanEmailDomain(s, i+1); end > i+1 {
				return end
			}
			return i
		case '\'':
			if end, ok := apostrophe(s, start, i, 1, split); ok {
				if *split > 0 {
					return end
				}
				i = end
				continue
			}
			return i
		case 0xE2: // ’ U+2019 is E2 80 99
			if i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x99 {
				if end, ok := apostrophe(s, start, i, 3, split); ok {
					if *split > 0 {
						return end
					}
					i = end
					continue
				}
			}
			return i
		}
		return i
	}
}

// runLen counts the letters of the ASCII letter run at s[i].
func runLen(s string, i int) int {
	n := 0
	for i+n < len(s) && (asciiClass[s[i+n]&0x7f] == CharLower || asciiClass[s[i+n]&0x7f] == CharUpper) && s[i+n] < utf8.RuneSelf {
		n++
	}
	return n
}

// hostLike reports whether the dotted continuation at s[i] looks like a
// domain label: lowercase ASCII letters up to a non-word character.
func hostLike(s string, i int) bool {
	j := i
	for j < len(s) && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= '0' && s[j] <= '9') || s[j] == '-') {
		j++
	}
	if j-i < 2 {
		return false
	}
	return !isWordAt(s, j)
}

func isUpperAt(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return asciiClass[c] == CharUpper
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsUpper(r)
}

func isLowerAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	if c := s[i]; c < utf8.RuneSelf {
		return asciiClass[c] == CharLower
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLower(r)
}

// apostrophe decides what an apostrophe of width w at s[i] inside the word
// that started at start does. It returns ok=false when the word ends before
// it. When a clitic follows ('s 're 've 'll 'd 'm, and n't), *split is set
// and the returned end is the clitic's end. Otherwise (O'Neill, Qur'an) the
// apostrophe joins and the scan continues at the returned index.
func apostrophe(s string, start, i, w int, split *int) (int, bool) {
	j := i + w
	if !isLetterAt(s, j) {
		return 0, false
	}
	k := j
	for k < len(s) && k-j <= 3 && s[k] < utf8.RuneSelf && (asciiClass[s[k]] == CharLower || asciiClass[s[k]] == CharUpper) {
		k++
	}
	if !isWordAt(s, k) {
		switch lower(s[j:k]) {
		case "s", "re", "ve", "ll", "d", "m":
			*split = i
			return k, true
		case "t":
			if i-1 > start && (s[i-1] == 'n' || s[i-1] == 'N') {
				*split = i - 1
				return k, true
			}
		}
	}
	return j, true
}

// cliticAfter returns the end of a clitic ('s 're 've 'll 'd 'm) whose
// apostrophe of width w is at s[i] and follows a token that scanWord did
// not join it to (an abbreviation: "U.S.’s"), or i when there is none.
func cliticAfter(s string, i, w int) int {
	j := i + w
	k := j
	for k < len(s) && k-j <= 2 && (asciiClass[s[k]&0x7f] == CharLower || asciiClass[s[k]&0x7f] == CharUpper) && s[k] < utf8.RuneSelf {
		k++
	}
	if k == j || isWordAt(s, k) {
		return i
	}
	switch lower(s[j:k]) {
	case "s", "re", "ve", "ll", "d", "m":
		return k
	}
	return i
}

// lower returns an ASCII-lowercased copy of a short s without allocating
// for the common already-lowercase case.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// scanEmailDomain scans the domain of an e-mail address from s[i]: labels
// of letters, digits and '-' joined by '.', with at least one dot. It
// returns i when there is none.
func scanEmailDomain(s string, i int) int {
	j, dots, lastDot := i, 0, -1
	for j < len(s) {
		c := s[j]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-':
			j++
		case c == '.' && j > i && j+1 < len(s) && isASCIIAlnum(s[j+1]) && s[j-1] != '.':
			dots++
			lastDot = j
			j++
		default:
			goto done
		}
	}
done:
	if dots == 0 || j-lastDot < 3 {
		return i
	}
	return j
}

func isASCIIAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// scanURL returns the end of a URL starting at s[i] ("http://", "https://"
// or "www."), or i when there is none. Trailing punctuation that more
// likely belongs to the sentence (.,;:!?'" and an unbalanced ')') is left
// out.
func scanURL(s string, i int) int {
	rest := s[i:]
	var n int
	switch {
	case hasPrefixFold(rest, "https://"):
		n = 8
	case hasPrefixFold(rest, "http://"):
		n = 7
	case hasPrefixFold(rest, "www.") && len(rest) > 4 && isASCIIAlnum(rest[4]):
		n = 4
	default:
		return i
	}
	j := i + n
	if j >= len(s) || s[j] <= ' ' {
		return i
	}
	parens := 0
	for j < len(s) {
		c := s[j]
		if c <= ' ' || c == '"' || c == '<' || c == '>' || c == '`' || c == 0x7f {
			break
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[j:])
			if r == utf8.RuneError || isSpaceRune(r) || unicode.IsPunct(r) && r != '-' {
				break // curly quotes, guillemets, dashes end a URL
			}
			j += size
			continue
		}
		if c == '(' {
			parens++
		} else if c == ')' {
			parens--
		}
		j++
	}
	for j > i+n {
		c := s[j-1]
		if c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == ')' && parens < 0 {
			if c == ')' {
				parens++
			}
			j--
			continue
		}
		break
	}
	if j == i+n {
		return i
	}
	return j
}

func hasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		c := s[k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != prefix[k] {
			return false
		}
	}
	return true
}

// scanKana returns the end of a run of kana of the same script.
func scanKana(s string, i, script int) int {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if wordScript(r) != script && !(script == sKatakana && r == 0x30FC) {
			break
		}
		i += size
	}
	return i
}

// scanPunct returns the end of the punctuation token at s[i]: runs of the
// same mark for ellipses, dashes and doubled quotes ("...", "--", "“",
// "”"), runs of '?' and '!' ("?!"), a hashtag or @handle, and otherwise
// one character.
func scanPunct(s string, i int) int {
	c := s[i]
	if c >= utf8.RuneSelf {
		_, size := utf8.DecodeRuneInString(s[i:])
		return i + size
	}
	j := i + 1
	switch c {
	case '.', '-', '`', '\'':
		for j < len(s) && s[j] == c {
			j++
		}
		if c == '\'' && j-i > 2 {
			return i + 2
		}
	case '?', '!':
		for j < len(s) && (s[j] == '?' || s[j] == '!') {
			j++
		}
	case '#', '@':
		if isLetterAt(s, j) && (i == 0 || !isWordAt(s, i-1)) {
			var split int
			end := scanWord(s, j, &split)
			if split > j {
				return split
			}
			return end
		}
	}
	return j
}
