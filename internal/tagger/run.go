package tagger

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
)

// Tagger couples a model with the feature extractor it was trained with.
// When Pass2 is set, tagging is two-pass: this model tags the whole
// document first, and Pass2 re-tags it with document-level features
// computed from the first pass (Krishnan & Manning 2006; Ratinov & Roth
// 2009).
type Tagger struct {
	Model *Model
	Ext   *Extractor
	Pass2 *Tagger
	// free keeps warm Scratch values (word and emission caches) for
	// callers that pass a fresh one (see TagDoc). A small bounded free
	// list rather than a sync.Pool: the pool is emptied at every garbage
	// collection, which in a busy pipeline is every few articles, and the
	// caches are only worth it when they survive.
	once sync.Once
	free chan *Scratch
}

// freeScratch bounds the warm Scratch values a tagger keeps: one per
// core (concurrent callers beyond it get new, cold ones), at most 8. Each
// holds up to maxCache word forms: ~10 MB for two-pass NER (word entries
// and two models' role emissions), ~4 MB for POS and chunk (word entries
// only: they have no emission cache).
func freeScratch() int { return min(runtime.GOMAXPROCS(0), 8) }

// NewTagger builds the extractor the model's meta names.
func NewTagger(m *Model, res *Resources) (*Tagger, error) {
	ext, err := NewExtractor(m.Meta.FeatureSet, res)
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", m.Meta.Name, err)
	}
	if (ext.Has("amb") || ext.Has("mbt")) && len(m.Meta.Lexicon) == 0 {
		return nil, fmt.Errorf("model %s: feature set %s needs a lexicon, the model has none", m.Meta.Name, ext.ID())
	}
	ext.Lexicon = m.Meta.Lexicon
	if ext.Has("rareonly") {
		if m.Meta.TagDictKey != "word" || len(m.Meta.TagDict) == 0 {
			return nil, fmt.Errorf("model %s: feature set %s needs a word tag dictionary, the model has none", m.Meta.Name, ext.ID())
		}
		ext.Frequent = m.Meta.TagDict
	}
	return &Tagger{Model: m, Ext: ext}, nil
}

// Scratch is per-goroutine working memory for tagging.
type Scratch struct {
	W          Work
	D          Decoder
	flat       []uint64
	toks, offs []int
	em         []float32
	skip       []bool
	// Emission cache (NER): per model, the summed weights of each word
	// form's role features (Extractor.roleFeatures), so a word seen again
	// costs five vector additions instead of ~17 weight look-ups.
	ec      []*emitCache
	tokFlat []int32 // Work entry of every token of the document (pass 2)
	// skipFlat marks the document's tokens fixed by the tag dictionary
	// in both passes: no features in either.
	skipFlat []bool
	base     []float32
	feat1    []uint64
}

// emitCache holds, for one model, the role emissions of Work's word
// entries.
type emitCache struct {
	m    *Model
	gen  int       // Work generation the entries belong to
	bias []float32 // emission of the bias feature
	vec  []float32 // entry k, role r: vec[(k*NumRoles+r)*nl:][:nl]
	ok   []bool
}

// cache returns sc's emission cache for model m, creating it.
func (sc *Scratch) cache(m *Model, ext *Extractor) *emitCache {
	for _, c := range sc.ec {
		if c.m == m {
			return c
		}
	}
	c := &emitCache{m: m, bias: make([]float32, m.nl)}
	m.Emit([]uint64{ext.t.bias.Bias()}, c.bias)
	if len(sc.ec) >= 4 {
		sc.ec = sc.ec[1:]
	}
	sc.ec = append(sc.ec, c)
	return c
}

// emitBase returns the emissions of a sentence's word-role features and
// bias (n*nl), tok being the sentence's Work entries; the other features
// add on top (DecodeCands' base).
func (t *Tagger) emitBase(sc *Scratch, tok []int32) []float32 {
	m, w := t.Model, &sc.W
	c := sc.cache(m, t.Ext)
	nl := m.nl
	if c.gen != w.gen {
		clear(c.ok)
		c.gen = w.gen
	}
	if len(c.ok) < len(w.infos) {
		// Grow geometrically (words arrive a sentence at a time).
		n := max(len(w.infos), 2*len(c.ok), 256)
		ok := make([]bool, n)
		copy(ok, c.ok)
		vec := make([]float32, n*NumRoles*nl)
		copy(vec, c.vec)
		c.ok, c.vec = ok, vec
	}
	fill := func(k int32) {
		if c.ok[k] {
			return
		}
		c.ok[k] = true
		for r := 0; r < NumRoles; r++ {
			v := c.vec[(int(k)*NumRoles+r)*nl : (int(k)*NumRoles+r+1)*nl]
			clear(v)
			sc.feat1 = t.Ext.roleFeatures(&w.infos[k], r, sc.feat1[:0])
			m.Emit(sc.feat1, v)
		}
	}
	fill(infoStart)
	fill(infoEnd)
	for _, k := range tok {
		fill(k)
	}
	n := len(tok)
	sc.base = grow(sc.base, n*nl)
	at := func(i int) int {
		if i < 0 {
			return infoStart
		}
		if i >= n {
			return infoEnd
		}
		return int(tok[i])
	}
	role := func(k, r int) []float32 {
		return c.vec[(k*NumRoles+r)*nl : (k*NumRoles+r+1)*nl]
	}
	for i := 0; i < n; i++ {
		o := sc.base[i*nl : (i+1)*nl]
		copy(o, c.bias)
		for _, v := range [...][]float32{role(at(i), RoleSelf), role(at(i-1), RolePrev1), role(at(i+1), RoleNext1),
			role(at(i-2), RolePrev2), role(at(i+2), RoleNext2)} {
			v = v[:len(o)]
			for y, x := range v {
				o[y] += x
			}
		}
	}
	return sc.base
}

// TagDoc tags every sentence of a document and returns the labels and a
// per-token confidence.
//
// sc is the caller's scratch space. A nil or never-used (zero) Scratch is
// replaced by one from the tagger's own pool for the duration of the
// call: a stage that makes a fresh Scratch per article still finds the
// word and emission caches warm from earlier articles (the tagger keeps
// up to freeScratch() of them). The results never
// alias scratch memory.
func (t *Tagger) TagDoc(sc *Scratch, sents []Sentence) ([][]string, [][]float32) {
	if sc == nil || sc.W.cache == nil {
		t.once.Do(func() { t.free = make(chan *Scratch, freeScratch()) })
		var p *Scratch
		select {
		case p = <-t.free:
		default:
			p = new(Scratch)
		}
		defer func() {
			select {
			case t.free <- p:
			default:
			}
		}()
		sc = p
	}
	return t.tagDoc(sc, sents)
}

func (t *Tagger) tagDoc(sc *Scratch, sents []Sentence) ([][]string, [][]float32) {
	var info *DocInfo
	if t.Ext.Has("docword") || t.Ext.Has("doc") || (t.Pass2 != nil && (t.Pass2.Ext.Has("docword") || t.Pass2.Ext.Has("doc"))) {
		words := make([][]string, len(sents))
		for i := range sents {
			words[i] = sents[i].Words
		}
		info = NewDocInfo(words)
	}
	if t.Pass2 != nil && t.Pass2.Model.Meta.Stacked {
		return t.tagStacked(sc, sents, info)
	}
	reuse := t.Pass2 != nil && t.Pass2.Ext.DocOnly(t.Ext)
	// Split features: word-role features are scored once per word form
	// (emission cache) in every pass that can.
	split := t.Ext.splittable() && (t.Pass2 == nil || (reuse && t.Pass2.Ext.splittable()))
	sc.W.split = split
	defer func() { sc.W.split = false }()
	if split {
		// Reset the word cache between documents only: the emission
		// cache and pass 2 index its entries.
		sc.W.reset(t.Ext)
	}
	labels, conf := t.tagAll(sc, sents, info, nil, reuse)
	if t.Pass2 == nil {
		return labels, conf
	}
	if info != nil {
		for i := range sents {
			info.AddFirstPass(sents[i].Words, labels[i])
		}
	}
	if !reuse {
		return t.Pass2.tagAll(sc, sents, info, labels, false)
	}
	// Second pass: the first pass's features plus the document ones.
	out := make([][]string, len(sents))
	outConf := make([][]float32, len(sents))
	var fs [][]uint64
	var buf []uint64
	for i := range sents {
		fs = fs[:0]
		buf = buf[:0]
		for k := sc.offs[i]; k < sc.offs[i+1]; k++ {
			start := len(buf)
			if !sc.skipFlat[k] {
				buf = append(buf, sc.flat[sc.toks[k]:sc.toks[k+1]]...)
				buf = t.Pass2.Ext.AppendDoc(&sc.W, &sents[i], info, labels[i], k-sc.offs[i], buf)
			}
			fs = append(fs, buf[start:len(buf):len(buf)])
		}
		// buf may have moved while growing: re-slice.
		pos := 0
		for k := range fs {
			n := len(fs[k])
			fs[k] = buf[pos : pos+n : pos+n]
			pos += n
		}
		var base []float32
		if split {
			base = t.Pass2.emitBase(sc, sc.tokFlat[sc.offs[i]:sc.offs[i+1]])
		}
		out[i], outConf[i] = t.Pass2.decodeCands(sc, fs, base, t.Pass2.Model.Candidates(&sc.D, &sents[i]))
	}
	return out, outConf
}

func (t *Tagger) labels(path []int) []string {
	ls := make([]string, len(path))
	for k, y := range path {
		ls[k] = t.Model.Meta.Labels[y]
	}
	return ls
}

func (t *Tagger) decode(sc *Scratch, s *Sentence, feats [][]uint64) ([]string, []float32) {
	var cands [][]int32
	if s != nil {
		cands = t.Model.Candidates(&sc.D, s)
	}
	return t.decodeCands(sc, feats, nil, cands)
}

func (t *Tagger) decodeCands(sc *Scratch, feats [][]uint64, base []float32, cands [][]int32) ([]string, []float32) {
	path := t.Model.DecodeCands(&sc.D, feats, base, cands)
	ls := make([]string, len(path))
	for k, y := range path {
		ls[k] = t.Model.Meta.Labels[y]
	}
	return ls, append([]float32(nil), t.Model.Confidence(&sc.D)...)
}

// tagAll tags each sentence; keep stores the features in sc for a second
// pass (sc.flat, token k's at sc.toks[k]:sc.toks[k+1], sentence i's tokens
// at sc.offs[i]:sc.offs[i+1]).
func (t *Tagger) tagAll(sc *Scratch, sents []Sentence, info *DocInfo, prev [][]string, keep bool) ([][]string, [][]float32) {
	labels := make([][]string, len(sents))
	conf := make([][]float32, len(sents))
	if keep {
		sc.flat, sc.toks, sc.offs = sc.flat[:0], append(sc.toks[:0], 0), append(sc.offs[:0], 0)
		sc.tokFlat = sc.tokFlat[:0]
		sc.skipFlat = sc.skipFlat[:0]
	}
	for i := range sents {
		var p1 []string
		if prev != nil {
			p1 = prev[i]
		}
		// Candidates first: tokens with a single candidate need no
		// features. A first pass keeping its features for a second pass
		// skips a token only when the second pass has one candidate too
		// (same tag dictionary for a POS pair).
		sc.skip = sc.skip[:0]
		for _, c := range t.Model.Candidates(&sc.D, &sents[i]) {
			sc.skip = append(sc.skip, len(c) == 1)
		}
		if keep && len(sc.skip) > 0 {
			var c2 [][]int32
			if t.Pass2 != nil {
				c2 = t.Pass2.Model.Candidates(&sc.D, &sents[i])
			}
			for k := range sc.skip {
				if c2 == nil || len(c2[k]) != 1 {
					sc.skip[k] = false
				}
			}
		}
		feats := t.Ext.FeaturesSkip(&sc.W, &sents[i], info, p1, sc.skip)
		// Again: the second pass's call reused the same scratch.
		cands := t.Model.Candidates(&sc.D, &sents[i])
		var base []float32
		if sc.W.split {
			base = t.emitBase(sc, sc.W.tok)
		}
		if keep {
			for _, f := range feats {
				sc.flat = append(sc.flat, f...)
				sc.toks = append(sc.toks, len(sc.flat))
			}
			sc.offs = append(sc.offs, len(sc.toks)-1)
			sc.tokFlat = append(sc.tokFlat, sc.W.tok...)
			for k := range feats {
				sc.skipFlat = append(sc.skipFlat, k < len(sc.skip) && sc.skip[k])
			}
			// A first pass: its confidences are never read.
			labels[i] = t.labels(t.Model.DecodeCands(&sc.D, feats, base, cands))
			continue
		}
		labels[i], conf[i] = t.decodeCands(sc, feats, base, cands)
	}
	return labels, conf
}

// Normalize maps a token's typographic characters to the ASCII forms of
// the training data (CoNLL/PTB): curly quotes and apostrophes, dashes.
func Normalize(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return normalizer.Replace(w)
		}
	}
	return w
}

var normalizer = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", "\"", "\u201d", "\"",
	"\u2014", "--", "\u2013", "-", "\u00a0", " ")

// tagStacked runs the first pass keeping its emissions, then the stacked
// second pass: first-pass emissions + the document features' weights,
// decoded with the second pass's transitions. The second pass costs a few
// look-ups per token instead of a full re-scoring.
func (t *Tagger) tagStacked(sc *Scratch, sents []Sentence, info *DocInfo) ([][]string, [][]float32) {
	labels := make([][]string, len(sents))
	sc.em, sc.offs = sc.em[:0], append(sc.offs[:0], 0)
	for i := range sents {
		feats := t.Ext.Features(&sc.W, &sents[i], info, nil)
		labels[i], _ = t.decode(sc, nil, feats)
		sc.em = append(sc.em, sc.D.Emissions()...)
		sc.offs = append(sc.offs, len(sc.em))
	}
	for i := range sents {
		info.AddFirstPass(sents[i].Words, labels[i])
	}
	out := make([][]string, len(sents))
	conf := make([][]float32, len(sents))
	p2 := t.Pass2
	var fs [][]uint64
	for i := range sents {
		n := len(sents[i].Words)
		sc.flat = sc.flat[:0]
		if cap(sc.toks) < n+1 {
			sc.toks = make([]int, n+1)
		}
		toks := sc.toks[:n+1]
		for k := 0; k < n; k++ {
			toks[k] = len(sc.flat)
			sc.flat = p2.Ext.AppendDoc(&sc.W, &sents[i], info, labels[i], k, sc.flat)
		}
		toks[n] = len(sc.flat)
		fs = fs[:0]
		for k := 0; k < n; k++ {
			fs = append(fs, sc.flat[toks[k]:toks[k+1]])
		}
		base := sc.em[sc.offs[i]:sc.offs[i+1]]
		path := p2.Model.DecodeBase(&sc.D, fs, base)
		ls := make([]string, len(path))
		for k, y := range path {
			ls[k] = p2.Model.Meta.Labels[y]
		}
		out[i] = ls
		conf[i] = append([]float32(nil), p2.Model.Confidence(&sc.D)...)
	}
	return out, conf
}
