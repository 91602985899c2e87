package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/ingest"
	"newsgraph/internal/store"
)

// BenchmarkPutBatch measures storing (no analysis) corpus articles in
// batches of 500, with fresh ids so every article is new:
//
//	NEWSGRAPH_TEST_PG=... go test -run '^$' -bench PutBatch ./internal/store/postgres/
func BenchmarkPutBatch(b *testing.B) {
	var arts []*doc.Article
	stop := errors.New("enough")
	err := ingest.Walk(context.Background(), []string{"../../../../shared/data/news/reuters21578.jsonl.gz"}, ingest.Options{},
		func(a *doc.Article, err error) error {
			if err == nil {
				arts = append(arts, a)
			}
			if len(arts) == 5000 {
				return stop
			}
			return nil
		})
	if err != nil && !errors.Is(err, stop) {
		b.Skip(err)
	}
	s := openB(b)
	defer s.Close()
	ctx := context.Background()
	b.ResetTimer()
	n := 0
	start := time.Now()
	for i := 0; i < b.N; i++ {
		batch := make([]*doc.Article, 500)
		for j := range batch {
			a := *arts[(i*500+j)%len(arts)]
			a.ID = fmt.Sprintf("bench-%d-%d", i, j)
			a.Text = fmt.Sprintf("%s [%d/%d]", a.Text, i, j) // a new story, not a duplicate
			a.Hash, a.SimHash = "", ""
			batch[j] = &a
		}
		if _, err := s.PutBatch(ctx, batch); err != nil {
			b.Fatal(err)
		}
		n += len(batch)
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
}

var _ = store.Added
