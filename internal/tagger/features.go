package tagger

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is the input of feature extraction: the words and, for the
// chunker, their POS tags.
type Sentence struct {
	Words []string
	POS   []string
}

// Families of NER features; a feature set is a task plus a subset of these,
// so an ablation is a different feature-set id, recorded in the model.
var nerFamilies = []string{"affix", "caps", "clu", "doc", "docword", "gaz", "shape", "win"}

// DefaultFeatures are the feature-set ids the trainer uses by default.
var DefaultFeatures = map[string]string{
	"ner":   "ner-1:clu,doc,docword,gaz,shape,win",
	"pos":   "pos-2:caps,clu,ctx,rareonly,unk,unkclu", // one pass; two passes (dev 95.73, whole flow ~25% slower): --features pos-2:caps,clu,stackw
	"chunk": "chunk-2:caps,clu",
}

// Feature families the extractors test per token, as indexes into
// Extractor.on (a map look-up per test was a tenth of POS tagging time).
const (
	fAffix = iota
	fAmb
	fAux
	fCaps
	fClu
	fClu2
	fCoarse
	fCtx
	fCtx2
	fDoc
	fDocword
	fGaz
	fMbt
	fRareonly
	fShape
	fStack
	fStackw
	fUnk
	fUnkclu
	fWin
	numFam
)

// famIndex maps a family name to its index in Extractor.on.
var famIndex = map[string]int{"affix": fAffix, "amb": fAmb, "aux": fAux, "caps": fCaps, "clu": fClu, "clu2": fClu2, "coarse": fCoarse, "ctx": fCtx, "ctx2": fCtx2, "doc": fDoc, "docword": fDocword, "gaz": fGaz, "mbt": fMbt, "rareonly": fRareonly, "shape": fShape, "stack": fStack, "stackw": fStackw, "unk": fUnk, "unkclu": fUnkclu, "win": fWin}

// Extractor turns sentences into hashed features. It is read-only once
// built and safe for concurrent use.
type Extractor struct {
	id   string
	task string
	fam  map[string]bool
	on   [numFam]bool // fam by index, for the per-token tests
	res  *Resources
	t    templates
	// Lexicon is the model's word -> ambiguity class map ("amb" family);
	// set by NewTagger or by the trainer before extracting.
	Lexicon map[string]string
	// Frequent is the model's word tag dictionary (the words seen often
	// in training): with "rareonly", the "unk" and "unkclu" features go
	// to the other words only, as MBT keeps its letter features for
	// unknown words (a third of the look-ups per frequent token saved).
	Frequent map[string]string
}

type templates struct {
	bias, w, lw, sh, pre, suf, win, shw, bi, first, caps, capsLW, clu, cluW, gaz, gazW,
	dw, dwSeq, doc, p1, pos, posW, posBi, posTri, lwPos, hy, dig, up Tpl
}

// NewExtractor builds the extractor a feature-set id names, e.g.
// "ner-1:affix,gaz,win". Families that read resources need res.
func NewExtractor(id string, res *Resources) (*Extractor, error) {
	task, fams, _ := strings.Cut(id, ":")
	e := &Extractor{id: id, task: task, fam: map[string]bool{}, res: res}
	switch task {
	case "ner-1", "pos-2", "chunk-2":
	default:
		return nil, fmt.Errorf("unknown feature set %q", id)
	}
	for _, f := range strings.Split(fams, ",") {
		if f != "" {
			e.fam[f] = true
			if k, ok := famIndex[f]; ok {
				e.on[k] = true
			}
		}
	}
	if (e.on[fClu] || e.on[fGaz]) && res == nil {
		return nil, fmt.Errorf("feature set %q needs the NER resources (gazetteer, clusters)", id)
	}
	t := &e.t
	for p, name := range map[*Tpl]string{
		&t.bias: "b", &t.w: "w", &t.lw: "lw", &t.sh: "sh", &t.pre: "pre", &t.suf: "suf",
		&t.win: "win", &t.shw: "shw", &t.bi: "bi", &t.first: "first", &t.caps: "caps",
		&t.capsLW: "capslw", &t.clu: "clu", &t.cluW: "cluw", &t.gaz: "gaz", &t.gazW: "gazw",
		&t.dw: "dw", &t.dwSeq: "dwseq", &t.doc: "doc", &t.p1: "p1", &t.pos: "pos", &t.posW: "posw",
		&t.posBi: "posbi", &t.posTri: "postri", &t.lwPos: "lwpos", &t.hy: "hy", &t.dig: "dig", &t.up: "up",
	} {
		*p = NewTpl(name)
	}
	return e, nil
}

// ID returns the feature-set id.
func (e *Extractor) ID() string { return e.id }

// Has reports whether the feature family is on.
func (e *Extractor) Has(fam string) bool { return e.fam[fam] }

// CanonicalFeatures returns the id for a task with families sorted, so
// "ner-1:win,affix" and "ner-1:affix,win" are the same set.
func CanonicalFeatures(task string, fams []string) string {
	s := append([]string(nil), fams...)
	sort.Strings(s)
	return task + ":" + strings.Join(s, ",")
}

// NERFamilies lists the NER feature families (for ablations).
func NERFamilies() []string { return append([]string(nil), nerFamilies...) }

// DocInfo is what the document-level families know about the document a
// sentence belongs to. Build it with NewDocInfo; First is filled by the
// first tagging pass (two-pass scheme) and is nil in the first pass.
type DocInfo struct {
	// capCount/lowCount count, per lower-cased word, its capitalised
	// occurrences not at sentence start, and its lower-case occurrences.
	capCount, lowCount map[string]int
	// seqPos records, per word, the positions it takes in the
	// capitalised sequences of length >= 2 of the document (bit 0: first,
	// bit 1: inside, bit 2: last).
	seqPos map[string]uint8
	// first holds, per word, counts of first-pass entity types
	// (PER, ORG, LOC, MISC) over the document.
	first map[string]*[4]int
}

// NewDocInfo gathers the word statistics of a document.
func NewDocInfo(sents [][]string) *DocInfo {
	d := &DocInfo{capCount: map[string]int{}, lowCount: map[string]int{}, seqPos: map[string]uint8{}}
	for _, ws := range sents {
		allCaps := sentenceAllCaps(ws)
		for i, w := range ws {
			if !isCap(w) {
				if hasLetter(w) {
					d.lowCount[strings.ToLower(w)]++
				}
				continue
			}
			if i > 0 && !allCaps {
				d.capCount[w]++
			}
		}
		if allCaps {
			continue
		}
		for i := 0; i < len(ws); {
			if !isCap(ws[i]) {
				i++
				continue
			}
			j := i
			for j < len(ws) && isCap(ws[j]) {
				j++
			}
			if j-i >= 2 {
				for k := i; k < j; k++ {
					var b uint8 = 2
					if k == i {
						b = 1
					} else if k == j-1 {
						b = 4
					}
					d.seqPos[ws[k]] |= b
				}
			}
			i = j
		}
	}
	return d
}

// AddFirstPass records the first pass's entity labels (BIO strings) of a
// sentence.
func (d *DocInfo) AddFirstPass(ws []string, labels []string) {
	if d.first == nil {
		d.first = map[string]*[4]int{}
	}
	for i, w := range ws {
		l := labels[i]
		if l == "O" || len(l) < 3 || !isCap(w) {
			continue
		}
		t := typeIndex(l[2:])
		if t < 0 {
			continue
		}
		c := d.first[w]
		if c == nil {
			c = new([4]int)
			d.first[w] = c
		}
		c[t]++
	}
}

func typeIndex(t string) int {
	switch t {
	case "PER":
		return 0
	case "ORG":
		return 1
	case "LOC":
		return 2
	case "MISC":
		return 3
	}
	return -1
}

var typeNames = [4]string{"PER", "ORG", "LOC", "MISC"}

// Work holds per-goroutine scratch space for Features.
type Work struct {
	lower, shape []string
	gaz          [][NumGaz]uint8 // per token, per category: 0 none, 1 B, 2 I, 3 L, 4 U
	feats        [][]uint64
	store        []uint64
	starts       []int
	allCaps      bool
	// cache maps a word to its entry in infos (its normalised lower case,
	// shape, cluster and the hashes of the features that depend on the
	// word alone): words repeat, and computing them allocates and hashes.
	cache map[string]int32
	infos []wordInfo
	tok   []int32 // per token, its entry in infos
	clu   []int64 // cluster code per token, -1 when none
	// gen counts resets of cache (entries of infos are stable between
	// resets, so caches indexed by them know when to drop).
	gen int
	// split leaves the word-role features (RoleFeatures) out of the NER
	// feature lists: the tagger adds their summed weights per word form
	// from its emission cache instead. Serving only; training wants
	// full lists.
	split bool
}

// maxCache bounds the word cache; it is emptied when larger. 16k words
// cover the dev set's vocabulary (10k) and keep a pooled Scratch near
// 10 MB (word entries + two NER models' emission caches).
const maxCache = 1 << 14

// reset empties the word cache when it has grown past maxCache (or was
// never built).
func (w *Work) reset(e *Extractor) {
	if w.cache == nil || len(w.cache) > maxCache {
		w.cache = make(map[string]int32, 1024)
		w.infos = append(w.infos[:0], e.info("<s>", true), e.info("</s>", true))
		w.gen++
	}
}

// Word roles: the features a word form gives itself (RoleSelf) and the
// tokens around it (as the previous word of its right neighbour, ...).
const (
	RoleSelf  = iota
	RolePrev1 // this word is token i-1 of token i
	RoleNext1 // i+1
	RolePrev2 // i-2
	RoleNext2 // i+2
	NumRoles
)

// RoleFeatures appends the NER features that depend only on the word form
// of one token in a role: the part of a token's features that a tagger
// can score once per word form and reuse (Work.split leaves them out of
// the lists). Only the "ner-1" extractor has roles.
func (e *Extractor) roleFeatures(c *wordInfo, role int, f []uint64) []uint64 {
	sh, win, clu := e.on[fShape], e.on[fWin], e.on[fClu]
	switch role {
	case RoleSelf:
		f = append(f, c.hW, c.hLW)
		if sh {
			f = append(f, c.hSh)
		}
		if clu {
			f = append(f, c.clu0[:c.nClu0]...)
		}
	case RolePrev1, RoleNext1:
		k := role - RolePrev1
		if win {
			f = append(f, c.win[k])
			if sh {
				f = append(f, c.shw[k])
			}
		}
		if clu {
			if role == RolePrev1 {
				f = append(f, c.cluL[:c.nCluN]...)
			} else {
				f = append(f, c.cluR[:c.nCluN]...)
			}
		}
	case RolePrev2, RoleNext2:
		if win {
			f = append(f, c.win[2+role-RolePrev2])
		}
	}
	return f
}

// splittable reports whether the extractor's features can be split into
// word roles and the rest (NER without the affix family, whose features
// are word-only too but are not in the roles).
func (e *Extractor) splittable() bool { return e.task == "ner-1" && !e.on[fAffix] }

// wordInfo is what Work caches per word form: its normalised forms and
// the hashes of the features that read only this word (template hashes
// are fixed strings, so they are the same for every extractor). The NER
// features read them instead of re-hashing the word at every occurrence
// and in every neighbour's window; the hashes are the same values, so
// models are unchanged.
type wordInfo struct {
	lower, shape string
	lowerRaw     string // strings.ToLower of the word (document counts)
	clu          int64
	isCap        bool
	hW, hLW, hSh uint64
	win          [4]uint64 // win=-1|w, +1, -2, +2 (this word as that neighbour)
	shw          [2]uint64 // shw=-1|shape, +1
	clu0         [3]uint64 // cluster prefixes as the current word
	cluL, cluR   [2]uint64 // as the left / right neighbour
	nClu0, nCluN int       // how many of clu0 / cluL, cluR are set
	biL          uint64    // hash state of bi=w| (this word on the left of a bigram)
	biR          uint64    // hash state of bi=+|w| (this word on the left of a +bigram)
}

// Boundary entries of Work.infos: the words before and after a sentence.
const (
	infoStart = 0 // "<s>"
	infoEnd   = 1 // "</s>"
)

// info fills a word's cache entry.
func (e *Extractor) info(word string, boundary bool) wordInfo {
	t := &e.t
	c := wordInfo{lower: word, shape: word, clu: -1}
	if !boundary {
		c.lower, c.shape = normLower(word), shape(word)
		c.isCap = isCap(word)
		if c.isCap {
			c.lowerRaw = strings.ToLower(word)
		}
		if e.res != nil {
			if code, ok := e.res.Clusters[c.lower]; ok {
				c.clu = int64(code)
			}
		}
	}
	c.hW, c.hLW, c.hSh = t.w.Str(word), t.lw.Str(c.lower), t.sh.Str(c.shape)
	c.win = [4]uint64{t.win.Str2("-1", c.lower), t.win.Str2("+1", c.lower), t.win.Str2("-2", c.lower), t.win.Str2("+2", c.lower)}
	c.shw = [2]uint64{t.shw.Str2("-1", c.shape), t.shw.Str2("+1", c.shape)}
	c.nClu0 = len(e.clusterFeats(c.clu0[:0], c.clu, "0", true))
	c.nCluN = len(e.clusterFeats(c.cluL[:0], c.clu, "-1", false))
	e.clusterFeats(c.cluR[:0], c.clu, "+1", false)
	c.biL = hstr(hstr(uint64(t.bi), c.lower), "|")
	c.biR = hstr(hstr(hstr(hstr(uint64(t.bi), "+"), "|"), c.lower), "|")
	return c
}

// at returns the cache entry of token k (boundaries outside the sentence).
func (w *Work) at(k int) *wordInfo {
	if k < 0 {
		return &w.infos[infoStart]
	}
	if k >= len(w.tok) {
		return &w.infos[infoEnd]
	}
	return &w.infos[w.tok[k]]
}

// Features computes the features of every token of s. doc may be nil
// (document families then do nothing); prev1 is the first-pass label of
// each token, or nil. The result is reused by the next call on w.
func (e *Extractor) Features(w *Work, s *Sentence, doc *DocInfo, prev1 []string) [][]uint64 {
	return e.FeaturesSkip(w, s, doc, prev1, nil)
}

// FeaturesSkip is Features leaving the tokens with skip[i] set without
// features (empty lists): a token the tag dictionary allows only one
// label needs no scoring.
func (e *Extractor) FeaturesSkip(w *Work, s *Sentence, doc *DocInfo, prev1 []string, skip []bool) [][]uint64 {
	n := len(s.Words)
	w.lower = w.lower[:0]
	w.shape = w.shape[:0]
	if !w.split || w.cache == nil {
		// A split caller (the tagger) resets between documents: its
		// emission cache holds indexes into infos for a whole document.
		w.reset(e)
	}
	w.clu = w.clu[:0]
	w.tok = w.tok[:0]
	for _, word := range s.Words {
		k, ok := w.cache[word]
		if !ok {
			k = int32(len(w.infos))
			w.infos = append(w.infos, e.info(word, false))
			w.cache[word] = k
		}
		c := &w.infos[k]
		w.tok = append(w.tok, k)
		w.lower = append(w.lower, c.lower)
		w.shape = append(w.shape, c.shape)
		w.clu = append(w.clu, c.clu)
	}
	if cap(w.feats) < n {
		w.feats = make([][]uint64, n)
	}
	w.feats = w.feats[:n]
	w.store = w.store[:0]
	if e.on[fGaz] {
		e.matchGaz(w, s.Words)
	}
	w.allCaps = sentenceAllCaps(s.Words)
	if cap(w.starts) < n+1 {
		w.starts = make([]int, n+1)
	}
	starts := w.starts[:n+1]
	for i := 0; i < n; i++ {
		starts[i] = len(w.store)
		if i < len(skip) && skip[i] {
			continue
		}
		switch e.task {
		case "ner-1":
			w.store = e.ner(w, s, doc, prev1, i, w.store)
		case "pos-2":
			w.store = e.pos(w, s, doc, i, w.store)
			if e.on[fStack] || e.on[fStackw] {
				w.store = e.stackFeatures(s, prev1, i, w.store)
			}
		case "chunk-2":
			w.store = e.chunk(w, s, i, w.store)
		}
	}
	starts[n] = len(w.store)
	for i := 0; i < n; i++ {
		w.feats[i] = w.store[starts[i]:starts[i+1]:starts[i+1]]
	}
	return w.feats
}

func (w *Work) word(i int) string {
	if i < 0 {
		return "<s>"
	}
	if i >= len(w.lower) {
		return "</s>"
	}
	return w.lower[i]
}

func (w *Work) shp(i int) string {
	if i < 0 {
		return "<s>"
	}
	if i >= len(w.shape) {
		return "</s>"
	}
	return w.shape[i]
}

func (e *Extractor) ner(w *Work, s *Sentence, doc *DocInfo, prev1 []string, i int, f []uint64) []uint64 {
	t := &e.t
	// The word-only features come hashed from the word cache (same
	// values and order as hashing them here).
	cur, prev, next := w.at(i), w.at(i-1), w.at(i+1)
	lw := cur.lower
	split := w.split
	if split {
		// Word-role features (RoleFeatures) come from the tagger's
		// emission cache; bias is constant and scored there too.
		if e.on[fWin] {
			f = append(f, fmix(hstr(prev.biL, lw)), fmix(hstr(cur.biR, next.lower)))
			if e.on[fShape] {
				f = append(f, t.shw.Str3(prev.shape, cur.shape, next.shape))
			}
		}
	} else {
		f = append(f, t.bias.Bias(), cur.hW, cur.hLW)
		if e.on[fShape] {
			f = append(f, cur.hSh)
		}
		if e.on[fAffix] {
			f = affixes(f, t, s.Words[i], lw, 4, 5)
		}
		if e.on[fWin] {
			f = append(f,
				prev.win[0], next.win[1], w.at(i - 2).win[2], w.at(i + 2).win[3],
				fmix(hstr(prev.biL, lw)), fmix(hstr(cur.biR, next.lower)),
			)
			if e.on[fShape] {
				f = append(f, prev.shw[0], next.shw[1],
					t.shw.Str3(prev.shape, cur.shape, next.shape))
			}
		}
	}
	if e.on[fCaps] {
		if i == 0 {
			f = append(f, t.first.Str(w.shape[i]))
		}
		if w.allCaps {
			f = append(f, t.caps.Str(w.shape[i]), t.capsLW.Str(lw))
		}
	}
	if e.on[fClu] && !split {
		f = append(f, cur.clu0[:cur.nClu0]...)
		f = append(f, prev.cluL[:prev.nCluN]...)
		f = append(f, next.cluR[:next.nCluN]...)
	}
	if e.on[fGaz] {
		for c := 0; c < NumGaz; c++ {
			if p := w.gaz[i][c]; p != 0 {
				f = append(f, t.gaz.Int(uint64(c)<<8|uint64(p)))
			}
			if i > 0 && w.gaz[i-1][c] != 0 {
				f = append(f, t.gazW.Int(uint64(c)<<8|1))
			}
			if i+1 < len(s.Words) && w.gaz[i+1][c] != 0 {
				f = append(f, t.gazW.Int(uint64(c)<<8|2))
			}
		}
	}
	if e.on[fDocword] && doc != nil && cur.isCap {
		word := s.Words[i]
		cc, lc := doc.capCount[word], doc.lowCount[cur.lowerRaw]
		f = append(f, t.dw.Str2(bin(cc), bin(lc)))
		if sp := doc.seqPos[word]; sp != 0 {
			f = append(f, t.dwSeq.Int(uint64(sp)))
		}
	}
	if e.on[fDoc] {
		f = e.docFeatures(w, s, doc, prev1, i, f)
	}
	return f
}

// docFeatures are the two-pass family: the majority first-pass type of
// the word in the document and the first-pass label of the token.
func (e *Extractor) docFeatures(w *Work, s *Sentence, doc *DocInfo, prev1 []string, i int, f []uint64) []uint64 {
	t := &e.t
	word := s.Words[i]
	if doc != nil && doc.first != nil {
		if c := doc.first[word]; c != nil && isCap(word) {
			best, tot := 0, 0
			for k := range c {
				tot += c[k]
				if c[k] > c[best] {
					best = k
				}
			}
			frac := "all"
			if c[best]*2 <= tot {
				frac = "half"
			} else if c[best] < tot {
				frac = "most"
			}
			f = append(f, t.doc.Str2(typeNames[best], frac))
		}
	}
	if prev1 != nil {
		f = append(f, t.p1.Str(prev1[i]))
	}
	return f
}

// SecondPass reports whether a feature family makes a model a second
// pass reading the first pass's labels: "doc" for NER (document
// majorities), "stack" and "stackw" (stack plus wider tag context) for
// POS (the first pass's tags of the neighbours).
func SecondPass(fam string) bool {
	return fam == "doc" || fam == "stack" || fam == "stackw"
}

// IsSecondPass reports whether the extractor has a second-pass family.
func (e *Extractor) IsSecondPass() bool {
	for f := range e.fam {
		if SecondPass(f) {
			return true
		}
	}
	return false
}

// stackFeatures are the POS second-pass family: the first pass's tags
// around the token, right context included, which a left-to-right
// first-order model cannot see (Toutanova et al. 2003 get the same from
// a bidirectional dependency network). Trained on jackknifed first-pass
// tags, so the model learns how far to trust them.
func (e *Extractor) stackFeatures(s *Sentence, p1 []string, i int, f []uint64) []uint64 {
	if p1 == nil {
		return f
	}
	t := &e.t
	p := func(k int) string {
		if k < 0 {
			return "<s>"
		}
		if k >= len(p1) {
			return "</s>"
		}
		return p1[k]
	}
	// Not w.lower: a second pass reusing the first pass's features calls
	// this after the whole document, when w holds the last sentence.
	lw := normLower(s.Words[i])
	f = append(f, t.p1.Str(p(i)), t.p1.Str2("-1", p(i-1)), t.p1.Str2("+1", p(i+1)), t.p1.Str2("+2", p(i+2)),
		t.p1.Str3("+1+2", p(i+1), p(i+2)), t.p1.Str3("-1+1", p(i-1), p(i+1)),
		t.p1.Str3("w+1", lw, p(i+1)), t.p1.Str3("w-1", lw, p(i-1)), t.p1.Str3("s+1", suffix(lw, 3), p(i+1)))
	if e.on[fStackw] {
		f = append(f, t.p1.Str2("-2", p(i-2)), t.p1.Str3("-2-1", p(i-2), p(i-1)),
			t.p1.Str3("w0", lw, p(i)), t.p1.Str3("s-1", suffix(lw, 3), p(i-1)),
			t.p1.Str3("s2+1", suffix(lw, 2), p(i+1)), t.p1.Str3("-10+1", p(i-1)+p(i), p(i+1)),
			t.p1.Str3("w+1+2", lw, p(i+1)+"|"+p(i+2)), t.p1.Str3("ww+1", lw, normLower(wordAt(s, i+1))))
	}
	return f
}

func wordAt(s *Sentence, k int) string {
	if k < 0 {
		return "<s>"
	}
	if k >= len(s.Words) {
		return "</s>"
	}
	return s.Words[k]
}

// DocOnly reports whether e's families are exactly base's plus the
// second-pass family (SecondPass): then a second pass can reuse the
// first pass's features and add AppendDoc's.
func (e *Extractor) DocOnly(base *Extractor) bool {
	if e.task != base.task || !e.IsSecondPass() || base.IsSecondPass() || len(e.fam) != len(base.fam)+1 {
		return false
	}
	for f := range base.fam {
		if !e.fam[f] {
			return false
		}
	}
	return true
}

// AppendDoc appends the "doc" family features of token i.
func (e *Extractor) AppendDoc(w *Work, s *Sentence, doc *DocInfo, prev1 []string, i int, dst []uint64) []uint64 {
	if e.task == "pos-2" {
		return e.stackFeatures(s, prev1, i, dst)
	}
	return e.docFeatures(w, s, doc, prev1, i, dst)
}

func (e *Extractor) pos(w *Work, s *Sentence, doc *DocInfo, i int, f []uint64) []uint64 {
	t := &e.t
	word := s.Words[i]
	lw := w.lower[i]
	f = append(f, t.bias.Bias(), t.w.Str(word), t.lw.Str(lw), t.sh.Str(w.shape[i]))
	f = affixes(f, t, word, lw, 4, 5)
	f = append(f,
		t.win.Str2("-1", w.word(i-1)), t.win.Str2("+1", w.word(i+1)),
		t.win.Str2("-2", w.word(i-2)), t.win.Str2("+2", w.word(i+2)),
		t.bi.Str2(w.word(i-1), lw), t.bi.Str3("+", lw, w.word(i+1)),
		t.suf.Str2("-1", suffix(w.word(i-1), 3)), t.suf.Str2("+1", suffix(w.word(i+1), 3)),
		t.shw.Str2("-1", w.shp(i-1)), t.shw.Str2("+1", w.shp(i+1)),
	)
	if i == 0 {
		f = append(f, t.first.Str(w.shape[i]))
	}
	if strings.IndexByte(word, '-') >= 0 {
		f = append(f, t.hy.Bias())
	}
	if e.on[fCaps] && w.allCaps {
		f = append(f, t.caps.Str(w.shape[i]), t.capsLW.Str(lw), t.caps.Str2(w.word(i-1), lw))
	}
	if e.on[fDocword] && doc != nil && isCap(word) {
		cc, lc := doc.capCount[word], doc.lowCount[strings.ToLower(word)]
		f = append(f, t.dw.Str2(bin(cc), bin(lc)))
		if sp := doc.seqPos[word]; sp != 0 {
			f = append(f, t.dwSeq.Int(uint64(sp)))
		}
	}
	if e.on[fGaz] {
		for c := 0; c < NumGaz; c++ {
			if p := w.gaz[i][c]; p != 0 {
				f = append(f, t.gaz.Int(uint64(c)<<8|uint64(p)))
			}
		}
	}
	if e.on[fAmb] {
		a0, a1, a2, am1 := e.amb(s, i), e.amb(s, i+1), e.amb(s, i+2), e.amb(s, i-1)
		f = append(f, t.dw.Str(a0), t.dw.Str2("+1", a1), t.dw.Str2("-1", am1),
			t.dw.Str3(a0, a1, "+"), t.dw.Str3(a0, a1, a2), t.dwSeq.Str2(a0, lw))
	}
	if e.on[fClu] && e.res != nil {
		f = e.clusters(f, w, i, "0", true)
		f = e.clusters(f, w, i-1, "-1", false)
		f = e.clusters(f, w, i+1, "+1", false)
	}
	if e.on[fClu2] && e.res != nil {
		// Clusters two words away and the coarse cluster pair of the
		// word and its right neighbour.
		f = append(f, t.cluW.Str2("-2", cluStr(w, i-2, 8)), t.cluW.Str2("+2", cluStr(w, i+2, 8)),
			t.cluW.Str3("0+1", cluStr(w, i, 8), cluStr(w, i+1, 8)), t.cluW.Str3("-10", cluStr(w, i-1, 8), cluStr(w, i, 8)))
	}
	if e.on[fCtx] {
		// Word-context conjunctions: suffix and shape of the word with the
		// neighbouring words, word trigram, skip bigrams.
		s3 := suffix(lw, 3)
		f = append(f, t.lwPos.Str3("s3-1", s3, w.word(i-1)), t.lwPos.Str3("s3+1", s3, w.word(i+1)),
			t.lwPos.Str3("sh+1", w.shape[i], w.word(i+1)), t.lwPos.Str3("sh-1", w.shape[i], w.word(i-1)),
			t.lwPos.Str3("tri", w.word(i-1), lw+"|"+w.word(i+1)),
			t.lwPos.Str3("skip+", lw, w.word(i+2)), t.lwPos.Str3("skip-", w.word(i-2), lw))
	}
	if e.on[fMbt] {
		// MBT's known-word case base (Daelemans et al. 1996; it produced
		// the CoNLL-2003 POS column): the ambiguity classes of the word
		// and of its right context, not the words. Rare words fall into
		// an unknown class by suffix. The trainer builds the training
		// examples' classes from the other jackknife folds, so they are
		// as incomplete as the classes of unseen text.
		a0, a1, a2, am1 := e.ambU(w, s, i), e.ambU(w, s, i+1), e.ambU(w, s, i+2), e.ambU(w, s, i-1)
		f = append(f, t.dw.Str2("m0", a0), t.dw.Str2("m+1", a1), t.dw.Str2("m-1", am1), t.dw.Str2("m+2", a2),
			t.dw.Str3("m01", a0, a1), t.dw.Str3("m012", a0, a1+"|"+a2), t.dw.Str3("m-10", am1, a0),
			t.dwSeq.Str3("mw+1", a0, w.word(i+1)), t.dwSeq.Str3("mw-1", a0, w.word(i-1)))
	}
	if e.on[fUnk] && (!e.on[fRareonly] || !isFrequent(e.Frequent, word)) {
		// Unknown-word conjunctions after MBT (Daelemans et al. 1996),
		// the tagger that produced the CoNLL-2003 POS column: its case
		// base for unknown words reads the first letter, capitalisation,
		// hyphen and the last letters together, and its suffixes keep
		// the digits ("6-7" JJ, "6-4" CD in the training data).
		c := capClass(word)
		f = append(f, t.up.Str3("c1", c, suffix(lw, 1)), t.up.Str3("c2", c, suffix(lw, 2)),
			t.up.Str3("c3", c, suffix(lw, 3)), t.up.Str3("c4", c, suffix(lw, 4)),
			t.up.Str3("p1s2", firstByte(word), suffix(lw, 2)))
		if i == 0 {
			f = append(f, t.up.Str3("i0", c, suffix(lw, 3)))
		}
		if e.on[fUnkclu] {
			// The word's cluster (rare words: what GloVe says it is
			// like) with its capitalisation and last letters.
			cl := cluStr(w, i, 8)
			f = append(f, t.up.Str3("cc", c, cl), t.up.Str3("cs2", cl, suffix(lw, 2)), t.up.Str3("cc16", c, cluStr(w, i, 16)))
		}
		if w.shape[i] != "" && strings.IndexByte(w.shape[i], 'd') >= 0 {
			raw := strings.ToLower(word)
			f = append(f, t.dig.Str2("r1", suffix(raw, 1)), t.dig.Str2("r2", suffix(raw, 2)), t.dig.Str2("r3", suffix(raw, 3)))
		}
	}
	if e.on[fCtx2] {
		// More of the same: suffixes 2 and 4 with the neighbours, cluster
		// with the next word, word with the next two.
		s2, s4 := suffix(lw, 2), suffix(lw, 4)
		f = append(f, t.lwPos.Str3("s2-1", s2, w.word(i-1)), t.lwPos.Str3("s2+1", s2, w.word(i+1)),
			t.lwPos.Str3("s4-1", s4, w.word(i-1)), t.lwPos.Str3("s4+1", s4, w.word(i+1)),
			t.lwPos.Str3("c+1", cluStr(w, i, 8), w.word(i+1)), t.lwPos.Str3("c-1", cluStr(w, i, 8), w.word(i-1)),
			t.lwPos.Str3("tri+", lw, w.word(i+1)+"|"+w.word(i+2)), t.lwPos.Str3("tri-", w.word(i-2)+"|"+w.word(i-1), lw))
	}
	if e.on[fAux] {
		// The nearest auxiliary (have, be, get, modal) among the three
		// previous words: "has been told" VBN vs "he told" VBD.
		a, d := "none", 0
		for k := i - 1; k >= 0 && k >= i-3; k-- {
			if auxWords[w.lower[k]] {
				a, d = w.lower[k], i-k
				break
			}
		}
		f = append(f, t.hy.Str2("aux", a), t.hy.Str3("auxd", a, string(rune('0'+d))), t.hy.Str3("auxs", a, suffix(lw, 2)))
	}
	return f
}

// auxWords are the auxiliaries the "aux" family looks back for.
var auxWords = map[string]bool{
	"have": true, "has": true, "had": true, "having": true, "'ve": true, "'d": true,
	"be": true, "is": true, "are": true, "was": true, "were": true, "been": true, "being": true, "am": true, "'s": true, "'re": true,
	"get": true, "got": true, "gets": true, "getting": true, "gotten": true,
	"will": true, "would": true, "can": true, "could": true, "may": true, "might": true, "must": true, "should": true, "shall": true,
	"to": true, "not": true, "n't": true,
}

// cluStr is token k's cluster path cut to the top bits (levels: 8 = two
// finer levels dropped... see clusters), "none" or a boundary.
func cluStr(w *Work, k int, shift uint) string {
	if k < 0 {
		return "<s>"
	}
	if k >= len(w.clu) {
		return "</s>"
	}
	if w.clu[k] < 0 {
		return "none"
	}
	return strconv.FormatInt(w.clu[k]>>shift, 36)
}

func (e *Extractor) chunk(w *Work, s *Sentence, i int, f []uint64) []uint64 {
	t := &e.t
	p := func(k int) string {
		if k < 0 {
			return "<s>"
		}
		if k >= len(s.POS) {
			return "</s>"
		}
		return s.POS[k]
	}
	lw := w.lower[i]
	f = append(f, t.bias.Bias(), t.lw.Str(lw),
		t.win.Str2("-1", w.word(i-1)), t.win.Str2("+1", w.word(i+1)),
		t.win.Str2("-2", w.word(i-2)), t.win.Str2("+2", w.word(i+2)),
		t.pos.Str(p(i)), t.posW.Str2("-1", p(i-1)), t.posW.Str2("+1", p(i+1)),
		t.posW.Str2("-2", p(i-2)), t.posW.Str2("+2", p(i+2)),
		t.posBi.Str2(p(i-1), p(i)), t.posBi.Str3("+", p(i), p(i+1)),
		t.posTri.Str3(p(i-2), p(i-1), p(i)), t.posTri.Str3(p(i-1), p(i), p(i+1)),
		t.posTri.Str3(p(i), p(i+1), p(i+2)+"+"),
		t.lwPos.Str2(lw, p(i)), t.lwPos.Str3("-1", w.word(i-1), p(i)),
		t.lwPos.Str3("+1", w.word(i+1), p(i)),
		t.bi.Str2(w.word(i-1), lw), t.bi.Str3("+", lw, w.word(i+1)),
		t.sh.Str(w.shape[i]), t.suf.Str(suffix(lw, 3)),
		t.lwPos.Str3(p(i-1), p(i), lw), t.lwPos.Str3(lw, p(i), p(i+1)),
		t.shw.Str2("-1", w.shp(i-1)), t.shw.Str2("+1", w.shp(i+1)),
	)
	if e.on[fCaps] && w.allCaps {
		f = append(f, t.caps.Str(p(i)), t.capsLW.Str(lw))
	}
	if e.on[fClu] && e.res != nil {
		f = e.clusters(f, w, i, "0", true)
		f = e.clusters(f, w, i-1, "-1", false)
		f = e.clusters(f, w, i+1, "+1", false)
	}
	if e.on[fAmb] {
		// Ambiguity classes of the words (the chunk labels each frequent
		// training word was seen with, Meta.Lexicon): they do not depend
		// on predicted POS, so they hold where the tagger errs.
		a0, a1, am1 := e.amb(s, i), e.amb(s, i+1), e.amb(s, i-1)
		f = append(f, t.dw.Str(a0), t.dw.Str2("+1", a1), t.dw.Str2("-1", am1),
			t.dw.Str3(am1, a0, "-"), t.dw.Str3(a0, a1, "+"), t.dwSeq.Str2(a0, p(i)), t.dwSeq.Str3(am1, a0, p(i-1)))
	}
	if e.on[fCoarse] {
		// Coarse POS classes (noun, verb, adjective, ...): the chunker
		// reads predicted tags, and most tagging errors (NN/JJ, VBD/VBN,
		// NN/NNP) stay inside a class, so class n-grams generalise over
		// them.
		c := func(k int) string { return coarsePOS(p(k)) }
		f = append(f, t.posW.Str2("c0", c(i)), t.posW.Str2("c-1", c(i-1)), t.posW.Str2("c+1", c(i+1)),
			t.posTri.Str3("c-10", c(i-1), c(i)), t.posTri.Str3("c0+1", c(i), c(i+1)),
			t.posTri.Str3(c(i-1)+"c", c(i), c(i+1)), t.posTri.Str3(c(i-2)+"c", c(i-1), c(i)),
			t.posTri.Str3(c(i)+"c", c(i+1), c(i+2)), t.lwPos.Str3("c", lw, c(i+1)))
	}
	return f
}

// coarsePOS maps a Penn tag to its class: N (nouns, pronouns), V
// (verbs, modals), J (adjectives, numbers), R (adverbs), D (determiners),
// I (prepositions, TO, particles), others unchanged.
func coarsePOS(t string) string {
	if t == "" {
		return t
	}
	switch t[0] {
	case 'N':
		return "N"
	case 'V':
		return "V"
	case 'J':
		return "J"
	case 'R':
		if t == "RP" {
			return "I"
		}
		return "R"
	case 'W':
		return "W"
	}
	switch t {
	case "PRP", "PRP$":
		return "N"
	case "MD":
		return "V"
	case "CD":
		return "J"
	case "DT", "PDT":
		return "D"
	case "IN", "TO":
		return "I"
	}
	return t
}

// amb returns the ambiguity class of word k ("<unk>" when not in the
// lexicon, "<s>"/"</s>" outside the sentence).
func (e *Extractor) amb(s *Sentence, k int) string {
	if k < 0 {
		return "<s>"
	}
	if k >= len(s.Words) {
		return "</s>"
	}
	if a, ok := e.Lexicon[s.Words[k]]; ok {
		return a
	}
	return "<unk>"
}

// ambU is amb with the unknown class split by the word's last two
// letters and capitalisation (MBT backs off to letters for unknown words).
func (e *Extractor) ambU(w *Work, s *Sentence, k int) string {
	a := e.amb(s, k)
	if a == "<unk>" {
		return "<unk>" + capClass(s.Words[k]) + suffix(w.lower[k], 2)
	}
	return a
}

func affixes(f []uint64, t *templates, word, lw string, np, ns int) []uint64 {
	for k := 1; k <= np && k < len(word); k++ {
		f = append(f, t.pre.Str(word[:k]))
	}
	for k := 1; k <= ns && k < len(lw); k++ {
		f = append(f, t.suf.Str(lw[len(lw)-k:]))
	}
	return f
}

func suffix(s string, k int) string {
	if len(s) <= k {
		return s
	}
	return s[len(s)-k:]
}

// clusters adds the cluster path prefixes of a word: all three levels for
// the current word, the two finer ones for neighbours.
func (e *Extractor) clusters(f []uint64, w *Work, k int, pos string, all bool) []uint64 {
	if k < 0 || k >= len(w.clu) {
		return e.clusterFeats(f, -1, pos, all)
	}
	return e.clusterFeats(f, w.clu[k], pos, all)
}

// clusterFeats adds the features of cluster code clu (-1: none) at
// position pos.
func (e *Extractor) clusterFeats(f []uint64, clu int64, pos string, all bool) []uint64 {
	if clu < 0 {
		return append(f, e.t.clu.Str2(pos, "none"))
	}
	code := uint32(clu)
	t := e.t.cluW
	if all {
		t = e.t.clu
	}
	f = append(f, t.Int(uint64(code)|3<<24|posCode(pos)<<28), t.Int(uint64(code>>8)|2<<24|posCode(pos)<<28))
	if all {
		f = append(f, t.Int(uint64(code>>16)|1<<24|posCode(pos)<<28))
	}
	return f
}

func posCode(p string) uint64 {
	switch p {
	case "-1":
		return 1
	case "+1":
		return 2
	}
	return 0
}

// matchGaz marks, for every token and category, its position in the
// longest gazetteer phrase of that category covering it. A phrase must
// start with a capitalised token (names, not common words).
func (e *Extractor) matchGaz(w *Work, words []string) {
	n := len(words)
	if cap(w.gaz) < n {
		w.gaz = make([][NumGaz]uint8, n)
	}
	w.gaz = w.gaz[:n]
	for i := range w.gaz {
		w.gaz[i] = [NumGaz]uint8{}
	}
	for i := 0; i < n; i++ {
		if !isCap(words[i]) {
			continue
		}
		h := uint64(phraseSeed)
		var bestLen [NumGaz]int
		for j := i; j < n && j < i+MaxPhrase; j++ {
			h = PhraseNext(h, w.lower[j])
			cats, ok := e.res.Phrases[h]
			if !ok {
				break // no phrase continues this prefix
			}
			for c := 0; c < NumGaz; c++ {
				if cats&(1<<c) != 0 {
					bestLen[c] = j - i + 1
				}
			}
		}
		for c := 0; c < NumGaz; c++ {
			L := bestLen[c]
			if L == 0 {
				continue
			}
			for k := i; k < i+L; k++ {
				var p uint8
				switch {
				case L == 1:
					p = 4
				case k == i:
					p = 1
				case k == i+L-1:
					p = 3
				default:
					p = 2
				}
				// Keep the position from the longest phrase.
				if w.gaz[k][c] == 0 || L > 1 {
					w.gaz[k][c] = p
				}
			}
		}
	}
}

func bin(n int) string {
	switch {
	case n == 0:
		return "0"
	case n == 1:
		return "1"
	case n < 4:
		return "2-3"
	default:
		return "4+"
	}
}

// normLower lower-cases a word and maps digits to 0 ("1996-08-22" and
// "2026-11-26" share features).
func normLower(s string) string {
	hasUpper, hasDigit := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' {
			hasUpper = true
		} else if c >= '0' && c <= '9' {
			hasDigit = true
		} else if c >= 0x80 {
			hasUpper = true // let strings.ToLower handle non-ASCII
		}
	}
	if !hasUpper && !hasDigit {
		return s
	}
	l := strings.ToLower(s)
	if !hasDigit {
		return l
	}
	b := []byte(l)
	for i, c := range b {
		if c >= '1' && c <= '9' {
			b[i] = '0'
		}
	}
	return string(b)
}

// shape maps letters to X/x, digits to d and collapses repeats:
// "McDonald" -> "XxXx", "1996-08-22" -> "d-d-d".
func shape(s string) string {
	var buf [16]byte
	b := buf[:0]
	var last byte
	for _, r := range s {
		var c byte
		switch {
		case r >= 'a' && r <= 'z':
			c = 'x'
		case r >= 'A' && r <= 'Z':
			c = 'X'
		case r >= '0' && r <= '9':
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		default:
			c = '*'
		}
		if c != last {
			if len(b) == cap(b) {
				break
			}
			b = append(b, c)
			last = c
		}
	}
	return string(b)
}

func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func hasLetter(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// sentenceAllCaps reports whether the sentence is a headline in capitals
// (at least three letters-bearing words, none with a lower-case letter).
func sentenceAllCaps(ws []string) bool {
	n := 0
	for _, w := range ws {
		for _, r := range w {
			if unicode.IsLower(r) {
				return false
			}
		}
		if hasLetter(w) {
			n++
		}
	}
	return n >= 3
}

func isFrequent(dict map[string]string, w string) bool {
	_, ok := dict[w]
	return ok
}

// capClass is a word's capitalisation class: "A" all capitals, "X"
// initial capital, "x" lower case, "d" starts with a digit, "o" other.
func capClass(w string) string {
	r, _ := utf8.DecodeRuneInString(w)
	switch {
	case unicode.IsDigit(r):
		return "d"
	case unicode.IsLower(r):
		return "x"
	case unicode.IsUpper(r):
		for _, q := range w {
			if unicode.IsLower(q) {
				return "X"
			}
		}
		return "A"
	}
	return "o"
}

func firstByte(w string) string {
	if w == "" {
		return ""
	}
	return w[:1]
}
