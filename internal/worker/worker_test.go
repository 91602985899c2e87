package worker_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/ingest"
	"newsgraph/internal/pipeline"
	"newsgraph/internal/queue"
	"newsgraph/internal/queue/queuetest"
	"newsgraph/internal/store"
	"newsgraph/internal/store/postgres"
	"newsgraph/internal/store/postgres/pgtest"
	"newsgraph/internal/store/sqlite"
	"newsgraph/internal/worker"
)

// Environment of a child worker process (see TestWorkerChild).
const (
	envChild = "NEWSGRAPH_WORKER_CHILD"
	envNATS  = "NEWSGRAPH_WORKER_NATS"
	envDB    = "NEWSGRAPH_WORKER_DB"
	envDelay = "NEWSGRAPH_WORKER_DELAY"
)

func openStore(ctx context.Context, db string) (store.Store, error) {
	if postgres.IsURL(db) {
		return postgres.Open(ctx, db)
	}
	return sqlite.Open(ctx, db, sqlite.Options{})
}

// slowStage stands in for the analysis pipeline: it takes time per
// article, so a worker can be killed in the middle of a batch.
func slowStage(d time.Duration) *pipeline.Pipeline {
	p, _ := pipeline.New(pipeline.Func{StageName: "slow", Gives: []pipeline.Layer{pipeline.Lang},
		Fn: func(ctx context.Context, a *doc.Article) error {
			select {
			case <-time.After(d):
			case <-ctx.Done():
				return ctx.Err()
			}
			a.Lang = "en"
			return nil
		}})
	return p
}

// TestWorkerChild is the body of a worker process started by
// TestThreeWorkersOneKilled; it does nothing in a normal test run.
func TestWorkerChild(t *testing.T) {
	if os.Getenv(envChild) != "1" {
		t.Skip("helper process for TestThreeWorkersOneKilled")
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	delay, _ := time.ParseDuration(os.Getenv(envDelay))
	q, err := queue.Open(ctx, queue.Config{URL: os.Getenv(envNATS), AckWait: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	cons, err := q.Consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := openStore(ctx, os.Getenv(envDB))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w := &worker.Worker{Consumer: cons, Pipeline: slowStage(delay), Store: st, Batch: 8, MaxWait: 200 * time.Millisecond,
		RetryDelay: 200 * time.Millisecond, Log: slog.New(slog.NewTextHandler(os.Stderr, nil))}
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
}

// corpus reads the first n articles of the shared BBC corpus (it has exact
// duplicates under different ids, so dedup runs too).
func corpus(t *testing.T, n int) []*doc.Article { return corpusB(t, n) }

func corpusB(t testing.TB, n int) []*doc.Article {
	t.Helper()
	path := "../../../shared/data/news/bbc2225.jsonl.gz"
	if _, err := os.Stat(path); err != nil {
		t.Skipf("shared corpus absent: %v", err)
	}
	var out []*doc.Article
	stop := fmt.Errorf("enough")
	err := ingest.Walk(context.Background(), []string{path}, ingest.Options{}, func(a *doc.Article, err error) error {
		if err != nil {
			return nil
		}
		out = append(out, a)
		if len(out) == n {
			return stop
		}
		return nil
	})
	if err != nil && err != stop {
		t.Fatal(err)
	}
	return out
}

// Three worker processes consume the queue; one is SIGKILLed midway, with
// unacknowledged messages in hand. Every article must end up stored
// exactly once: nothing lost (ack after commit; redelivery after AckWait)
// and nothing doubled (the store's idempotent upsert).
func TestThreeWorkersOneKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes; skipped with -short")
	}
	db := ""
	if os.Getenv(pgtest.Env) != "" {
		db = pgtest.URL(t)
	} else {
		t.Logf("%s unset: using SQLite (CI runs this against PostgreSQL)", pgtest.Env)
		db = filepath.Join(t.TempDir(), "workers.db")
	}
	const n = 600
	arts := corpus(t, n)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	natsURL := queuetest.Start(t)
	q, err := queue.Open(ctx, queue.Config{URL: natsURL, AckWait: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	pub := q.Publisher(128)
	for _, a := range arts {
		if err := pub.Publish(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := pub.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := q.Consumer(ctx); err != nil { // create it before the workers race to
		t.Fatal(err)
	}
	st, err := openStore(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	var procs []*exec.Cmd
	for i := 0; i < 3; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestWorkerChild$", "-test.v")
		cmd.Env = append(os.Environ(), envChild+"=1", envNATS+"="+natsURL, envDB+"="+db, envDelay+"=4ms")
		cmd.Stderr = &prefixWriter{t: t, prefix: "worker" + strconv.Itoa(i)}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs = append(procs, cmd)
	}
	defer func() {
		for _, p := range procs {
			p.Process.Kill()
			p.Wait()
		}
	}()

	// Kill worker 0 once about a quarter is stored: it holds a fetched,
	// unacknowledged batch at that point.
	for {
		s, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if s.Mentions >= n/4 {
			break
		}
		if ctx.Err() != nil {
			t.Fatal("workers made no progress")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := procs[0].Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	procs[0].Wait()
	killedAt, _ := st.Stats(ctx)
	t.Logf("SIGKILLed worker 0 with %d of %d articles stored", killedAt.Mentions, n)
	if killedAt.Mentions >= n {
		t.Fatal("all articles were stored before the kill: the test proves nothing; slow the workers down")
	}

	for {
		s, _ := st.Stats(ctx)
		pending, _ := q.Pending(ctx)
		if s.Mentions >= n && pending == 0 {
			break
		}
		if ctx.Err() != nil {
			t.Fatalf("timed out: %d stored, %d pending", s.Mentions, pending)
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, p := range procs[1:] {
		p.Process.Signal(syscall.SIGTERM)
	}

	ids := make([]string, len(arts))
	distinct := map[string]bool{}
	for i, a := range arts {
		ids[i] = a.ID
		distinct[a.ID] = true
	}
	has, err := st.Has(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range ids {
		if !has[id] {
			t.Errorf("article %s lost", id)
		}
	}
	s, _ := st.Stats(ctx)
	if s.Mentions != len(distinct) {
		t.Errorf("%d article rows stored, want exactly %d (one per article id)", s.Mentions, len(distinct))
	}
	if s.Stories > s.Mentions || s.Stories < len(distinct)*9/10 {
		t.Errorf("stories = %d for %d articles", s.Stories, len(distinct))
	}
	t.Logf("%d articles stored once each (%d stories, %d exact/near duplicates as mentions)", s.Mentions, s.Stories, s.Mentions-s.Stories)
	if c, err := q.Consumer(ctx); err == nil {
		if info, err := c.Info(ctx); err == nil {
			// Deliveries beyond one per message are the killed worker's
			// unacknowledged batch going to the survivors.
			t.Logf("consumer: %d deliveries for %d messages: %d redelivered after the kill",
				info.Delivered.Consumer, n, int(info.Delivered.Consumer)-n)
		}
	}
}

type prefixWriter struct {
	t      *testing.T
	prefix string
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	if testing.Verbose() {
		os.Stderr.Write(append([]byte(p.prefix+": "), b...))
	}
	return len(b), nil
}

// Bad messages are terminated with a reason, not redelivered; good ones in
// the same batch are stored and acked.
func TestBadMessagesTerminated(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	q := queuetest.Open(ctx, t, time.Second)
	nc := q.Conn()
	for _, raw := range []string{`{"id":"bad1","text":`, "\xff\xfe", `{"id":"empty","text":""}`, `{"id":"x"} trailing`} {
		if err := nc.Publish(queue.DefaultSubject, []byte(raw)); err != nil {
			t.Fatal(err)
		}
	}
	if err := q.Publish(ctx, &doc.Article{ID: "good", Title: "Fine", Text: "A perfectly good article about trade."}); err != nil {
		t.Fatal(err)
	}
	nc.Flush()
	cons, err := q.Consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "w.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var committed []string
	w := &worker.Worker{Consumer: cons, Store: st, Batch: 10, MaxWait: 300 * time.Millisecond,
		Committed: func(_ context.Context, b []*doc.Article, res []store.PutResult) {
			for _, r := range res {
				committed = append(committed, r.ID)
			}
		}}
	for i := 0; i < 5 && w.Stats().Stored+w.Stats().Terminated < 5; i++ {
		if _, err := w.RunOnce(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if s := w.Stats(); s.Stored != 1 || s.Terminated != 4 {
		t.Errorf("stats = %+v, want 1 stored, 4 terminated", s)
	}
	if len(committed) != 1 || committed[0] != "good" {
		t.Errorf("committed = %v", committed)
	}
	time.Sleep(1200 * time.Millisecond) // past AckWait: nothing may come back
	if n, _ := w.RunOnce(ctx); n != 0 {
		t.Errorf("redelivered %d after term/ack", n)
	}
	if p, _ := q.Pending(ctx); p != 0 {
		t.Errorf("%d messages left in the work queue", p)
	}
}

// A batch that takes longer than AckWait to analyse is kept by its worker
// (in-progress heartbeats), not handed to a second worker meanwhile.
func TestHeartbeatKeepsLongBatch(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	q := queuetest.Open(ctx, t, time.Second)
	for i := 0; i < 12; i++ {
		if err := q.Publish(ctx, &doc.Article{ID: fmt.Sprint("hb", i), Text: fmt.Sprint("Story number ", i, " about the harvest.")}); err != nil {
			t.Fatal(err)
		}
	}
	cons, err := q.Consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "hb.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	slow := &worker.Worker{Consumer: cons, Store: st, Pipeline: slowStage(200 * time.Millisecond), Batch: 12,
		MaxWait: 300 * time.Millisecond, Heartbeat: 300 * time.Millisecond}
	done := make(chan int)
	go func() {
		n, err := slow.RunOnce(ctx)
		if err != nil {
			t.Error(err)
		}
		done <- n
	}()
	time.Sleep(1500 * time.Millisecond) // past AckWait, mid-batch (2.4 s of analysis)
	other := &worker.Worker{Consumer: cons, Store: st, Batch: 12, MaxWait: 300 * time.Millisecond}
	if n, _ := other.RunOnce(ctx); n != 0 {
		t.Errorf("a second worker got %d messages of a batch still in progress", n)
	}
	if n := <-done; n != 12 {
		t.Errorf("slow worker stored %d, want 12", n)
	}
}
