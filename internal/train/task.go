package train

import (
	"fmt"
	"io"
	"math/rand"
	"os"
	"sort"
	"strings"
	"time"

	"newsgraph/internal/tagger"
)

// Config is one training run.
type Config struct {
	Task     string // "ner", "pos" or "chunk"
	Lang     string // "en" or "es"
	Train    string
	Dev      string
	Epochs   int
	Seed     int64
	Bits     int
	Features string // feature-set id; "" = tagger.DefaultFeatures[Task]
	// Folds is the number of jackknife folds producing first-pass labels
	// for the two-pass NER model's training data.
	Folds     int
	Resources *tagger.Resources
	// Stacked makes the NER second pass learn only the document
	// features' weights on top of the first pass's emissions (fast to
	// serve: pass 2 re-scores nothing).
	Stacked bool
	// POS tags the dev set for the chunker (run-time conditions: predicted
	// POS). Nil uses the gold POS column.
	POS *tagger.Tagger
	// TagDictMin, when > 0, gives the POS model a tag dictionary of the
	// words seen at least that many times in training (decoding then
	// considers only the tags each was seen with); the chunker gets one
	// keyed by word, backing off to the POS tag (the chunk labels each
	// was seen with).
	TagDictMin int
	// TagDictTrain makes training decode under the tag dictionary too
	// (Ratnaparkhi 1996; Collins 2002): the perceptron only learns to
	// separate the candidates that serving will compare.
	TagDictTrain bool
	// JackknifePOS, when > 1, trains the chunker on predicted POS tags:
	// the training file is cut into that many folds of documents and each
	// fold is tagged by a POS model trained (as cfg.POS was: same feature
	// set, tag dictionary threshold and epochs) on the other folds, so
	// the chunker sees the kind of POS errors it will meet at run time
	// instead of the file's own (gold) POS column.
	JackknifePOS int
	// JackknifeCache, when set, is a file holding the jackknifed POS
	// tags (one line per training sentence): read when present, written
	// otherwise, so chunker experiments need not retrain the folds. It is
	// derived from the training data: keep it out of the repository.
	JackknifeCache string
	// JackknifeMix trains the chunker on both copies of the training
	// data: with jackknifed and with gold POS.
	JackknifeMix bool
	// MinCount, when > 1, drops from training the features (hash buckets)
	// seen fewer times than that in the training data: rare conjunctions
	// would otherwise each keep a weight row (model size, memory traffic
	// at run time) for little gain.
	MinCount int
	// Seeds, when > 1, trains that many perceptrons in different example
	// orders (seeds Seed, Seed+1, ...) and averages their weights.
	Seeds int
	// Prune, when > 0, drops the weight rows whose largest absolute
	// weight is below this fraction of the model's largest (pruneRows).
	Prune float64
	// LexFolds, when > 1, builds the "mbt" ambiguity classes of the
	// training examples from the other folds of documents.
	LexFolds int
	Log      io.Writer
}

// ModelVersion is written into every trained model's meta. 2: POS and
// chunk models carry a tag dictionary (Meta.TagDict).
const ModelVersion = 2

// Result is what Run produces: one model, or a first and second pass.
type Result struct {
	Models []*tagger.Model // pass 1, then pass 2 when two-pass
	Dev    float64
}

// column returns the (column, iob) of a task's gold labels.
func column(task string) (int, bool, error) {
	switch task {
	case "ner":
		return -1, true, nil
	case "pos":
		return 1, false, nil
	case "chunk":
		return 2, true, nil
	}
	return 0, false, fmt.Errorf("unknown task %q (want ner, pos or chunk)", task)
}

// data is a corpus flattened for training: sentences per document and
// gold labels.
type data struct {
	docs [][]tagger.Sentence
	gold [][][]string
}

func load(c *Corpus, task string, pos *tagger.Tagger) (*data, error) {
	col, iob, err := column(task)
	if err != nil {
		return nil, err
	}
	d := &data{}
	var sc tagger.Scratch
	for _, doc := range c.Docs {
		var ss []tagger.Sentence
		var gs [][]string
		for _, s := range doc.Sents {
			if (col > 0 && col > len(s.Cols)) || (task == "chunk" && len(s.Cols) < 3) {
				return nil, fmt.Errorf("%s: no %s column", c.Path, task)
			}
			ts := tagger.Sentence{Words: s.Words}
			if len(s.Cols) >= 2 {
				ts.POS = s.Cols[0]
			}
			ss = append(ss, ts)
			gs = append(gs, s.Column(col, iob))
		}
		if task == "chunk" && pos != nil {
			labels, _ := pos.TagDoc(&sc, ss)
			for i := range ss {
				ss[i].POS = labels[i]
			}
		}
		d.docs = append(d.docs, ss)
		d.gold = append(d.gold, gs)
	}
	return d, nil
}

// Run trains a model as cfg says, printing progress to cfg.Log.
func Run(cfg Config) (*Result, error) {
	if cfg.Epochs <= 0 {
		cfg.Epochs = 10
	}
	if cfg.Bits == 0 {
		cfg.Bits = 21
	}
	if cfg.Features == "" {
		cfg.Features = tagger.DefaultFeatures[cfg.Task]
	}
	if cfg.Folds == 0 {
		cfg.Folds = 2
	}
	logf := func(format string, a ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, format, a...)
		}
	}
	trc, err := ReadCoNLL(cfg.Train)
	if err != nil {
		return nil, err
	}
	dvc, err := ReadCoNLL(cfg.Dev)
	if err != nil {
		return nil, err
	}
	logf("task %s lang %s seed %d epochs %d bits %d features %s folds %d jackknife-pos %d min-count %d seeds %d prune %g\ntrain %s (%d tokens, sha256 %s)\ndev   %s (%d tokens, sha256 %s)\n",
		cfg.Task, cfg.Lang, cfg.Seed, cfg.Epochs, cfg.Bits, cfg.Features, cfg.Folds, cfg.JackknifePOS, cfg.MinCount, max(cfg.Seeds, 1), cfg.Prune, cfg.Train, trc.Tokens, trc.Digest, cfg.Dev, dvc.Tokens, dvc.Digest)
	tr, err := load(trc, cfg.Task, nil)
	if err != nil {
		return nil, err
	}
	if cfg.Task == "chunk" && cfg.JackknifePOS > 1 {
		if cfg.POS == nil {
			return nil, fmt.Errorf("jackknifed POS for the chunker needs the POS model (its configuration)")
		}
		if err := cachedJackknifePOS(cfg, trc, tr, logf); err != nil {
			return nil, err
		}
		if cfg.JackknifeMix {
			gold, err := load(trc, cfg.Task, nil)
			if err != nil {
				return nil, err
			}
			tr.docs = append(tr.docs, gold.docs...)
			tr.gold = append(tr.gold, gold.gold...)
			logf("POS jackknife: training on predicted and gold POS copies (%d docs)\n", len(tr.docs))
		}
	}
	dv, err := load(dvc, cfg.Task, cfg.POS)
	if err != nil {
		return nil, err
	}
	labels := labelSet(tr.gold)
	meta := tagger.Meta{
		Name: cfg.Task + "-" + cfg.Lang, Version: ModelVersion, FeatureSet: cfg.Features, Labels: labels,
		Bits: cfg.Bits, DataDigest: trc.Digest, Epochs: cfg.Epochs, Seed: cfg.Seed,
	}
	if cfg.Seeds > 1 {
		meta.Seeds = cfg.Seeds
	}
	meta.Prune = cfg.Prune
	if cfg.Resources != nil {
		meta.ResourceDigest = cfg.Resources.Digest
	}
	task, fams, _ := strings.Cut(cfg.Features, ":")
	twoPass := false
	for _, f := range strings.Split(fams, ",") {
		twoPass = twoPass || ((cfg.Task == "ner" || cfg.Task == "pos") && tagger.SecondPass(f))
	}
	if !twoPass {
		m, dev, err := fit(cfg, meta, tr, dv, nil, nil, logf)
		if err != nil {
			return nil, err
		}
		return &Result{Models: []*tagger.Model{m}, Dev: dev}, nil
	}
	// Pass 1: the same families without the second-pass one.
	var f1 []string
	for _, f := range strings.Split(fams, ",") {
		if !tagger.SecondPass(f) && f != "" {
			f1 = append(f1, f)
		}
	}
	meta1 := meta
	meta1.Name += "-pass1"
	meta1.FeatureSet = tagger.CanonicalFeatures(task, f1)
	logf("pass 1 (%s)\n", meta1.FeatureSet)
	m1, _, err := fit(cfg, meta1, tr, dv, nil, nil, logf)
	if err != nil {
		return nil, err
	}
	t1, err := tagger.NewTagger(m1, cfg.Resources)
	if err != nil {
		return nil, err
	}
	// Jackknife: first-pass labels for the training documents come from
	// models that did not see them, so pass 2 learns how far to trust
	// pass 1 on unseen text.
	trFirst := make([][][]string, len(tr.docs))
	trBase := make([]*tagger.Model, len(tr.docs)) // the fold model that tagged each doc
	for k := 0; k < cfg.Folds; k++ {
		var in, out data
		var outIdx []int
		for i := range tr.docs {
			if i%cfg.Folds == k {
				out.docs = append(out.docs, tr.docs[i])
				outIdx = append(outIdx, i)
			} else {
				in.docs = append(in.docs, tr.docs[i])
				in.gold = append(in.gold, tr.gold[i])
			}
		}
		logf("jackknife fold %d/%d: train on %d docs\n", k+1, cfg.Folds, len(in.docs))
		cf := cfg
		cf.Epochs = m1.Meta.Epochs
		mk, _, err := fit(cf, meta1, &in, nil, nil, nil, logf)
		if err != nil {
			return nil, err
		}
		tk, err := tagger.NewTagger(mk, cfg.Resources)
		if err != nil {
			return nil, err
		}
		var sc tagger.Scratch
		for j, doc := range out.docs {
			trFirst[outIdx[j]], _ = tk.TagDoc(&sc, doc)
			trBase[outIdx[j]] = mk
		}
	}
	dvFirst := make([][][]string, len(dv.docs))
	var sc tagger.Scratch
	for i, doc := range dv.docs {
		dvFirst[i], _ = t1.TagDoc(&sc, doc)
	}
	logf("pass 2 (%s, stacked=%v)\n", meta.FeatureSet, cfg.Stacked)
	var m2 *tagger.Model
	var dev float64
	if cfg.Stacked {
		dvBase := make([]*tagger.Model, len(dv.docs))
		for i := range dvBase {
			dvBase[i] = m1
		}
		meta.Stacked = true
		m2, dev, err = fitStacked(cfg, meta, meta1.FeatureSet, tr, dv, trFirst, dvFirst, trBase, dvBase, logf)
	} else {
		m2, dev, err = fit(cfg, meta, tr, dv, trFirst, dvFirst, logf)
	}
	if err != nil {
		return nil, err
	}
	return &Result{Models: []*tagger.Model{m1, m2}, Dev: dev}, nil
}

func labelSet(gold [][][]string) []string {
	set := map[string]bool{}
	for _, d := range gold {
		for _, s := range d {
			for _, l := range s {
				set[l] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for l := range set {
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// examples extracts features; first, when non-nil, holds first-pass labels.
func examples(ext *tagger.Extractor, d *data, first [][][]string, index map[string]int) []Example {
	return examplesBy(func(int) *tagger.Extractor { return ext }, d, first, index)
}

// examplesBy is examples with the extractor of each document given by
// its index.
func examplesBy(extOf func(di int) *tagger.Extractor, d *data, first [][][]string, index map[string]int) []Example {
	var exs []Example
	var w tagger.Work
	for di, doc := range d.docs {
		ext := extOf(di)
		var info *tagger.DocInfo
		if ext.Has("docword") || ext.Has("doc") {
			words := make([][]string, len(doc))
			for i := range doc {
				words[i] = doc[i].Words
			}
			info = tagger.NewDocInfo(words)
			if first != nil {
				for i := range doc {
					info.AddFirstPass(doc[i].Words, first[di][i])
				}
			}
		}
		for si := range doc {
			var p1 []string
			if first != nil {
				p1 = first[di][si]
			}
			fs := ext.Features(&w, &doc[si], info, p1)
			ex := Example{Feats: make([][]uint64, len(fs))}
			for i := range fs {
				ex.Feats[i] = append([]uint64(nil), fs[i]...)
			}
			if d.gold != nil {
				ex.Gold = make([]int, len(fs))
				for i, l := range d.gold[di][si] {
					y, ok := index[l]
					if !ok {
						y = index["O"] // unseen label in dev: count as a miss
					}
					ex.Gold[i] = y
				}
			}
			exs = append(exs, ex)
		}
	}
	return exs
}

// fit trains one model for cfg.Epochs epochs, keeping the epoch whose
// averaged weights score best on dev (early stopping after 3 epochs
// without gain). Without dev it keeps the last epoch.
func fit(cfg Config, meta tagger.Meta, tr, dv *data, trFirst, dvFirst [][][]string, logf func(string, ...any)) (*tagger.Model, float64, error) {
	ext, err := tagger.NewExtractor(meta.FeatureSet, cfg.Resources)
	if err != nil {
		return nil, 0, err
	}
	if ext.Has("amb") || ext.Has("mbt") {
		meta.Lexicon = lexicon(tr)
		ext.Lexicon = meta.Lexicon
		logf("  lexicon: %d words\n", len(meta.Lexicon))
	}
	if cfg.TagDictMin > 0 && (cfg.Task == "pos" || cfg.Task == "chunk") {
		key := map[string]string{"pos": "word", "chunk": "word+pos"}[cfg.Task]
		meta.TagDict, meta.TagDictOther = TagDict(tr, key, cfg.TagDictMin)
		meta.TagDictKey, meta.TagDictMin = key, cfg.TagDictMin
		logf("  tag dictionary: %d keys (%s) seen >= %d times, %d open-class labels for the others\n", len(meta.TagDict), key, cfg.TagDictMin, len(strings.Fields(meta.TagDictOther)))
	}
	if ext.Has("rareonly") {
		if meta.TagDictKey != "word" {
			return nil, 0, fmt.Errorf("feature set %s needs a word tag dictionary (--tagdict-min > 0)", meta.FeatureSet)
		}
		ext.Frequent = meta.TagDict
	}
	// foldExt gives each training document's extractor: with "mbt", one
	// whose lexicon was built without the document's fold (jackknifed
	// ambiguity classes: a training word's class then lacks its rare
	// tags as an unseen text's would).
	foldExt := func(int) *tagger.Extractor { return ext }
	if ext.Has("mbt") && cfg.LexFolds > 1 {
		exts := foldExtractors(ext, tr, cfg.LexFolds)
		foldExt = func(di int) *tagger.Extractor { return exts[di%cfg.LexFolds] }
		logf("  lexicon jackknifed over %d folds for the training examples\n", cfg.LexFolds)
	}
	index := labelIndex(meta.Labels)
	t0 := time.Now()
	trEx := examplesBy(foldExt, tr, trFirst, index)
	if cfg.MinCount > 1 {
		n := pruneRare(trEx, meta.Bits, cfg.MinCount)
		logf("  features seen < %d times dropped: %d occurrences\n", cfg.MinCount, n)
	}
	if cfg.TagDictTrain && meta.TagDict != nil {
		m, err := tagger.New(meta, make([]float32, (1<<meta.Bits)*len(meta.Labels)), make([]float32, (len(meta.Labels)+1)*len(meta.Labels)))
		if err != nil {
			return nil, 0, err
		}
		k := 0
		var d tagger.Decoder
		for _, doc := range tr.docs {
			for si := range doc {
				trEx[k].Cands = append([][]int32(nil), m.Candidates(&d, &doc[si])...)
				k++
			}
		}
	}
	var dvEx []Example
	if dv != nil {
		dvEx = examples(ext, dv, dvFirst, index)
	}
	logf("  features extracted in %v\n", time.Since(t0).Round(time.Millisecond))
	return fitExamples(cfg, meta, trEx, dvEx, dv, logf)
}

func labelIndex(labels []string) map[string]int {
	index := map[string]int{}
	for i, l := range labels {
		index[l] = i
	}
	return index
}

// fitStacked trains the stacked second pass: its examples carry only the
// "doc" features, on top of the emissions of the first-pass model that
// tagged each document (a jackknife fold model for training documents).
func fitStacked(cfg Config, meta tagger.Meta, pass1 string, tr, dv *data, trFirst, dvFirst [][][]string,
	trBase, dvBase []*tagger.Model, logf func(string, ...any)) (*tagger.Model, float64, error) {
	ext1, err := tagger.NewExtractor(pass1, cfg.Resources)
	if err != nil {
		return nil, 0, err
	}
	ext2, err := tagger.NewExtractor(meta.FeatureSet, cfg.Resources)
	if err != nil {
		return nil, 0, err
	}
	index := labelIndex(meta.Labels)
	build := func(d *data, first [][][]string, base []*tagger.Model) []Example {
		var exs []Example
		var w tagger.Work
		nl := len(meta.Labels)
		for di, doc := range d.docs {
			words := make([][]string, len(doc))
			for i := range doc {
				words[i] = doc[i].Words
			}
			info := tagger.NewDocInfo(words)
			f1 := make([][][]uint64, len(doc))
			for si := range doc {
				fs := ext1.Features(&w, &doc[si], info, nil)
				f1[si] = make([][]uint64, len(fs))
				for i := range fs {
					f1[si][i] = append([]uint64(nil), fs[i]...)
				}
			}
			for si := range doc {
				info.AddFirstPass(doc[si].Words, first[di][si])
			}
			for si := range doc {
				n := len(doc[si].Words)
				ex := Example{Feats: make([][]uint64, n), Gold: make([]int, n), Base: make([]float32, n*nl)}
				for i := 0; i < n; i++ {
					base[di].Emit(f1[si][i], ex.Base[i*nl:(i+1)*nl])
					ex.Feats[i] = ext2.AppendDoc(&w, &doc[si], info, first[di][si], i, nil)
					y, ok := index[d.gold[di][si][i]]
					if !ok {
						y = index["O"]
					}
					ex.Gold[i] = y
				}
				exs = append(exs, ex)
			}
		}
		return exs
	}
	t0 := time.Now()
	trEx := build(tr, trFirst, trBase)
	dvEx := build(dv, dvFirst, dvBase)
	logf("  stacked features extracted in %v\n", time.Since(t0).Round(time.Millisecond))
	return fitExamples(cfg, meta, trEx, dvEx, dv, logf, dvBase[0].Transitions())
}

// fitExamples runs the epochs over prepared examples; trans0, when set,
// starts the transitions (a stacked pass starts from the first pass's).
func fitExamples(cfg Config, meta tagger.Meta, trEx, dvEx []Example, dv *data, logf func(string, ...any), trans0 ...[]float32) (*tagger.Model, float64, error) {
	nSeeds := max(cfg.Seeds, 1)
	ps := make([]*Perceptron, nSeeds)
	rngs := make([]*rand.Rand, nSeeds)
	for k := range ps {
		ps[k] = NewPerceptron(len(meta.Labels), meta.Bits)
		if len(trans0) > 0 && trans0[0] != nil {
			copy(ps[k].tw, trans0[0])
		}
		rngs[k] = rand.New(rand.NewSource(cfg.Seed + int64(k)))
	}
	var best *tagger.Model
	bestScore, bestEpoch := -1.0, 0
	for ep := 1; ep <= cfg.Epochs; ep++ {
		t0 := time.Now()
		wrong := 0
		for k, p := range ps {
			wrong += ps[k].Epoch(trEx, rngs[k])
			_ = p
		}
		wrong /= nSeeds
		dense, trans := averageSeeds(ps)
		pruned := pruneRows(dense, len(meta.Labels), cfg.Prune)
		meta.Epochs = ep
		m, err := tagger.New(meta, dense, trans)
		if err != nil {
			return nil, 0, err
		}
		if dv == nil {
			logf("  epoch %d: %d/%d sentences wrong (%v)\n", ep, wrong, len(trEx), time.Since(t0).Round(time.Millisecond))
			best = m
			continue
		}
		score := evalExamples(m, dvEx, dv, cfg.Task)
		logf("  epoch %d: %d/%d train sentences wrong, dev %.2f (%v%s)\n", ep, wrong, len(trEx), score, time.Since(t0).Round(time.Millisecond), pruned)
		if score > bestScore {
			best, bestScore, bestEpoch = m, score, ep
		} else if ep-bestEpoch >= 3 {
			logf("  early stop: best epoch %d\n", bestEpoch)
			break
		}
	}
	if dv != nil {
		best.Meta.DevScore = bestScore
	}
	return best, bestScore, nil
}

// evalExamples scores a model on pre-extracted dev examples: entity F1 for
// ner and chunk, accuracy for pos.
func evalExamples(m *tagger.Model, exs []Example, dv *data, task string) float64 {
	var c Counts
	var d tagger.Decoder
	k := 0
	for di := range dv.docs {
		for si := range dv.docs[di] {
			path := m.DecodeCands(&d, exs[k].Feats, exs[k].Base, m.Candidates(&d, &dv.docs[di][si]))
			pred := make([]string, len(path))
			for i, y := range path {
				pred[i] = m.Meta.Labels[y]
			}
			c.Add(dv.gold[di][si], pred)
			k++
		}
	}
	if task == "pos" {
		return c.Accuracy()
	}
	return c.Total().F1
}

// foldExtractors returns, per fold k of the documents (document i is in
// fold i%k), a copy of ext whose lexicon was built from the other folds.
func foldExtractors(ext *tagger.Extractor, tr *data, k int) []*tagger.Extractor {
	exts := make([]*tagger.Extractor, k)
	for f := range exts {
		var in data
		for i := range tr.docs {
			if i%k != f {
				in.docs = append(in.docs, tr.docs[i])
				in.gold = append(in.gold, tr.gold[i])
			}
		}
		c := *ext
		c.Lexicon = lexicon(&in)
		exts[f] = &c
	}
	return exts
}

// lexicon builds the ambiguity classes of the words seen at least 3 times
// in training: the tags making up at least 5% of a word's occurrences,
// sorted and joined with "|".
func lexicon(tr *data) map[string]string {
	counts := map[string]map[string]int{}
	for di, d := range tr.docs {
		for si, s := range d {
			for k, w := range s.Words {
				c := counts[w]
				if c == nil {
					c = map[string]int{}
					counts[w] = c
				}
				c[tr.gold[di][si][k]]++
			}
		}
	}
	lex := map[string]string{}
	for w, c := range counts {
		tot := 0
		for _, n := range c {
			tot += n
		}
		if tot < 3 {
			continue
		}
		var tags []string
		for t, n := range c {
			if n*20 >= tot {
				tags = append(tags, t)
			}
		}
		sort.Strings(tags)
		lex[w] = strings.Join(tags, "|")
	}
	return lex
}

// TagDict builds a tag dictionary from training data: for each key (the
// word, or the POS tag when key is "pos"; both when "word+pos", POS tags
// as "\t"+tag) seen at least min times, every
// label it was seen with, sorted and joined with " " (labels may contain
// "|": CoNLL-2003 has "NN|SYM"). All labels seen are
// kept, not only frequent ones: a pruned candidate can never be chosen,
// so the dictionary must not be stricter than the data. other are the
// labels seen with the rarer keys (the open classes an unseen word may
// take: no DT, IN, punctuation...), "" when that is every label.
func TagDict(tr *data, key string, min int) (dict map[string]string, other string) {
	counts := map[string]map[string]int{}
	for di, d := range tr.docs {
		for si, s := range d {
			keys := s.Words
			if key == "pos" {
				keys = s.POS
			}
			for k := range s.Words {
				if k >= len(keys) {
					break
				}
				c := counts[keys[k]]
				if c == nil {
					c = map[string]int{}
					counts[keys[k]] = c
				}
				c[tr.gold[di][si][k]]++
				if key == "word+pos" && k < len(s.POS) {
					c := counts["\t"+s.POS[k]]
					if c == nil {
						c = map[string]int{}
						counts["\t"+s.POS[k]] = c
					}
					c[tr.gold[di][si][k]]++
				}
			}
		}
	}
	dict = map[string]string{}
	rare, all := map[string]bool{}, map[string]bool{}
	for w, c := range counts {
		tot := 0
		for t, n := range c {
			tot += n
			all[t] = true
		}
		if tot < min {
			for t := range c {
				rare[t] = true
			}
			continue
		}
		tags := make([]string, 0, len(c))
		for t := range c {
			tags = append(tags, t)
		}
		sort.Strings(tags)
		dict[w] = strings.Join(tags, " ")
	}
	// Only words have open classes; a rare POS tag (chunker) keeps
	// every label.
	if key == "word" && len(rare) < len(all) && len(rare) > 0 {
		tags := make([]string, 0, len(rare))
		for t := range rare {
			tags = append(tags, t)
		}
		sort.Strings(tags)
		other = strings.Join(tags, " ")
	}
	return dict, other
}

// jackknifePOS replaces the POS tags of the chunker's training sentences
// by predictions: fold k of the documents is tagged by a POS model trained
// on the other folds with cfg.POS's configuration (feature set, bits, tag
// dictionary threshold, epochs; no early stopping, no dev data).
func jackknifePOS(cfg Config, trc *Corpus, tr *data, logf func(string, ...any)) error {
	pm := cfg.POS.Model.Meta
	posData, err := load(trc, "pos", nil)
	if err != nil {
		return err
	}
	pc := cfg
	// One seed per fold even when the POS model averages several: the
	// folds only need to err like it, at a third of the training time.
	pc.Task, pc.Epochs, pc.Bits, pc.TagDictMin, pc.POS, pc.Seeds = "pos", pm.Epochs, pm.Bits, pm.TagDictMin, nil, 1
	meta := tagger.Meta{Name: "pos-jackknife", Version: ModelVersion, FeatureSet: pm.FeatureSet,
		Labels: labelSet(posData.gold), Bits: pm.Bits, Seed: cfg.Seed}
	k := cfg.JackknifePOS
	var c Counts
	for f := 0; f < k; f++ {
		var in data
		for i := range posData.docs {
			if i%k != f {
				in.docs = append(in.docs, posData.docs[i])
				in.gold = append(in.gold, posData.gold[i])
			}
		}
		logf("POS jackknife fold %d/%d: train on %d docs (%s, %d epochs, one seed)\n", f+1, k, len(in.docs), pm.FeatureSet, pm.Epochs)
		m, _, err := fit(pc, meta, &in, nil, nil, nil, func(string, ...any) {})
		if err != nil {
			return fmt.Errorf("POS jackknife fold %d: %w", f+1, err)
		}
		t, err := tagger.NewTagger(m, cfg.Resources)
		if err != nil {
			return err
		}
		var sc tagger.Scratch
		for i := range tr.docs {
			if i%k != f {
				continue
			}
			labels, _ := t.TagDoc(&sc, posData.docs[i])
			for si := range tr.docs[i] {
				c.Add(posData.gold[i][si], labels[si])
				tr.docs[i][si].POS = labels[si]
			}
		}
	}
	logf("POS jackknife: training POS accuracy %.2f (%d folds)\n", c.Accuracy(), k)
	return nil
}

// cachedJackknifePOS is jackknifePOS through cfg.JackknifeCache.
func cachedJackknifePOS(cfg Config, trc *Corpus, tr *data, logf func(string, ...any)) error {
	if cfg.JackknifeCache == "" {
		return jackknifePOS(cfg, trc, tr, logf)
	}
	if b, err := os.ReadFile(cfg.JackknifeCache); err == nil {
		lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
		k := 0
		for _, doc := range tr.docs {
			for si := range doc {
				if k >= len(lines) {
					return fmt.Errorf("jackknife cache %s: too few lines", cfg.JackknifeCache)
				}
				tags := strings.Fields(lines[k])
				if len(tags) != len(doc[si].Words) {
					return fmt.Errorf("jackknife cache %s: line %d has %d tags for %d words", cfg.JackknifeCache, k+1, len(tags), len(doc[si].Words))
				}
				doc[si].POS = tags
				k++
			}
		}
		logf("POS jackknife: tags read from %s\n", cfg.JackknifeCache)
		return nil
	}
	if err := jackknifePOS(cfg, trc, tr, logf); err != nil {
		return err
	}
	var sb strings.Builder
	for _, doc := range tr.docs {
		for _, s := range doc {
			sb.WriteString(strings.Join(s.POS, " "))
			sb.WriteByte('\n')
		}
	}
	if err := os.WriteFile(cfg.JackknifeCache, []byte(sb.String()), 0o644); err != nil {
		return fmt.Errorf("write jackknife cache: %w", err)
	}
	return nil
}

// pruneRare removes from the examples the features whose bucket occurs
// fewer than min times over all of them, and returns how many
// occurrences it removed.
func pruneRare(exs []Example, bits, min int) int {
	mask := uint64(1)<<bits - 1
	count := make([]uint16, 1<<bits)
	for _, ex := range exs {
		for _, fs := range ex.Feats {
			for _, f := range fs {
				if b := f & mask; count[b] < 65535 {
					count[b]++
				}
			}
		}
	}
	removed := 0
	for _, ex := range exs {
		for i, fs := range ex.Feats {
			kept := fs[:0]
			for _, f := range fs {
				if int(count[f&mask]) >= min {
					kept = append(kept, f)
				} else {
					removed++
				}
			}
			ex.Feats[i] = kept
		}
	}
	return removed
}

// pruneRows zeroes the weight rows (nl labels each) whose largest
// absolute weight is below frac times the largest of all, and describes
// what it did ("" when frac <= 0). Averaging seeds leaves many rows only
// one member weighted, at a third of its weight; every row kept costs
// memory traffic at run time.
func pruneRows(dense []float32, nl int, frac float64) string {
	if frac <= 0 {
		return ""
	}
	var top float32
	for _, v := range dense {
		top = max(top, v, -v)
	}
	limit := float32(frac) * top
	kept, dropped := 0, 0
	for r := 0; r+nl <= len(dense); r += nl {
		row := dense[r : r+nl]
		var m float32
		for _, v := range row {
			m = max(m, v, -v)
		}
		if m == 0 {
			continue
		}
		if m < limit {
			clear(row)
			dropped++
		} else {
			kept++
		}
	}
	return fmt.Sprintf(", %d rows kept, %d pruned", kept, dropped)
}

// averageSeeds returns the mean of the averaged weights of perceptrons
// trained on the same examples in different orders (seeds): one model,
// less dependent on the order of the examples than any of them.
func averageSeeds(ps []*Perceptron) (dense, trans []float32) {
	dense, trans = ps[0].Averaged()
	if len(ps) == 1 {
		return dense, trans
	}
	for _, p := range ps[1:] {
		d, t := p.Averaged()
		for i, v := range d {
			dense[i] += v
		}
		for i, v := range t {
			trans[i] += v
		}
	}
	inv := 1 / float32(len(ps))
	for i := range dense {
		dense[i] *= inv
	}
	for i := range trans {
		trans[i] *= inv
	}
	return dense, trans
}
