package text

import (
	"math/bits"
	"unicode"
	"unicode/utf8"
)

// Languages the function-word scorer knows, as ISO 639-1 codes; the bit
// index of each is its position here.
var stopLangs = [...]string{"en", "es", "fr", "de", "pt", "it", "nl"}

// langSet is a bit set of stopLangs indexes.
type langSet uint8

// OnesCount reports how many languages are in the set.
func (b langSet) OnesCount() int { return bits.OnesCount8(uint8(b)) }

// stopwords maps a lowercased function word to a bit set of the languages
// it is frequent in. Function words are the most frequent, most
// language-specific and topic-independent tokens of any text, so a few
// dozen per language tell Latin-script languages apart on a single news
// sentence, at the cost of one map lookup per word.
var stopwords = func() map[string]stopword {
	lists := [len(stopLangs)]string{
		// en
		`the of and to in a is that for it as was with be by on not he i this are or his from at which
		but have an they you were her she there been has their one all would will we who had its more
		said after also into than them these about could when year years over two can new only other
		some what up out so while between against since under does did do no those our such its
		says told should may might must being because before during through without until where
		would should week last first three four five next million billion percent company government
		officials president minister shares market vs mln cts dlrs pct shr shrs qtly div revs avg
		inc corp ltd co prior record pay payable sales net profit loss quarter per`,
		// es
		`de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o
		este sí porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos
		durante todos uno les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo
		otro otras otra él tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas
		algo nosotros fue ha han dijo según tras será están años año dos tres cuatro cinco había
		habían hoy ayer es son era fueron sido tiene tienen puede pueden así aunque después mientras
		millones gobierno presidente país parte ciudad hacia desde cuyo cuya pues además dijo ese
		aquí allí entonces siempre nunca tan menos bien`,
		// fr
		`de la le et les des en du un une est que qui dans pour pas au sur ne se par plus avec il ce
		sont ont été son sa ses mais ou aux cette elle ils leur nous vous lui être fait comme tout
		dont après entre sans depuis contre selon avait était également ans deux trois aussi très
		peut sous chez ainsi alors encore même leurs ces était sera aujourd hui`,
		// de
		`der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch es an
		werden aus er hat dass sie nach wird bei einer um am sind noch wie einem über einen so zum
		war haben nur oder aber vor zur bis mehr durch man sein wurde sei jahr jahren gegen seit
		zwei drei heute sagte ihre seine diese dieser wir ich sollen soll kann können wenn damit`,
		// pt
		`de a o que e do da em um para com não uma os no se na por mais as dos como mas ao ele das à
		seu sua ou quando muito nos já eu também só pelo pela até isso ela entre depois sem mesmo aos
		seus quem nas me esse eles você essa num nem suas meu minha numa pelos elas foi são está
		disse anos ano sobre após contra dois três hoje ontem tem têm pode podem então ainda assim
		governo presidente milhões país cidade`,
		// it
		`di e il la che in a per un è del non una le si con da i al dei della sono gli lo come più ma
		anche nel alla ha ad delle nella dal questo tra suo sua essere stato fatto dopo anni anno
		sulla degli alle cui contro quando già sul loro ci era aveva due tre oggi ieri ancora questa
		governo presidente milioni paese città stata sarà hanno molto`,
		// nl
		`de het een en van in is dat op te zijn die niet met voor er aan als ook bij door maar om
		dan nog wel naar uit tot over of was werd worden heeft hebben zij hij ze deze dit al geen
		meer jaar na tegen volgens twee drie vandaag zegt zei wordt kan moet onder`,
	}
	m := make(map[string]stopword, 800)
	for li, list := range lists {
		for rank, w := range splitFields(list) {
			e := m[w]
			e.langs |= 1 << li
			if rank < topRank {
				e.top |= 1 << li
			}
			m[w] = e
		}
	}
	return m
}()

// stopword is the entry of one function word: the languages it is frequent
// in, and those among whose topRank most frequent words it is.
type stopword struct{ langs, top langSet }

// topRank is how many words at the head of each list (the most frequent)
// count in full; the rest count half.
const topRank = 40

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
// winner). Latin-script text is scored on function words (with a few word
// endings as weaker evidence) for en, es, fr, de, pt, it and nl; other
// scripts are named from the script where it implies one language (Greek,
// Hebrew, Thai, Hangul, kana, Han). Only the first langPrefix bytes are
// read. See docs/text.md for why this and not whatlanggo.
func Language(s string) string {
	if len(s) > langPrefix {
		s = s[:langPrefix]
	}
	var score [len(stopLangs)]float32
	var buf [24]byte
	words, latin, other := 0, 0, 0
	var scripts scriptCounts
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf && asciiClass[c] != CharLower && asciiClass[c] != CharUpper {
			i++
			continue
		}
		// One word: lowercase it into buf.
		n, ok := 0, true
		for i < len(s) {
			c := s[i]
			if c < utf8.RuneSelf {
				k := asciiClass[c]
				if k != CharLower && k != CharUpper {
					break
				}
				if k == CharUpper {
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
		if words&15 == 0 && other == 0 && settled(&score) {
			break // the answer cannot change in a typical article: stop reading
		}
		if !ok {
			continue
		}
		if e, ok := stopwords[string(buf[:n])]; ok {
			// A function word counts 1 where it is among a language's most
			// frequent, 1/2 elsewhere.
			for li := range score {
				if e.top&(1<<li) != 0 {
					score[li]++
				} else if e.langs&(1<<li) != 0 {
					score[li] += 0.5
				}
			}
		} else if n >= 5 {
			if set := suffixLangs(buf[:n]); set != 0 {
				w := suffixWeight / float32(set.OnesCount())
				for li := range score {
					if set&(1<<li) != 0 {
						score[li] += w
					}
				}
			}
		}
	}
	if other > latin {
		return scripts.lang()
	}
	best, second := 0, float32(0)
	for li := 1; li < len(score); li++ {
		if score[li] > score[best] {
			second = score[best]
			best = li
		} else if score[li] > second {
			second = score[li]
		}
	}
	// Need some evidence and a clear margin: on a short headline one shared
	// word ("de", "a") must not decide.
	if score[best] < minScore || score[best]-second < minMargin {
		return ""
	}
	return stopLangs[best]
}

// settled reports whether one language leads by so much that the rest of
// the text will not overturn it; most articles settle within their first
// 30 to 60 words.
func settled(score *[len(stopLangs)]float32) bool {
	best, second := float32(0), float32(0)
	for _, v := range score {
		if v > best {
			best, second = v, best
		} else if v > second {
			second = v
		}
	}
	return best >= 12 && best >= 3*second
}

// Decision thresholds of Language, tuned on the dev sets in lang_test.go.
const (
	minScore  = 1.0  // total weight of evidence for the best language
	minMargin = 0.75 // best over runner-up
)

// Word endings typical of one or a few of stopLangs, as weaker evidence
// than function words: they let number-heavy or telegraphic text ("Wheat
// entered after January 19") still be told apart.
const suffixWeight = 0.34

var suffixes = []struct {
	end   string
	langs langSet
}{
	{"ing", 1 << 0}, {"ed", 1 << 0}, {"ly", 1 << 0}, {"ness", 1 << 0}, {"tion", 1<<0 | 1<<2}, {"ers", 1<<0 | 1<<6},
	{"ción", 1 << 1}, {"ciones", 1 << 1}, {"idad", 1 << 1}, {"mente", 1<<1 | 1<<4 | 1<<5}, {"ado", 1<<1 | 1<<4}, {"ada", 1<<1 | 1<<4}, {"ados", 1<<1 | 1<<4}, {"aron", 1 << 1},
	{"ção", 1 << 4}, {"ções", 1 << 4}, {"ão", 1 << 4}, {"dade", 1 << 4},
	{"eux", 1 << 2}, {"aient", 1 << 2}, {"ée", 1 << 2}, {"és", 1<<2 | 1<<1}, {"ité", 1 << 2},
	{"ung", 1 << 3}, {"lich", 1 << 3}, {"keit", 1 << 3}, {"heit", 1 << 3}, {"schaft", 1 << 3}, {"chen", 1<<3 | 1<<6},
	{"zione", 1 << 5}, {"zioni", 1 << 5}, {"ità", 1 << 5}, {"ato", 1 << 5}, {"etto", 1 << 5},
	{"lijk", 1 << 6}, {"heid", 1 << 6}, {"tje", 1 << 6}, {"ijn", 1 << 6},
}

// suffixLast marks the bytes some suffix ends with, to skip most words
// with one lookup.
var suffixLast = func() (t [256]bool) {
	for _, sf := range suffixes {
		t[sf.end[len(sf.end)-1]] = true
	}
	return t
}()

// suffixLangs returns the languages whose typical endings w has.
func suffixLangs(w []byte) langSet {
	if !suffixLast[w[len(w)-1]] {
		return 0
	}
	var set langSet
	for _, sf := range suffixes {
		if len(w) > len(sf.end)+2 && string(w[len(w)-len(sf.end):]) == sf.end {
			set |= sf.langs
		}
	}
	return set
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
