package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"

	"newsgraph/internal/cputime"
	"newsgraph/internal/doc"
	"newsgraph/internal/ingest"
	"newsgraph/internal/pipeline"
	"newsgraph/internal/text"
)

const reutersJSONL = "../../../shared/data/news/reuters21578.jsonl.gz"

// BenchmarkAnalyzeJSONL measures JSONL read + analyze with the text layer
// only, on one goroutine: ingest (gunzip, JSON decode, UTF-8 check, hash
// and SimHash) then text.Stage (tokens, sentences, language) over all
// 19,779 Reuters-21578 articles. JSON output is measured apart, in
// BenchmarkAnalyzeJSONLOutput.
func BenchmarkAnalyzeJSONL(b *testing.B) {
	benchAnalyzeJSONL(b, false)
}

// BenchmarkAnalyzeJSONLOutput is BenchmarkAnalyzeJSONL plus encoding each
// article as a JSON line, as `newsgraph analyze --stages text` does.
func BenchmarkAnalyzeJSONLOutput(b *testing.B) {
	benchAnalyzeJSONL(b, true)
}

func benchAnalyzeJSONL(b *testing.B, output bool) {
	gz, err := os.ReadFile(reutersJSONL)
	if err != nil {
		b.Skip("shared data absent:", err)
	}
	st, err := text.New()
	if err != nil {
		b.Fatal(err)
	}
	p, err := pipeline.New(st)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	env := &cmdEnv{stdout: io.Discard, stderr: io.Discard}
	var articles, size int
	b.ResetTimer()
	cpu0 := cputime.Used()
	for b.Loop() {
		if output {
			env.stdin = bytes.NewReader(gz)
			if err := analyze(ctx, env, p, analyzeOptions{workers: 1}, []string{"-"}); err != nil {
				b.Fatal(err)
			}
			continue
		}
		articles, size = 0, 0
		err := ingest.FromReader(bytes.NewReader(gz), "reuters21578.jsonl.gz", ingest.Options{}, func(a *doc.Article, err error) error {
			if err != nil {
				return err
			}
			articles++
			size += len(a.Text)
			return p.Process(ctx, a)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if !output {
		b.SetBytes(int64(size))
	}
	b.ReportMetric(19779*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	if sec := (cputime.Used() - cpu0).Seconds(); sec > 0 {
		b.ReportMetric(19779*float64(b.N)/sec, "articles/cpu-s")
	}
}
