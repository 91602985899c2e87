package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"sync"
	"time"

	"newsgraph/internal/alert"
	"newsgraph/internal/doc"
	"newsgraph/internal/queue"
	"newsgraph/internal/store"
	"newsgraph/internal/worker"
)

// newPublisher connects the publisher of `ingest --queue` and
// `crawl --queue` to the JetStream server at url.
func newPublisher(ctx context.Context, url string) (publisher, error) {
	q, err := queue.Open(ctx, queue.Config{URL: url})
	if err != nil {
		return nil, err
	}
	return &queuePublisher{q: q, p: q.Publisher(512)}, nil
}

// queuePublisher adapts queue.Publisher to ingest's publisher hook.
type queuePublisher struct {
	q *queue.Queue
	p *queue.Publisher
}

func (qp *queuePublisher) Publish(ctx context.Context, a *doc.Article) error {
	return qp.p.Publish(ctx, a)
}
func (qp *queuePublisher) Flush(ctx context.Context) error { return qp.p.Flush(ctx) }
func (qp *queuePublisher) Close() error                    { qp.q.Close(); return nil }

// runWorker is `newsgraph worker`: consume articles from the JetStream
// queue, analyse them with newFlow, store them, and only then acknowledge.
// Run as many as you like, on as many machines: they share one durable
// consumer, and a worker killed at any moment loses nothing.
func runWorker(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("worker", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	qurl := fs.String("queue", "", "NATS JetStream server `URL` (nats://host:4222); required")
	db := fs.String("db", defaultDB, "store: postgres://... (shared by many workers) or a SQLite file `PATH`")
	loops := fs.Int("concurrency", runtime.GOMAXPROCS(0), "consumer loops in this process (`N`), each analysing a batch")
	batch := fs.Int("batch", 64, "messages per fetch and per transaction (`N`)")
	ackWait := fs.Duration("ack-wait", 2*time.Minute, "redeliver a message not acknowledged within `D` after its worker stops reporting progress")
	noAnalysis := fs.Bool("no-analysis", false, "store articles as received (they were analysed upstream)")
	stagesFlag := fs.String("stages", "", "comma-separated stage `NAMES` to run (default: all)")
	noAlerts := fs.Bool("no-alerts", false, "do not check alerts after each commit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *qurl == "" || fs.NArg() > 0 {
		return errors.New("usage: newsgraph worker --queue nats://HOST:4222 [--db postgres://...]")
	}
	log := slog.New(slog.NewTextHandler(env.stderr, nil))
	q, err := queue.Open(ctx, queue.Config{URL: *qurl, AckWait: *ackWait})
	if err != nil {
		return err
	}
	defer q.Close()
	cons, err := q.Consumer(ctx)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	var proc worker.Processor
	if !*noAnalysis {
		p, err := newFlow(flowOptions{stages: splitStages(*stagesFlag)})
		if err != nil {
			return fmt.Errorf("load analysis pipeline: %w", err)
		}
		proc = p
	}
	var committed func(context.Context, []*doc.Article, []store.PutResult)
	if !*noAlerts {
		eng := alert.New(st, alert.Options{Log: log, NoSSE: true})
		defer eng.Close()
		committed = func(ctx context.Context, _ []*doc.Article, res []store.PutResult) {
			var added []string
			for _, r := range res {
				if r.Status == store.Added {
					added = append(added, r.ID)
				}
			}
			if _, err := eng.Check(ctx, added); err != nil {
				log.Error("alert check failed", "err", err)
			}
		}
	}
	log.Info("worker started", "queue", *qurl, "loops", *loops, "batch", *batch)
	var wg sync.WaitGroup
	errs := make([]error, *loops)
	ws := make([]*worker.Worker, *loops)
	start := time.Now()
	for i := range ws {
		ws[i] = &worker.Worker{Consumer: cons, Pipeline: proc, Store: st, Committed: committed,
			Batch: *batch, Log: log.With("loop", i)}
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = ws[i].Run(ctx)
		}()
	}
	wg.Wait()
	var total worker.Stats
	for _, w := range ws {
		s := w.Stats()
		total.Stored += s.Stored
		total.Terminated += s.Terminated
		total.Retried += s.Retried
	}
	el := time.Since(start)
	fmt.Fprintf(env.stderr, "worker: stored %d articles in %s (%.1f/s), %d rejected, %d retried\n",
		total.Stored, el.Round(time.Millisecond), float64(total.Stored)/max(el.Seconds(), 1e-9), total.Terminated, total.Retried)
	return errors.Join(errs...)
}

// splitStages parses a comma-separated --stages value.
func splitStages(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
