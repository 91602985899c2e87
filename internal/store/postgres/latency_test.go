package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/ingest"
	"newsgraph/internal/store"
)

// BenchmarkLatency reports search and timeline latency percentiles over a
// store of $NEWSGRAPH_BENCH_N stories (skipped when unset): the Reuters
// corpus stored through PutBatch, then multiplied inside PostgreSQL with
// new ids and dates spread over a year (the same text under new ids; the
// GIN index and the day index see N rows).
//
//	source .ci/postgres.sh
//	NEWSGRAPH_BENCH_N=100000 go test -run '^$' -bench Latency -benchtime 1x -timeout 30m ./internal/store/postgres/
func BenchmarkLatency(b *testing.B) {
	// Minutes of loading: only when asked for.
	n, err := strconv.Atoi(os.Getenv("NEWSGRAPH_BENCH_N"))
	if err != nil || n <= 0 {
		b.Skip("set NEWSGRAPH_BENCH_N (e.g. 100000) to run")
	}
	var arts []*doc.Article
	stop := errors.New("enough")
	err = ingest.Walk(context.Background(), []string{"../../../../shared/data/news/reuters21578.jsonl.gz"}, ingest.Options{},
		func(a *doc.Article, err error) error {
			if err == nil {
				arts = append(arts, a)
			}
			if len(arts) == min(n, 10000) {
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
	base := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	for i := 0; i < len(arts); i += 1000 {
		batch := arts[i:min(i+1000, len(arts))]
		for j, a := range batch {
			a.Published = base.AddDate(0, 0, (i+j)%365)
		}
		if _, err := s.PutBatch(ctx, batch); err != nil {
			b.Fatal(err)
		}
	}
	pool := s.Pool()
	for copyNo := 1; ; copyNo++ {
		var have int
		pool.QueryRow(ctx, `SELECT count(*) FROM articles`).Scan(&have)
		if have >= n {
			break
		}
		take := min(n-have, len(arts))
		_, err := pool.Exec(ctx, `WITH src AS (SELECT * FROM articles WHERE id NOT LIKE '%#%' ORDER BY doc LIMIT $2),
			ins AS (INSERT INTO articles (id, url, source, title, text, published, day, lang, hash, simhash, focus_country, tone, ann)
				SELECT id || $1, url, source, title, text, published + ($3::int * interval '7 days'),
					to_char((published + ($3::int * interval '7 days')) AT TIME ZONE 'UTC', 'YYYY-MM-DD'),
					lang, hash || $1, simhash, focus_country, tone, ann FROM src
				RETURNING doc, id, source, title, published)
			INSERT INTO mentions (id, doc, source, source_norm, title, published) SELECT id, doc, source, lower(source), title, published FROM ins`,
			"#"+strconv.Itoa(copyNo), take, copyNo)
		if err != nil {
			b.Fatal(err)
		}
	}
	pool.Exec(ctx, `ANALYZE`)
	queries := []struct {
		name string
		run  func() error
	}{
		{"search word", func() error { _, err := s.Search(ctx, store.Query{Text: "oil"}); return err }},
		{"search phrase+filter", func() error {
			_, err := s.Search(ctx, store.Query{Text: `"crude oil" from:2026-03`})
			return err
		}},
		{"search AND/NOT", func() error { _, err := s.Search(ctx, store.Query{Text: "trade AND japan NOT tariff*"}); return err }},
		{"search relevance", func() error {
			_, err := s.Search(ctx, store.Query{Text: "bank rates", Order: store.Relevance})
			return err
		}},
		{"timeline all", func() error { _, err := s.Timeline(ctx, store.TimelineQuery{}); return err }},
		{"timeline word", func() error { _, err := s.Timeline(ctx, store.TimelineQuery{Text: "oil"}); return err }},
	}
	b.ResetTimer()
	for range b.N {
		for _, q := range queries {
			var lat []time.Duration
			for i := 0; i < 50; i++ {
				t0 := time.Now()
				if err := q.run(); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			fmt.Printf("%d stories  %-22s p50 %7.1f ms  p99 %7.1f ms\n", n, q.name,
				float64(lat[len(lat)/2].Microseconds())/1000, float64(lat[len(lat)*99/100].Microseconds())/1000)
		}
	}
}
