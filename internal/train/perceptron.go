package train

import (
	"math/rand"

	"newsgraph/internal/tagger"
)

// Example is one training sentence: hashed features per token and gold
// label indexes.
type Example struct {
	Feats [][]uint64
	Gold  []int
	Base  []float32 // optional base emissions (stacked second pass), n*labels
	// Cands, when set, are the tag-dictionary candidates of each token
	// (nil entry = all labels): training then decodes as serving does.
	Cands [][]int32
}

// Perceptron is an averaged structured perceptron over hashed features
// with first-order transitions (Collins 2002). Averaging uses the
// "w - u/c" trick: u accumulates c*update, so no per-step copy is needed.
type Perceptron struct {
	nl, bits int
	mask     uint64
	w, u     []float32 // bucket*nl + label
	tw, tu   []float32 // (nl+1)*nl
	c        float32
	emit     []float32
	back     []int32
	path     []int
	all      []int32
}

// NewPerceptron allocates the weights.
func NewPerceptron(nl, bits int) *Perceptron {
	nb := 1 << bits
	return &Perceptron{
		nl: nl, bits: bits, mask: uint64(nb - 1),
		w: make([]float32, nb*nl), u: make([]float32, nb*nl),
		tw: make([]float32, (nl+1)*nl), tu: make([]float32, (nl+1)*nl),
		c: 1,
	}
}

// Predict decodes a sentence with the current (not averaged) weights.
func (p *Perceptron) Predict(feats [][]uint64) []int { return p.PredictBase(feats, nil) }

// PredictBase is Predict with base emission scores added.
func (p *Perceptron) PredictBase(feats [][]uint64, base []float32) []int {
	return p.predict(feats, base, nil)
}

func (p *Perceptron) predict(feats [][]uint64, base []float32, cands [][]int32) []int {
	n, nl := len(feats), p.nl
	if cap(p.emit) < n*nl {
		p.emit = make([]float32, n*nl)
	}
	p.emit = p.emit[:n*nl]
	if base != nil {
		copy(p.emit, base)
	} else {
		for i := range p.emit {
			p.emit[i] = 0
		}
	}
	for i, fs := range feats {
		out := p.emit[i*nl : (i+1)*nl]
		for _, f := range fs {
			row := p.w[int(f&p.mask)*nl : int(f&p.mask)*nl+nl]
			for y, v := range row {
				out[y] += v
			}
		}
	}
	if cands != nil {
		if len(p.all) != nl {
			p.all = make([]int32, nl)
			for y := range p.all {
				p.all[y] = int32(y)
			}
		}
		p.path = tagger.ViterbiCands(n, nl, p.emit, p.tw, cands, p.all, &p.back, p.path)
		return p.path
	}
	p.path = tagger.Viterbi(n, nl, p.emit, p.tw, &p.back, p.path)
	return p.path
}

// Update makes one perceptron step on an example and reports whether the
// prediction was wrong.
func (p *Perceptron) Update(ex *Example) bool {
	pred := p.predict(ex.Feats, ex.Base, ex.Cands)
	nl := p.nl
	wrong := false
	for i, g := range ex.Gold {
		y := pred[i]
		if y != g {
			wrong = true
			for _, f := range ex.Feats[i] {
				b := int(f&p.mask) * nl
				p.w[b+g]++
				p.u[b+g] += p.c
				p.w[b+y]--
				p.u[b+y] -= p.c
			}
		}
		gp, pp := nl, nl
		if i > 0 {
			gp, pp = ex.Gold[i-1], pred[i-1]
		}
		if gp != pp || g != y {
			p.tw[gp*nl+g]++
			p.tu[gp*nl+g] += p.c
			p.tw[pp*nl+y]--
			p.tu[pp*nl+y] -= p.c
		}
	}
	p.c++
	return wrong
}

// Averaged returns the averaged weights and transitions.
func (p *Perceptron) Averaged() (dense, trans []float32) {
	dense = make([]float32, len(p.w))
	for i, w := range p.w {
		if w != 0 || p.u[i] != 0 {
			dense[i] = w - p.u[i]/p.c
		}
	}
	trans = make([]float32, len(p.tw))
	for i, w := range p.tw {
		trans[i] = w - p.tu[i]/p.c
	}
	return dense, trans
}

// Epoch runs one pass over the examples in a seeded random order and
// returns the number of wrongly tagged sentences.
func (p *Perceptron) Epoch(exs []Example, rng *rand.Rand) int {
	order := rng.Perm(len(exs))
	wrong := 0
	for _, k := range order {
		if p.Update(&exs[k]) {
			wrong++
		}
	}
	return wrong
}
