package main

import (
	"context"
	"errors"
	"sort"
	"testing"
	"time"

	"newsgraph/internal/cputime"
	"newsgraph/internal/doc"
	"newsgraph/internal/ingest"
)

// BenchmarkFlow runs the whole analysis over BBC stories on one goroutine
// and reports articles per CPU-second (the machine is shared, so wall time
// says little) and each stage's share of the time, to show where it goes.
//
//	go test ./cmd/newsgraph -run '^$' -bench '^BenchmarkFlow$' -benchtime 200x -cpu 1 -v
func BenchmarkFlow(b *testing.B) {
	flow, err := newFlow(flowOptions{})
	if err != nil {
		b.Skip("data folder not set up (make setup):", err)
	}
	var corpus []*doc.Article
	err = ingest.Walk(context.Background(), []string{"../../../shared/data/news/bbc2225.jsonl.gz"}, ingest.Options{}, func(a *doc.Article, err error) error {
		if err == nil {
			corpus = append(corpus, a)
		}
		if len(corpus) == 500 {
			return errStop
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		b.Skip("shared BBC corpus absent:", err)
	}
	stages := flow.Steps()
	spent := make([]time.Duration, len(stages))
	ctx := context.Background()
	var bytes, tokens int
	cpu0 := cputime.Used()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src := corpus[i%len(corpus)]
		a := &doc.Article{ID: src.ID, Title: src.Title, Text: src.Text, Published: src.Published}
		for k, s := range stages {
			t := time.Now()
			if err := s.Process(ctx, a); err != nil {
				b.Fatal(err)
			}
			spent[k] += time.Since(t)
		}
		bytes += len(a.Text)
		tokens += len(a.Tokens)
	}
	cpu := (cputime.Used() - cpu0).Seconds()
	b.ReportMetric(float64(b.N)/cpu, "articles/cpu-s")
	b.ReportMetric(float64(tokens)/cpu, "tokens/cpu-s")
	var total time.Duration
	for _, d := range spent {
		total += d
	}
	order := make([]int, len(stages))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(i, j int) bool { return spent[order[i]] > spent[order[j]] })
	for _, k := range order {
		b.Logf("%-10s %5.1f%%", stages[k].Name(), 100*float64(spent[k])/float64(total))
	}
}
