package worker_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"newsgraph/internal/queue"
	"newsgraph/internal/queue/queuetest"
	"newsgraph/internal/store/postgres/pgtest"
	"newsgraph/internal/worker"
)

// BenchmarkWorkerStoreOnly measures queue → store throughput without
// analysis (PostgreSQL when $NEWSGRAPH_TEST_PG is set, else SQLite):
//
//	go test -run '^$' -bench WorkerStoreOnly -benchtime 1x ./internal/worker/
func BenchmarkWorkerStoreOnly(b *testing.B) {
	arts := corpusB(b, 2000)
	db := filepath.Join(b.TempDir(), "bench.db")
	if os.Getenv(pgtest.Env) != "" {
		db = pgtest.URL(b)
	}
	ctx := context.Background()
	st, err := openStore(ctx, db)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	q, err := queue.Open(ctx, queue.Config{URL: queuetest.Start(b)})
	if err != nil {
		b.Fatal(err)
	}
	defer q.Close()
	cons, err := q.Consumer(ctx)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	total := 0
	var el time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		pub := q.Publisher(512)
		for j, a := range arts {
			c := *a
			c.ID = fmt.Sprintf("%d-%d", i, j)
			c.Text = fmt.Sprintf("%s [%d/%d]", a.Text, i, j)
			c.Hash, c.SimHash = "", ""
			pub.Publish(ctx, &c)
		}
		if err := pub.Flush(ctx); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		w := &worker.Worker{Consumer: cons, Store: st, Batch: 256, MaxWait: 100 * time.Millisecond}
		for n := 0; n < len(arts); {
			k, err := w.RunOnce(ctx)
			if err != nil {
				b.Fatal(err)
			}
			n += k
		}
		el += time.Since(start)
		total += len(arts)
	}
	b.ReportMetric(float64(total)/el.Seconds(), "articles/s")
}
