package text

import (
	"unicode"
	"unicode/utf8"
)

// Languages the function-word scorer knows, as ISO 639-1 codes; the bit
// index of each is its position here.
var stopLangs = [...]string{"en", "es", "fr", "de", "pt", "it", "nl"}

// stopwords maps a lowercased function word to a bit set of the languages
// it is frequent in. Function words are the most frequent, most
// language-specific and topic-independent tokens of any text, so a few
// dozen per language tell Latin-script languages apart on a single news
// sentence, at the cost of one map lookup per word.
var stopwords = func() map[string]uint8 {
	lists := [len(stopLangs)]string{
		// en
		`the of and to in a is that for it as was with be by on not he i this are or his from at which
		but have an they you were her she there been has their one all would will we who had its more
		said after also into than them these about could when year years over two can new only other
		some what up out so while between against since under were does did do no those our such its`,
		// es
		`de la que el en y los del se las por un para con no una su al lo como más pero sus le ya o
		este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos
		durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo
		otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas
		algo nosotros fue ha han dijo según tras será están años año`,
		// fr
		`de la le et les des en du un une est que qui dans pour pas au sur ne se par plus avec il ce
		sont ont été son sa ses mais ou aux cette elle ils leur nous vous lui être fait comme tout
		dont après entre sans depuis contre selon avait était selon également ans`,
		// de
		`der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an
		werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum
		war haben nur oder aber vor zur bis mehr durch man sein wurde sei jahr jahren gegen seit`,
		// pt
		`de a o que e do da em um para com não uma os no se na por mais as dos como mas ao ele das à
		seu sua ou quando muito nos já eu também só pelo pela até isso ela entre depois sem mesmo aos
		seus quem nas me esse eles você essa num nem suas meu minha numa pelos elas foi são está
		disse anos ano sobre após contra`,
		// it
		`di e il la che in a per un è del non una le si con da i al dei della sono gli lo come più ma
		anche nel alla ha ad delle nella dal questo tra suo sua essere stato fatto dopo anni anno
		sulla degli alle cui contro quando già sul loro ci era aveva`,
		// nl
		`de het een en van in is dat op te zijn die niet met voor er aan als ook bij door maar om
		dan nog wel naar uit tot over of was werd worden heeft hebben zij hij ze deze dit al geen
		meer jaar na tegen volgens`,
	}
	m := make(map[string]uint8, 600)
	for li, list := range lists {
		for _, w := range splitFields(list) {
			m[w] |= 1 << li
		}
	}
	return m
}()

func splitFields(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return out
}

// langPrefix bounds how much of a text Language reads: a news article's
// first couple of kilobytes say its language as well as the whole does.
const langPrefix = 2048

// Language identifies the language of s, returning an ISO 639-1 code
// ("en", "es", ...), or "" when unsure (too little text, or no clear
// winner). Latin-script text is scored on function words for en, es, fr,
// de, pt, it and nl; other scripts are named from the script where it
// implies one language (Greek, Hebrew, Thai, Hangul, kana, Han).
func Language(s string) string {
	if len(s) > langPrefix {
		s = s[:langPrefix]
	}
	var counts [len(stopLangs)]int
	var buf [24]byte
	words, latin, other := 0, 0, 0
	var scripts scriptCounts
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf && asciiClass[c] != cLower && asciiClass[c] != cUpper {
			i++
			continue
		}
		// One word: lowercase it into buf.
		n, ok := 0, true
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				k := asciiClass[c]
				if k != cLower && k != cUpper {
					break
				}
				if k == cUpper {
					c += 'a' - 'A'
				}
				if n < len(buf) {
					buf[n] = c
					n++
				} else {
					ok = false
				}
				latin++
				i++
				continue
			}
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) && !unicode.IsMark(r) {
				break
			}
			if r < 0x250 {
				latin++
				r = unicode.ToLower(r)
				if n+utf8.RuneLen(r) <= len(buf) {
					n += utf8.EncodeRune(buf[n:], r)
				} else {
					ok = false
				}
			} else {
				other++
				scripts.add(r)
				ok = false
			}
			i += size
		}
		if n == 0 && ok {
			i++ // a lone non-letter rune
			continue
		}
		words++
		if ok {
			if bits := stopwords[string(buf[:n])]; bits != 0 {
				for li := range counts {
					if bits&(1<<li) != 0 {
						counts[li]++
					}
				}
			}
		}
	}
	if other > latin {
		return scripts.lang()
	}
	best, second := -1, 0
	for li, c := range counts {
		if best < 0 || c > counts[best] {
			if best >= 0 {
				second = counts[best]
			}
			best = li
		} else if c > second {
			second = c
		}
	}
	// Need some evidence and a clear margin: on a short headline one shared
	// word ("de", "a") must not decide.
	if best < 0 || counts[best] < 2 || counts[best]*4 < second*5+4 {
		return ""
	}
	return stopLangs[best]
}

// scriptCounts tallies letters of scripts that each imply one language.
type scriptCounts struct {
	greek, hebrew, thai, hangul, kana, han, other int
}

func (c *scriptCounts) add(r rune) {
	switch {
	case r >= 0x0370 && r <= 0x03FF || r >= 0x1F00 && r <= 0x1FFF:
		c.greek++
	case r >= 0x0590 && r <= 0x05FF:
		c.hebrew++
	case r >= 0x0E00 && r <= 0x0E7F:
		c.thai++
	case r >= 0xAC00 && r <= 0xD7AF || r >= 0x1100 && r <= 0x11FF:
		c.hangul++
	case r >= 0x3040 && r <= 0x30FF:
		c.kana++
	case unicode.Is(unicode.Han, r):
		c.han++
	default:
		c.other++
	}
}

// lang names the language when one script dominates and implies it.
// Japanese mixes kana and Han; Han alone is taken as Chinese.
func (c *scriptCounts) lang() string {
	total := c.greek + c.hebrew + c.thai + c.hangul + c.kana + c.han + c.other
	major := func(n int) bool { return n*2 > total }
	switch {
	case c.kana*10 > total && major(c.kana+c.han):
		return "ja"
	case major(c.han):
		return "zh"
	case major(c.hangul):
		return "ko"
	case major(c.greek):
		return "el"
	case major(c.hebrew):
		return "he"
	case major(c.thai):
		return "th"
	}
	return ""
}
