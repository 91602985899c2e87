package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/ingest"
	"newsgraph/internal/queue/queuetest"
	"newsgraph/internal/store"
	"newsgraph/internal/store/postgres"
	"newsgraph/internal/store/postgres/pgtest"
)

// syncBuffer is a goroutine-safe stderr for commands run in the background.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeRefusesOpenWritesOffLoopback(t *testing.T) {
	t.Setenv(tokenEnv, "")
	env := &cmdEnv{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	err := runServe(context.Background(), env, []string{"--addr", "0.0.0.0:0", "--db", filepath.Join(t.TempDir(), "x.db")})
	if err == nil || !strings.Contains(err.Error(), "without a token") {
		t.Fatalf("serve on 0.0.0.0 without token = %v, want refusal", err)
	}
	for _, tc := range []struct {
		addr string
		want bool
	}{{"127.0.0.1:8080", true}, {"[::1]:80", true}, {"localhost:1", true}, {":8080", false}, {"0.0.0.0:1", false}, {"10.0.0.1:80", false}} {
		if got, _ := isLoopback(tc.addr); got != tc.want {
			t.Errorf("isLoopback(%q) = %v", tc.addr, got)
		}
	}
}

// startServe runs `newsgraph serve` until the test ends and returns its
// base URL.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := &syncBuffer{}
	env := &cmdEnv{stdin: strings.NewReader(""), stdout: io.Discard, stderr: stderr}
	done := make(chan error, 1)
	go func() { done <- runServe(ctx, env, append([]string{"--addr", "127.0.0.1:0", "--no-ui"}, args...)) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	re := regexp.MustCompile(`serve: (http://[^/]+)/api/`)
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := re.FindStringSubmatch(stderr.String()); m != nil {
			return m[1]
		}
		select {
		case err := <-done:
			t.Fatalf("serve exited: %v\n%s", err, stderr.String())
		default:
		}
	}
	t.Fatalf("serve did not start:\n%s", stderr.String())
	return ""
}

// End to end at scale-out: `ingest --queue` publishes corpus articles to a
// real embedded nats-server, `newsgraph worker` analyses them with newFlow
// and stores them in a real PostgreSQL, and `serve --db postgres://...`
// answers the API from it, including an authenticated ingest.
func TestQueueWorkerServePostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end")
	}
	db := pgtest.URL(t)
	natsURL := queuetest.Start(t)
	ctx := context.Background()

	// 40 BBC stories as a JSONL file.
	var buf bytes.Buffer
	n := 0
	stop := errors.New("enough")
	err := ingest.Walk(ctx, []string{"../../../shared/data/news/bbc2225.jsonl.gz"}, ingest.Options{}, func(a *doc.Article, err error) error {
		if err != nil {
			return nil
		}
		a.Published = time.Date(2026, 11, 20+n%5, 9, 0, 0, 0, time.UTC)
		b, _ := json.Marshal(a)
		buf.Write(append(b, '\n'))
		if n++; n == 40 {
			return stop
		}
		return nil
	})
	if err != nil && !errors.Is(err, stop) {
		t.Skip("shared corpus absent:", err)
	}
	in := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr := &syncBuffer{}
	env := &cmdEnv{stdin: strings.NewReader(""), stdout: io.Discard, stderr: stderr}
	if err := runIngest(ctx, env, []string{"--queue", natsURL, in}); err != nil {
		t.Fatalf("ingest --queue: %v\n%s", err, stderr)
	}

	workerArgs := []string{"--queue", natsURL, "--db", db, "--concurrency", "2", "--batch", "8"}
	analysed := true
	if _, err := newFlow(flowOptions{}); err != nil {
		t.Logf("data folder not set up (%v): worker stores without analysis", err)
		workerArgs, analysed = append(workerArgs, "--no-analysis"), false
	}
	wctx, stopWorker := context.WithCancel(ctx)
	werr := make(chan error, 1)
	go func() { werr <- runWorker(wctx, env, workerArgs) }()
	st, err := postgres.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(100 * time.Millisecond) {
		s, err := st.Stats(ctx)
		if err == nil && s.Mentions == n {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("worker stored %+v of %d\n%s", s, n, stderr)
		}
	}
	stopWorker()
	if err := <-werr; err != nil {
		t.Fatalf("worker: %v", err)
	}
	if analysed {
		s, _ := st.Stats(ctx)
		if s.Entities == 0 {
			t.Errorf("worker stored articles without analysis: %+v", s)
		}
	}

	base := startServe(t, "--db", db, "--token", "tok", "--no-analysis")
	resp, err := http.Get(base + "/api/search?q=from:2026-11-20+to:2026-11-24&limit=100")
	if err != nil {
		t.Fatal(err)
	}
	var res store.SearchResult
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if resp.StatusCode != 200 || res.Total == 0 || res.Total > n {
		t.Errorf("search over postgres = %d, %d hits", resp.StatusCode, res.Total)
	}
	body := `{"id":"api-1","title":"Posted","text":"An article posted through the API to PostgreSQL."}`
	for _, tc := range []struct {
		auth string
		want int
	}{{"", 401}, {"Bearer tok", 200}} {
		rq, _ := http.NewRequest("POST", base+"/api/ingest", strings.NewReader(body))
		rq.Header.Set("Content-Type", "application/json")
		if tc.auth != "" {
			rq.Header.Set("Authorization", tc.auth)
		}
		resp, err := http.DefaultClient.Do(rq)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("ingest with %q = %d, want %d", tc.auth, resp.StatusCode, tc.want)
		}
	}
	if has, _ := st.Has(ctx, []string{"api-1"}); !has["api-1"] {
		t.Error("article posted to serve --db postgres:// not stored")
	}
}
