// Package tagger is a generic sequence tagger: a first-order linear-chain
// model (label-bigram transitions + per-token hashed features) decoded with
// Viterbi. The weights come from an averaged structured perceptron
// (internal/train); this package only serves them.
//
// Why a perceptron and not a CRF: on CoNLL-2003 the two reach the same
// accuracy with the same features (Ratinov & Roth 2009 use a greedy/beam
// perceptron; Stanford NER a CRF), the perceptron trains in seconds per
// epoch on two shared cores without gradient machinery, and serving is the
// same dot product + Viterbi for both.
//
// Features are strings hashed (FNV-1a, 64 bit) into 2^Bits buckets; a model
// keeps only the buckets that ever received weight (an index from bucket to
// row), so memory follows the number of features actually seen, and a
// feature never seen in training costs one failed index look-up.
package tagger

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"sort"
	"strings"
)

// Format is the on-disk format version; Load refuses other versions.
const Format = 1

// magic starts every model file (after gunzip).
const magic = "NGTAGGER"

// Meta describes a model: it is stored in the model file and checked at
// load time, so a model never runs with a feature extractor it was not
// trained with.
type Meta struct {
	Name       string   `json:"name"`        // "ner-en", "pos-en", ...
	Version    int      `json:"version"`     // bumped when retrained
	Format     int      `json:"format"`      // file format, = Format
	FeatureSet string   `json:"feature_set"` // extractor id, e.g. "ner-4"
	Labels     []string `json:"labels"`
	Bits       int      `json:"bits"` // hash buckets = 1<<Bits
	// DataDigest is the SHA-256 prefix of the training file(s);
	// ResourceDigest that of the gazetteers/clusters the features read.
	DataDigest     string `json:"data_digest"`
	ResourceDigest string `json:"resource_digest,omitempty"`
	Epochs         int    `json:"epochs"`
	Seed           int64  `json:"seed"`
	// Seeds, when > 1, is how many perceptrons (seeds Seed, Seed+1, ...)
	// were trained and their weights averaged into this model.
	Seeds int `json:"seeds,omitempty"`
	// Prune is the fraction of the largest weight below which whole
	// rows were dropped after training (0: none).
	Prune    float64 `json:"prune,omitempty"`
	DevScore float64 `json:"dev_score"` // F1 or accuracy in percent
	Notes    string  `json:"notes,omitempty"`
	// Stacked marks a second-pass model that holds only the weights of its
	// own ("doc") features: its scores add to the first pass's emissions.
	Stacked bool `json:"stacked,omitempty"`
	// Lexicon maps a frequent training word to its ambiguity class, the
	// tags it was seen with ("NN|VB"): the "amb" feature family (POS), as
	// in memory-based taggers. Part of the model: it is learned from the
	// training data.
	Lexicon map[string]string `json:"lexicon,omitempty"`
	// TagDict is a tag dictionary (Ratnaparkhi 1996): for a key seen at
	// least TagDictMin times in training, the labels it was seen with
	// ("NN VB", space-separated: labels may contain "|", as "NN|SYM"); only those are candidates when decoding, which prunes
	// both the emission scoring and the Viterbi transitions. A key not
	// in the dictionary gets every label. TagDictKey says what the key
	// is: "word" (the token as written), "pos" (the token's POS tag,
	// for the chunker) or "word+pos" (the word when in the dictionary,
	// else its POS tag, stored as the key "\t"+tag). Learned from the training data, so part of the
	// model; a model without one decodes over all labels.
	TagDict    map[string]string `json:"tag_dict,omitempty"`
	TagDictKey string            `json:"tag_dict_key,omitempty"`
	TagDictMin int               `json:"tag_dict_min,omitempty"`
	// TagDictOther, when set, are the candidates of a key not in the
	// dictionary: the labels seen with rare keys (fewer than TagDictMin
	// occurrences) in training, i.e. the open classes; "" = all labels.
	TagDictOther string `json:"tag_dict_other,omitempty"`
}

// Model is a trained tagger. It is read-only after Load, so one Model may
// be used from many goroutines.
type Model struct {
	Meta  Meta
	nl    int
	mask  uint64
	index []int32   // bucket -> row, -1 when empty: only while New builds the model
	rows  []float32 // row*nl + label
	// keys/vals is an open-addressing table from bucket+1 to row: the
	// serving look-up. It is a few hundred kB where index is 2^Bits
	// entries, so it stays in cache (the dense index made Emit
	// memory-bound: 3x slower).
	table []uint64 // (bucket+1)<<32 | row; 0 = empty
	tmask uint32
	// bits has one bit per bucket, set when the bucket has a row: 2^Bits/8
	// bytes (256 kB at 21 bits, in L2), and most features of a sentence
	// were never updated in training, so most look-ups end here.
	bits  []uint64
	trans []float32 // (nl+1)*nl: trans[prev*nl+cur]; prev == nl is the start state
	// cands is Meta.TagDict resolved to label indexes.
	cands map[string][]int32
	// posCands backs off to the POS tag ("word+pos"): dictionary keys
	// "\tNN" (a tab never occurs in a token).
	posCands map[string][]int32
	other    []int32 // candidates of keys not in cands; nil = all
}

// NumLabels reports the number of labels.
func (m *Model) NumLabels() int { return m.nl }

// Label returns the name of label y.
func (m *Model) Label(y int) string { return m.Meta.Labels[y] }

// Transitions returns a copy of the transition weights ((nl+1)*nl, last
// row = start).
func (m *Model) Transitions() []float32 { return append([]float32(nil), m.trans...) }

// Rows reports how many feature buckets carry weights.
func (m *Model) Rows() int { return len(m.rows) / max(m.nl, 1) }

// New builds a model from dense weights (len (1<<bits)*len(labels),
// bucket-major) and transitions ((len(labels)+1)*len(labels)), keeping only
// the buckets with a non-zero weight. The trainer calls it.
func New(meta Meta, dense, trans []float32) (*Model, error) {
	nl := len(meta.Labels)
	if nl == 0 || meta.Bits < 8 || meta.Bits > 26 {
		return nil, fmt.Errorf("tagger: bad meta (labels %d, bits %d)", nl, meta.Bits)
	}
	nb := 1 << meta.Bits
	if len(dense) != nb*nl || len(trans) != (nl+1)*nl {
		return nil, fmt.Errorf("tagger: weight sizes %d/%d do not match meta", len(dense), len(trans))
	}
	meta.Format = Format
	m := &Model{Meta: meta, nl: nl, mask: uint64(nb - 1), index: make([]int32, nb), trans: append([]float32(nil), trans...)}
	for b := 0; b < nb; b++ {
		row := dense[b*nl : (b+1)*nl]
		m.index[b] = -1
		for _, v := range row {
			if v != 0 {
				m.index[b] = int32(len(m.rows) / nl)
				m.rows = append(m.rows, row...)
				break
			}
		}
	}
	m.buildTable()
	if err := m.buildCands(); err != nil {
		return nil, err
	}
	return m, nil
}

// SetTagDict installs a tag dictionary (see Meta.TagDict): key is "word"
// or "pos", min the training count the trainer required. The trainer
// calls it; a nil dict removes the dictionary.
func (m *Model) SetTagDict(dict map[string]string, other, key string, min int) error {
	m.Meta.TagDict, m.Meta.TagDictOther, m.Meta.TagDictKey, m.Meta.TagDictMin = dict, other, key, min
	m.cands, m.other = nil, nil
	if len(dict) == 0 {
		m.Meta.TagDictOther, m.Meta.TagDictKey, m.Meta.TagDictMin = "", "", 0
	}
	return m.buildCands()
}

// buildCands resolves the tag dictionary to label indexes.
func (m *Model) buildCands() error {
	if len(m.Meta.TagDict) == 0 {
		return nil
	}
	switch m.Meta.TagDictKey {
	case "word", "pos", "word+pos":
	default:
		return fmt.Errorf("tagger: unknown tag dictionary key %q", m.Meta.TagDictKey)
	}
	index := make(map[string]int32, m.nl)
	for i, l := range m.Meta.Labels {
		index[l] = int32(i)
	}
	resolve := func(k, tags string) ([]int32, error) {
		var ys []int32
		for _, t := range strings.Split(tags, " ") {
			y, ok := index[t]
			if !ok {
				return nil, fmt.Errorf("tagger: tag dictionary entry %q has unknown label %q", k, t)
			}
			ys = append(ys, y)
		}
		sort.Slice(ys, func(i, j int) bool { return ys[i] < ys[j] })
		return ys, nil
	}
	m.cands = make(map[string][]int32, len(m.Meta.TagDict))
	m.posCands = nil
	for k, tags := range m.Meta.TagDict {
		ys, err := resolve(k, tags)
		if err != nil {
			return err
		}
		if pos, ok := strings.CutPrefix(k, "\t"); ok && m.Meta.TagDictKey == "word+pos" {
			if m.posCands == nil {
				m.posCands = map[string][]int32{}
			}
			m.posCands[pos] = ys
			continue
		}
		m.cands[k] = ys
	}
	m.other = nil
	if m.Meta.TagDictOther != "" {
		ys, err := resolve("(other)", m.Meta.TagDictOther)
		if err != nil {
			return err
		}
		m.other = ys
	}
	return nil
}

// Candidates returns, per token of s, the labels the tag dictionary
// allows (nil = every label), or nil when the model has no dictionary.
// The outer slice is d's scratch, reused by the next call.
func (m *Model) Candidates(d *Decoder, s *Sentence) [][]int32 {
	if m.cands == nil {
		return nil
	}
	keys := s.Words
	if m.Meta.TagDictKey == "pos" {
		keys = s.POS
	}
	d.cands = d.cands[:0]
	for i := range s.Words {
		c := m.other
		if i < len(keys) {
			if ys, ok := m.cands[keys[i]]; ok {
				c = ys
			} else if m.posCands != nil && i < len(s.POS) {
				if ys, ok := m.posCands[s.POS[i]]; ok {
					c = ys
				}
			}
		}
		d.cands = append(d.cands, c)
	}
	return d.cands
}

// buildTable fills the serving look-up table from index, then drops
// index (a 2^Bits slice; Write rebuilds what it needs from the table).
func (m *Model) buildTable() {
	buckets := make([]uint32, 0, len(m.rows)/m.nl)
	rows := make([]int32, 0, len(m.rows)/m.nl)
	for b, r := range m.index {
		if r >= 0 {
			buckets = append(buckets, uint32(b))
			rows = append(rows, r)
		}
	}
	m.fillTable(buckets, rows)
	m.index = nil
}

// fillTable builds the bitmap and the open-addressing table from the
// buckets that carry rows.
func (m *Model) fillTable(buckets []uint32, rows []int32) {
	size := 1024
	for size < 2*len(buckets) {
		size <<= 1
	}
	m.table = make([]uint64, size)
	m.tmask = uint32(size - 1)
	m.bits = make([]uint64, (int(m.mask)+1+63)/64)
	for j, b := range buckets {
		m.bits[b>>6] |= 1 << (b & 63)
		i := b & m.tmask
		for m.table[i] != 0 {
			i = (i + 1) & m.tmask
		}
		m.table[i] = uint64(b+1)<<32 | uint64(uint32(rows[j]))
	}
}

// buckets returns the buckets that carry rows, in order, and their rows.
func (m *Model) buckets() ([]uint32, []int32) {
	var bs []uint32
	for _, e := range m.table {
		if e != 0 {
			bs = append(bs, uint32(e>>32)-1)
		}
	}
	sort.Slice(bs, func(i, j int) bool { return bs[i] < bs[j] })
	rs := make([]int32, len(bs))
	for i, b := range bs {
		rs[i] = m.row(b)
	}
	return bs, rs
}

// row returns the row of bucket b, or -1.
func (m *Model) row(b uint32) int32 {
	k := uint64(b + 1)
	for i := b & m.tmask; ; i = (i + 1) & m.tmask {
		e := m.table[i]
		if e>>32 == k {
			return int32(uint32(e))
		}
		if e == 0 {
			return -1
		}
	}
}

// weights returns feature f's weight row (one per label), or nil when the
// model has none: the bit set answers most misses without probing.
func (m *Model) weights(f uint64) []float32 {
	b := uint32(f & m.mask)
	if m.bits[b>>6]&(1<<(b&63)) == 0 {
		return nil
	}
	r := m.row(b)
	if r < 0 {
		return nil
	}
	nl := m.nl
	return m.rows[int(r)*nl : int(r)*nl+nl : int(r)*nl+nl]
}

// Emit adds the emission scores of the features to out (len NumLabels).
func (m *Model) Emit(feats []uint64, out []float32) {
	for _, f := range feats {
		row := m.weights(f)
		o := out[:len(row)]
		for y, v := range row {
			o[y] += v
		}
	}
}

// Decoder holds the scratch buffers of one decoding; reuse one per
// goroutine to avoid allocations.
type Decoder struct {
	emit []float32
	back []int32
	path []int
	conf []float32
	// cands are the candidate labels of the last decoding (nil entry or
	// nil slice = all labels).
	cands [][]int32
	cur   []int32 // candidate-label scratch
}

// Decode tags a sentence given each token's features and returns the best
// label sequence (label indexes; the slice is reused by the next call).
func (m *Model) Decode(d *Decoder, feats [][]uint64) []int {
	return m.DecodeBase(d, feats, nil)
}

// DecodeBase is Decode with base emission scores (n*NumLabels) added: a
// stacked second pass scores only its own features on top of the first
// pass's emissions.
func (m *Model) DecodeBase(d *Decoder, feats [][]uint64, base []float32) []int {
	return m.DecodeCands(d, feats, base, nil)
}

// DecodeCands is DecodeBase restricted to candidate labels per token
// (Candidates; a nil entry allows every label, nil cands is DecodeBase):
// only candidates are scored and only candidate-to-candidate transitions
// are searched.
func (m *Model) DecodeCands(d *Decoder, feats [][]uint64, base []float32, cands [][]int32) []int {
	if cands == nil {
		d.cands = d.cands[:0]
		return m.decodeFull(d, feats, base)
	}
	n, nl := len(feats), m.nl
	d.cands = cands
	d.emit = grow(d.emit, n*nl)
	if base != nil {
		copy(d.emit, base[:n*nl])
	} else {
		clear(d.emit)
	}
	for i, f := range feats {
		if c := cands[i]; len(c) == 1 {
			// One candidate: its emission adds the same to every path,
			// so it cannot change the argmax; skip the look-ups.
			continue
		} else if c != nil {
			m.emitCands(f, c, d.emit[i*nl:(i+1)*nl])
		} else {
			m.Emit(f, d.emit[i*nl:(i+1)*nl])
		}
	}
	if cap(d.cur) < nl {
		d.cur = make([]int32, nl)
		for y := range d.cur {
			d.cur[y] = int32(y)
		}
	}
	all := d.cur[:nl]
	d.path = ViterbiCands(n, nl, d.emit, m.trans, cands, all, &d.back, d.path)
	return d.path
}

// emitCands is Emit for the candidate labels only.
func (m *Model) emitCands(feats []uint64, cands []int32, out []float32) {
	for _, f := range feats {
		row := m.weights(f)
		if row == nil {
			continue
		}
		for _, y := range cands {
			out[y] += row[y]
		}
	}
}

// ViterbiCands is Viterbi over candidate labels: cands[i] (nil = all)
// lists the labels token i may take, all lists every label (0..nl-1).
// Only candidates' emissions are read.
func ViterbiCands(n, nl int, emit, trans []float32, cands [][]int32, all []int32, back *[]int32, path []int) []int {
	if n == 0 {
		return path[:0]
	}
	*back = growI32(*back, n*nl)
	bk := *back
	var cur, prev [64]float32
	var curS, prevS []float32
	if nl <= 64 {
		curS, prevS = cur[:nl], prev[:nl]
	} else {
		curS, prevS = make([]float32, nl), make([]float32, nl)
	}
	cs := func(i int) []int32 {
		if c := cands[i]; c != nil {
			return c
		}
		return all
	}
	start := trans[nl*nl:]
	pc := cs(0)
	for _, y := range pc {
		prevS[y] = emit[y] + start[y]
	}
	for i := 1; i < n; i++ {
		e := emit[i*nl : (i+1)*nl]
		cc := cs(i)
		for _, y := range cc {
			best, arg := float32(math.Inf(-1)), pc[0]
			for _, p := range pc {
				if s := prevS[p] + trans[int(p)*nl+int(y)]; s > best {
					best, arg = s, p
				}
			}
			curS[y] = best + e[y]
			bk[i*nl+int(y)] = arg
		}
		curS, prevS = prevS, curS
		pc = cc
	}
	if cap(path) < n {
		path = make([]int, n)
	}
	path = path[:n]
	best, arg := float32(math.Inf(-1)), pc[0]
	for _, y := range pc {
		if prevS[y] > best {
			best, arg = prevS[y], y
		}
	}
	path[n-1] = int(arg)
	for i := n - 1; i > 0; i-- {
		path[i-1] = int(bk[i*nl+path[i]])
	}
	return path
}

func (m *Model) decodeFull(d *Decoder, feats [][]uint64, base []float32) []int {
	n, nl := len(feats), m.nl
	d.emit = grow(d.emit, n*nl)
	if base != nil {
		copy(d.emit, base[:n*nl])
	} else {
		for i := range d.emit {
			d.emit[i] = 0
		}
	}
	for i, f := range feats {
		m.Emit(f, d.emit[i*nl:(i+1)*nl])
	}
	d.path = Viterbi(n, nl, d.emit, m.trans, &d.back, d.path)
	return d.path
}

// Emissions returns the emission scores of the last Decode (n*NumLabels;
// reused by the next call).
func (d *Decoder) Emissions() []float32 { return d.emit }

// Confidence returns, for each token of the last Decode, a score in [0,1]:
// the logistic of the margin between the chosen label's local score
// (emission + transition from the chosen previous label) and the best
// alternative. Cheap, monotone in the model's certainty; not a probability.
func (m *Model) Confidence(d *Decoder) []float32 {
	n, nl := len(d.path), m.nl
	d.conf = grow(d.conf, n)
	for i, y := range d.path {
		prev := nl
		if i > 0 {
			prev = d.path[i-1]
		}
		best, second := float32(math.Inf(-1)), float32(math.Inf(-1))
		score := func(z int) {
			s := d.emit[i*nl+z] + m.trans[prev*nl+z]
			if z == y {
				best = s
			} else if s > second {
				second = s
			}
		}
		if i < len(d.cands) && d.cands[i] != nil {
			for _, z := range d.cands[i] { // the labels the tag dictionary allows
				score(int(z))
			}
		} else {
			for z := range nl {
				score(z)
			}
		}
		d.conf[i] = float32(1 / (1 + math.Exp(-float64(best-second))))
	}
	return d.conf[:n]
}

// Viterbi finds the best label sequence for n tokens given emission scores
// (n*nl) and transitions ((nl+1)*nl, last row = start). back and path are
// scratch buffers, reused when large enough.
func Viterbi(n, nl int, emit, trans []float32, back *[]int32, path []int) []int {
	if n == 0 {
		return path[:0]
	}
	if nl <= 16 {
		return viterbiSmall(n, nl, emit, trans, back, path)
	}
	*back = growI32(*back, n*nl)
	bk := *back
	var cur, prev [64]float32
	var curS, prevS []float32
	if nl <= 64 {
		curS, prevS = cur[:nl], prev[:nl]
	} else {
		curS, prevS = make([]float32, nl), make([]float32, nl)
	}
	start := trans[nl*nl:]
	for y := 0; y < nl; y++ {
		prevS[y] = emit[y] + start[y]
	}
	for i := 1; i < n; i++ {
		e := emit[i*nl : (i+1)*nl]
		for y := 0; y < nl; y++ {
			best, arg := float32(math.Inf(-1)), 0
			for p := 0; p < nl; p++ {
				if s := prevS[p] + trans[p*nl+y]; s > best {
					best, arg = s, p
				}
			}
			curS[y] = best + e[y]
			bk[i*nl+y] = int32(arg)
		}
		curS, prevS = prevS, curS
	}
	return backtrack(n, nl, prevS, bk, path)
}

// viterbiSmall is Viterbi for at most 16 labels (NER: 9): the
// transitions are transposed into a stack array so the inner loop over
// previous labels reads contiguous memory without bounds checks. It
// visits labels in the same order with the same comparisons, so its
// result is identical to the general loop's.
func viterbiSmall(n, nl int, emit, trans []float32, back *[]int32, path []int) []int {
	*back = growI32(*back, n*nl)
	bk := *back
	var tt [16 * 16]float32 // tt[y*nl+p] = trans[p*nl+y]
	for p := 0; p < nl; p++ {
		for y := 0; y < nl; y++ {
			tt[y*nl+p] = trans[p*nl+y]
		}
	}
	var cur, prev [16]float32
	curS, prevS := cur[:nl], prev[:nl]
	start := trans[nl*nl : nl*nl+nl]
	for y := range prevS {
		prevS[y] = emit[y] + start[y]
	}
	for i := 1; i < n; i++ {
		e := emit[i*nl : (i+1)*nl]
		e = e[:len(curS)]
		b := bk[i*nl : (i+1)*nl]
		b = b[:len(curS)]
		for y := range curS {
			col := tt[y*nl : y*nl+nl]
			col = col[:len(prevS)]
			best, arg := float32(math.Inf(-1)), 0
			for p, v := range prevS {
				if s := v + col[p]; s > best {
					best, arg = s, p
				}
			}
			curS[y] = best + e[y]
			b[y] = int32(arg)
		}
		curS, prevS = prevS, curS
	}
	return backtrack(n, nl, prevS, bk, path)
}

// backtrack follows the back-pointers from the best final label.
func backtrack(n, nl int, last []float32, bk []int32, path []int) []int {
	if cap(path) < n {
		path = make([]int, n)
	}
	path = path[:n]
	best, arg := float32(math.Inf(-1)), 0
	for y := 0; y < nl; y++ {
		if last[y] > best {
			best, arg = last[y], y
		}
	}
	path[n-1] = arg
	for i := n - 1; i > 0; i-- {
		path[i-1] = int(bk[i*nl+path[i]])
	}
	return path
}

func grow(b []float32, n int) []float32 {
	if cap(b) < n {
		return make([]float32, n)
	}
	return b[:n]
}

func growI32(b []int32, n int) []int32 {
	if cap(b) < n {
		return make([]int32, n)
	}
	return b[:n]
}

// Write stores the model gzip-compressed: magic, meta JSON, transitions,
// then the non-empty buckets (delta-coded) and their rows quantised to
// int16 with one scale per model (the loss is far below the perceptron's
// own noise; it halves the file).
func (m *Model) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	meta, err := json.Marshal(m.Meta)
	if err != nil {
		return err
	}
	bw.WriteString(magic)
	var scratch [binary.MaxVarintLen64]byte
	putU := func(v uint64) { bw.Write(scratch[:binary.PutUvarint(scratch[:], v)]) }
	putU(uint64(len(meta)))
	bw.Write(meta)
	for _, v := range m.trans {
		binary.Write(bw, binary.LittleEndian, v)
	}
	var maxAbs float32
	for _, v := range m.rows {
		maxAbs = max(maxAbs, float32(math.Abs(float64(v))))
	}
	scale := maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	binary.Write(bw, binary.LittleEndian, scale)
	nrows := len(m.rows) / m.nl
	putU(uint64(nrows))
	bs, order := m.buckets()
	last := -1
	for _, b := range bs {
		putU(uint64(int(b) - last))
		last = int(b)
	}
	// Rows in bucket order, label-major within the file for better
	// compression (same label's weights are similar in magnitude).
	buf := make([]byte, 2)
	for y := 0; y < m.nl; y++ {
		for _, r := range order {
			q := int16(math.Round(float64(m.rows[int(r)*m.nl+y] / scale)))
			binary.LittleEndian.PutUint16(buf, uint16(q))
			bw.Write(buf)
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

// Load reads the model file name from fsys. It checks the format, the meta
// and every size, and returns an error (never panics) on a bad file.
func Load(fsys fs.FS, name string) (*Model, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("load tagger model %s: %w", name, err)
	}
	defer f.Close()
	m, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("load tagger model %s: %w", name, err)
	}
	return m, nil
}

// Read decodes a model written by Write.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("not a tagger model (bad magic)")
	}
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<25 {
		return nil, errors.New("bad meta length")
	}
	mb := make([]byte, n)
	if _, err := io.ReadFull(br, mb); err != nil {
		return nil, fmt.Errorf("read meta: %w", err)
	}
	var meta Meta
	if err := json.Unmarshal(mb, &meta); err != nil {
		return nil, fmt.Errorf("decode meta: %w", err)
	}
	if meta.Format != Format {
		return nil, fmt.Errorf("model format %d, this build reads %d", meta.Format, Format)
	}
	nl := len(meta.Labels)
	if nl == 0 || nl > 1024 || meta.Bits < 8 || meta.Bits > 26 {
		return nil, fmt.Errorf("bad meta (labels %d, bits %d)", nl, meta.Bits)
	}
	m := &Model{Meta: meta, nl: nl, mask: uint64(1)<<meta.Bits - 1}
	m.trans = make([]float32, (nl+1)*nl)
	if err := binary.Read(br, binary.LittleEndian, m.trans); err != nil {
		return nil, fmt.Errorf("read transitions: %w", err)
	}
	var scale float32
	if err := binary.Read(br, binary.LittleEndian, &scale); err != nil {
		return nil, fmt.Errorf("read scale: %w", err)
	}
	nrows, err := binary.ReadUvarint(br)
	nb := 1 << meta.Bits
	if err != nil || nrows > uint64(nb) {
		return nil, errors.New("bad row count")
	}
	buckets := make([]uint32, nrows)
	rowIDs := make([]int32, nrows)
	b := -1
	for r := 0; r < int(nrows); r++ {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("read index: %w", err)
		}
		b += int(d)
		if d == 0 || b >= nb {
			return nil, errors.New("bad bucket index")
		}
		buckets[r], rowIDs[r] = uint32(b), int32(r)
	}
	// The file holds the weights label by label (they compress better so);
	// memory wants them row by row. Transposing a block of rows at a time
	// keeps the writes in cache: row by row over the whole model was most
	// of the load time.
	nr := int(nrows)
	m.rows = make([]float32, nr*nl)
	raw := make([]byte, nr*nl*2)
	if _, err := io.ReadFull(br, raw); err != nil {
		return nil, fmt.Errorf("read weights: %w", err)
	}
	const block = 512
	for r0 := 0; r0 < nr; r0 += block {
		r1 := min(r0+block, nr)
		for y := 0; y < nl; y++ {
			col := raw[2*y*nr:]
			for r := r0; r < r1; r++ {
				m.rows[r*nl+y] = float32(int16(binary.LittleEndian.Uint16(col[2*r:]))) * scale
			}
		}
	}
	m.fillTable(buckets, rowIDs)
	if err := m.buildCands(); err != nil {
		return nil, err
	}
	return m, nil
}
