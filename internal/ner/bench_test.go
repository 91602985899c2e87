package ner_test

import (
	"testing"

	"newsgraph/assets/models"
	"newsgraph/internal/cputime"
	"newsgraph/internal/ner"
	"newsgraph/internal/syntax"
	"newsgraph/internal/tagger"
	"newsgraph/internal/train"
)

// BenchmarkNER tags the CoNLL-2003 dev set (two passes per document, as
// the stage does) and reports tokens per second on one goroutine. One
// tagger.Scratch serves every document, as in a long-running worker: its
// word and emission caches stay warm across documents.
func BenchmarkNER(b *testing.B) { benchNER(b, 2, false) }

// BenchmarkNERPass1 tags with the first pass only (`ner.LoadTagger(...)`
// without Pass2: dev F1 93.38 instead of 93.64).
func BenchmarkNERPass1(b *testing.B) { benchNER(b, 1, false) }

// BenchmarkNERFresh is BenchmarkNER with a new tagger.Scratch per
// document, as ner.Stage.Process does: TagDoc then borrows warm scratch
// from the tagger's pool.
func BenchmarkNERFresh(b *testing.B) { benchNER(b, 2, true) }

// BenchmarkNERCold starts every document with empty caches (a new Tagger,
// so an empty pool): the worst case, e.g. the first article a worker
// tags.
func BenchmarkNERCold(b *testing.B) { benchNER(b, 3, true) }

func benchNER(b *testing.B, passes int, fresh bool) {
	c, err := train.ReadCoNLL("../../../shared/data/conll2003/eng.testa")
	if err != nil {
		b.Skip("CoNLL dev file not present")
	}
	newFlow(b) // skips without data
	res, err := ner.LoadResources(dataDir)
	if err != nil {
		b.Fatal(err)
	}
	t, err := ner.LoadTagger("en", res)
	if err != nil {
		b.Fatal(err)
	}
	if passes == 1 {
		t = &tagger.Tagger{Model: t.Model, Ext: t.Ext}
	}
	docs := make([][]tagger.Sentence, len(c.Docs))
	for i, d := range c.Docs {
		for _, s := range d.Sents {
			docs[i] = append(docs[i], tagger.Sentence{Words: s.Words})
		}
	}
	var sc tagger.Scratch
	cpu0 := cputime.Used()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			if fresh {
				sc = tagger.Scratch{}
			}
			if passes == 3 {
				cold := &tagger.Tagger{Model: t.Model, Ext: t.Ext, Pass2: t.Pass2}
				cold.TagDoc(&sc, d)
				continue
			}
			t.TagDoc(&sc, d)
		}
	}
	b.ReportMetric(float64(c.Tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	// On a shared machine wall time undercounts: report tokens per second
	// of CPU time too (one goroutine, so one core).
	b.ReportMetric(float64(c.Tokens)*float64(b.N)/(cputime.Used()-cpu0).Seconds(), "tokens/cpu-s")
}

// BenchmarkLoadModels measures loading every embedded model (NER en two
// passes, NER es, POS, chunk) from the binary; the gazetteer and clusters
// are BenchmarkLoadResources.
func BenchmarkLoadModels(b *testing.B) {
	cpu0 := cputime.Used()
	defer func() { b.ReportMetric(float64((cputime.Used()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op") }()
	for i := 0; i < b.N; i++ {
		for _, name := range []string{"ner-en.pass1", "ner-en", "ner-es", "pos-en", "chunk-en"} {
			if _, err := tagger.Load(models.FS, name+".model.gz"); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkLoadResources measures reading the gazetteer and clusters from
// the data folder.
func BenchmarkLoadResources(b *testing.B) {
	newFlow(b)
	cpu0 := cputime.Used()
	defer func() { b.ReportMetric(float64((cputime.Used()-cpu0).Milliseconds())/float64(b.N), "cpu-ms/op") }()
	for i := 0; i < b.N; i++ {
		if _, err := ner.LoadResources(dataDir); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPOS tags the dev set with the embedded POS tagger (two passes
// when the model is a stacked second pass) and reports tokens per CPU-second.
func BenchmarkPOS(b *testing.B) {
	c, err := train.ReadCoNLL("../../../shared/data/conll2003/eng.testa")
	if err != nil {
		b.Skip("CoNLL dev file not present")
	}
	newFlow(b)
	res, err := ner.LoadResources(dataDir)
	if err != nil {
		b.Fatal(err)
	}
	t, err := syntax.LoadTagger("pos", "en", res)
	if err != nil {
		b.Fatal(err)
	}
	docs := make([][]tagger.Sentence, len(c.Docs))
	for i, d := range c.Docs {
		for _, s := range d.Sents {
			docs[i] = append(docs[i], tagger.Sentence{Words: s.Words})
		}
	}
	cpu0 := cputime.Used()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			t.TagDoc(nil, d)
		}
	}
	b.ReportMetric(float64(c.Tokens)*float64(b.N)/(cputime.Used()-cpu0).Seconds(), "tokens/cpu-s")
}
