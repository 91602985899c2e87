package train

import (
	"math"
	"sort"
)

// Chunk is one labelled span [Start, End) of tokens.
type Chunk struct {
	Type       string
	Start, End int
}

// Chunks extracts the spans of an IOB2 (or IOB1) tag sequence the way
// conlleval does: a chunk starts at B-X, at I-X after O or another type,
// and ends before anything that is not I-X.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	start, typ := -1, ""
	for i := 0; i <= len(tags); i++ {
		t := "O"
		if i < len(tags) {
			t = tags[i]
		}
		pre, ty := "O", ""
		if len(t) > 2 && t[1] == '-' {
			pre, ty = t[:1], t[2:]
		}
		end := start >= 0 && (pre != "I" || ty != typ)
		if end {
			out = append(out, Chunk{typ, start, i})
			start = -1
		}
		if pre == "B" || (pre == "I" && start < 0) {
			start, typ = i, ty
		}
	}
	return out
}

// Counts accumulates conlleval's counts.
type Counts struct {
	Correct, Guessed, Gold int
	PerType                map[string]*[3]int // correct, guessed, gold
	Tokens, TokensRight    int
}

// Add scores one sentence.
func (c *Counts) Add(gold, pred []string) {
	if c.PerType == nil {
		c.PerType = map[string]*[3]int{}
	}
	for i := range gold {
		c.Tokens++
		if gold[i] == pred[i] {
			c.TokensRight++
		}
	}
	g, p := Chunks(gold), Chunks(pred)
	set := map[Chunk]bool{}
	for _, x := range g {
		set[x] = true
		c.typ(x.Type)[2]++
	}
	c.Gold += len(g)
	c.Guessed += len(p)
	for _, x := range p {
		c.typ(x.Type)[1]++
		if set[x] {
			c.Correct++
			c.typ(x.Type)[0]++
		}
	}
}

func (c *Counts) typ(t string) *[3]int {
	v := c.PerType[t]
	if v == nil {
		v = new([3]int)
		c.PerType[t] = v
	}
	return v
}

// PRF is precision, recall and F1 in percent.
type PRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Gold      int     `json:"gold"`
}

func prf(correct, guessed, gold int) PRF {
	var p, r, f float64
	if guessed > 0 {
		p = 100 * float64(correct) / float64(guessed)
	}
	if gold > 0 {
		r = 100 * float64(correct) / float64(gold)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return PRF{round2(p), round2(r), round2(f), gold}
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// Total returns the overall scores.
func (c *Counts) Total() PRF { return prf(c.Correct, c.Guessed, c.Gold) }

// Types returns the per-type scores.
func (c *Counts) Types() map[string]PRF {
	out := map[string]PRF{}
	keys := make([]string, 0, len(c.PerType))
	for k := range c.PerType {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := c.PerType[k]
		out[k] = prf(v[0], v[1], v[2])
	}
	return out
}

// Accuracy is the token accuracy in percent.
func (c *Counts) Accuracy() float64 {
	if c.Tokens == 0 {
		return 0
	}
	return round2(100 * float64(c.TokensRight) / float64(c.Tokens))
}
