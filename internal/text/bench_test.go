package text

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"testing"

	"newsgraph/internal/doc"
)

const reutersPath = "../../../shared/data/news/reuters21578.jsonl.gz"

// loadTexts reads up to max article texts from a JSONL(.gz) news file, or
// skips the test when the shared data is absent.
func loadTexts(tb testing.TB, path string, max int) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skip("shared data absent:", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatalf("open %s: %v", path, err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var texts []string
	for sc.Scan() && len(texts) < max {
		var rec struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		texts = append(texts, rec.Text)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return texts
}

// BenchmarkTokenizeSplit measures tokenize + sentence split throughput over
// Reuters-21578 articles (MB/s is of article text), reusing buffers the way
// the Stage does.
func BenchmarkTokenizeSplit(b *testing.B) {
	texts := loadTexts(b, reutersPath, 5000)
	var size int64
	for _, t := range texts {
		size += int64(len(t))
	}
	var toks []doc.Token
	var sents []doc.Sentence
	b.SetBytes(size)
	m := startCPU(b)
	for b.Loop() {
		for _, t := range texts {
			toks = AppendTokens(toks[:0], t)
			sents = AppendSentences(sents[:0], t, toks)
		}
	}
	b.ReportMetric(float64(len(texts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	m.report(b, size, float64(len(texts)), "articles")
}

// BenchmarkTokenizeSplitAlloc is the same with fresh slices per article,
// as Tokenize and Sentences give them.
func BenchmarkTokenizeSplitAlloc(b *testing.B) {
	texts := loadTexts(b, reutersPath, 5000)
	var size int64
	for _, t := range texts {
		size += int64(len(t))
	}
	b.SetBytes(size)
	m := startCPU(b)
	for b.Loop() {
		for _, t := range texts {
			Sentences(t, Tokenize(t))
		}
	}
	m.report(b, size, float64(len(texts)), "articles")
}

// BenchmarkLanguage measures language identification per article.
func BenchmarkLanguage(b *testing.B) {
	texts := loadTexts(b, reutersPath, 5000)
	var size int64
	for _, t := range texts {
		size += int64(min(len(t), langPrefix))
	}
	b.SetBytes(size)
	m := startCPU(b)
	for b.Loop() {
		for _, t := range texts {
			Language(t)
		}
	}
	b.ReportMetric(float64(len(texts))*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	m.report(b, size, float64(len(texts)), "articles")
}
