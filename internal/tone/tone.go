// Package tone measures an article's emotional tone the way GDELT's GKG
// V2Tone does: the percentage of words that are positive, the percentage
// that are negative, their difference (Tone) and sum (Polarity), plus the
// activity and self/group reference densities and the word count, for the
// article and for each sentence.
//
// The word lists come from the VADER lexicon (MIT licence; installed into
// the data folder by `make setup`, not committed) for English, and from a
// small list of our own (es.txt, embedded) for Spanish. A word counts as
// positive or negative when its mean VADER valence is at least 0.5 in
// magnitude; a negator ("not", "n't", "never", "no", "sin", ...) up to three
// words before it in the same sentence flips its polarity. news.txt (ours,
// embedded) adapts VADER to news: topic words it colours ("security",
// "interest") are neutral and harm words it lacks ("corruption",
// "trafficking", "deaths") are added. Capitalised words inside a sentence
// are names ("United States") and carry no tone.
package tone

import (
	"bufio"
	"context"
	_ "embed"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/internal/datadir"
	"newsgraph/internal/doc"
	"newsgraph/internal/pipeline"
)

// VADERFile is the lexicon's path inside the data folder.
const VADERFile = "lexicons/vader_lexicon.txt"

// MinValence is the smallest |valence| that makes a word positive or
// negative: VADER rates mildly coloured words (0.1 .. 0.4) that GDELT's
// binary word lists would not include.
const MinValence = 0.5

//go:embed es.txt
var spanish string

//go:embed news.txt
var newsAdjust string

// Lexicon maps lower-case words to a valence on VADER's -4..+4 scale.
type Lexicon map[string]float64

// ReadVADER parses vader_lexicon.txt (token TAB mean TAB sd TAB ratings).
// Multi-word entries and emoticons are kept; only single words can match.
func ReadVADER(r io.Reader, name string, into Lexicon) error {
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		f := strings.SplitN(s, "\t", 3)
		if len(f) < 2 {
			return fmt.Errorf("%s:%d: want word TAB valence", name, line)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(f[1]), 64)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
		into[strings.ToLower(f[0])] = v
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	return nil
}

// Stage is the tone pipeline stage. Read-only after load.
type Stage struct {
	lex Lexicon
	// words merges the lexicon and the word classes so each article word
	// costs one map look-up.
	words map[string]wordInfo
}

// wordInfo is what the stage knows about one lower-case word.
type wordInfo struct {
	valence               float64 // 0 when |valence| < MinValence
	negator, active, self bool
}

var _ pipeline.Stage = (*Stage)(nil)

// New loads the VADER lexicon from the data folder (see datadir).
func New() (*Stage, error) {
	p, err := datadir.Path(VADERFile)
	if err != nil {
		return nil, fmt.Errorf("load tone lexicon: %w", err)
	}
	return Load(p)
}

// Load reads the VADER lexicon at path ("" = the data folder's
// lexicons/vader_lexicon.txt) and adds the embedded Spanish list.
func Load(path string) (*Stage, error) {
	if path == "" {
		return New()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load tone lexicon: %w", err)
	}
	defer f.Close()
	return FromReader(f, path)
}

// FromReader builds the stage from a VADER-format lexicon.
func FromReader(r io.Reader, name string) (*Stage, error) {
	lex := Lexicon{}
	if err := ReadVADER(r, name, lex); err != nil {
		return nil, fmt.Errorf("load tone lexicon: %w", err)
	}
	if err := ReadVADER(strings.NewReader(spanish), "es.txt", lex); err != nil {
		return nil, fmt.Errorf("load tone lexicon: %w", err)
	}
	// News-domain adjustments: valence 0 removes a word. "no" is a
	// negator here, not a negative word.
	adj := Lexicon{}
	if err := ReadVADER(strings.NewReader(newsAdjust), "news.txt", adj); err != nil {
		return nil, fmt.Errorf("load tone lexicon: %w", err)
	}
	adj["no"] = 0
	for w, v := range adj {
		if v == 0 {
			delete(lex, w)
		} else {
			lex[w] = v
		}
	}
	words := map[string]wordInfo{}
	for w, v := range lex {
		if v <= -MinValence || v >= MinValence {
			words[w] = wordInfo{valence: v}
		}
	}
	for _, set := range []struct {
		m   map[string]bool
		set func(*wordInfo)
	}{
		{negators, func(i *wordInfo) { i.negator = true }},
		{activityWords, func(i *wordInfo) { i.active = true }},
		{selfGroup, func(i *wordInfo) { i.self = true }},
	} {
		for w := range set.m {
			wi := words[w]
			set.set(&wi)
			words[w] = wi
		}
	}
	return &Stage{lex: lex, words: words}, nil
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "tone" }

// Requires implements pipeline.Stage.
func (*Stage) Requires() []pipeline.Layer { return []pipeline.Layer{pipeline.Tokens} }

// Assigns implements pipeline.Stage.
func (*Stage) Assigns() []pipeline.Layer { return []pipeline.Layer{pipeline.Tone} }

// counts accumulates word classes over a range of tokens.
type counts struct {
	words, pos, neg, active, self int
}

func (c counts) tone() doc.Tone {
	if c.words == 0 {
		return doc.Tone{}
	}
	pct := func(n int) float64 { return round4(100 * float64(n) / float64(c.words)) }
	p, n := pct(c.pos), pct(c.neg)
	return doc.Tone{
		Tone: round4(p - n), Positive: p, Negative: n, Polarity: round4(p + n),
		ActivityDensity: pct(c.active), SelfGroupDensity: pct(c.self), WordCount: c.words,
	}
}

// Process fills Article.Tone, with one tone per sentence when the
// sentence layer is present. Negation scope ends at a sentence boundary.
func (s *Stage) Process(_ context.Context, a *doc.Article) error {
	var total, sc counts
	var perSent []float64
	if len(a.Sentences) > 0 {
		perSent = make([]float64, len(a.Sentences))
	}
	var buf [64]byte
	usePOS := len(a.Tokens) > 0 && a.Tokens[0].POS != ""
	sent, lastNeg, wordIdx := 0, -10, 0
	endSentence := func() {
		perSent[sent] = sc.tone().Tone
		total.add(sc)
		sc, lastNeg = counts{}, -10
		sent++
	}
	for i, t := range a.Tokens {
		for sent < len(a.Sentences) && i >= a.Sentences[sent].EndToken {
			endSentence()
		}
		w := a.Text[t.Start:t.End]
		if !hasLetter(w) {
			continue
		}
		lw := lower(w, buf[:0])
		sc.words++
		wordIdx++
		name := w[0] >= 'A' && w[0] <= 'Z' && !(sent < len(a.Sentences) && i == a.Sentences[sent].FirstToken)
		info := s.words[string(lw)]
		if usePOS {
			if strings.HasPrefix(t.POS, "VB") || t.POS == "VERB" {
				sc.active++
			}
		} else if info.active {
			sc.active++
		}
		if info.self {
			sc.self++
		}
		if info.negator || len(lw) > 3 && string(lw[len(lw)-3:]) == "n't" {
			lastNeg = wordIdx
			continue
		}
		v := info.valence
		if v == 0 || name {
			continue
		}
		if wordIdx-lastNeg <= 3 {
			v = -v
		}
		if v > 0 {
			sc.pos++
		} else {
			sc.neg++
		}
	}
	for sent < len(a.Sentences) {
		endSentence()
	}
	total.add(sc)
	tone := total.tone()
	tone.Sentences = perSent
	a.Tone = &tone
	return nil
}

func (c *counts) add(o counts) {
	c.words += o.words
	c.pos += o.pos
	c.neg += o.neg
	c.active += o.active
	c.self += o.self
}

func hasLetter(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return true
		}
		if c >= utf8.RuneSelf {
			r, _ := utf8.DecodeRuneInString(s[i:])
			return unicode.IsLetter(r)
		}
	}
	return false
}

// lower lower-cases w into buf without allocating for ASCII words, and
// maps the curly apostrophe to "'" so "don’t" negates like "don't".
func lower(w string, buf []byte) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			s := strings.ToLower(strings.ReplaceAll(w, "’", "'"))
			return append(buf[:0], s...)
		}
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

func round4(f float64) float64 {
	if f < 0 {
		return -float64(int64(-f*10000+0.5)) / 10000
	}
	return float64(int64(f*10000+0.5)) / 10000
}
