package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// TestCrawlOnce polls the shared feeds from a loopback server twice through
// the real command and SQLite store: the first cycle stores every item once
// (item links point to real sites, which --allow-hosts refuses, so the
// feeds' own content is kept), the second sends conditional requests and
// stores nothing; `feeds` then reports every feed's health.
func TestCrawlOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the full analysis flow")
	}
	files, _ := filepath.Glob("../../../shared/data/feeds/feed-rs/*.xml")
	if len(files) == 0 {
		t.Skip("shared feeds absent")
	}
	if _, err := newFlow(flowOptions{}); err != nil {
		t.Skip("data folder not set up (make setup):", err)
	}
	var conditional atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-Modified-Since") != "" {
			conditional.Add(1)
		}
		http.ServeFile(w, r, filepath.Join("../../../shared/data/feeds/feed-rs", filepath.Base(r.URL.Path)))
	}))
	defer srv.Close()
	dir := t.TempDir()
	list := filepath.Join(dir, "feeds.txt")
	var b strings.Builder
	for _, f := range files {
		b.WriteString(srv.URL + "/" + filepath.Base(f) + "\tShared " + filepath.Base(f) + "\n")
	}
	if err := os.WriteFile(list, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "ng.db")
	args := []string{"crawl", "--once", "--feeds", list, "--db", db, "--allow-hosts", "127.0.0.1", "--host-interval", "0"}

	code, _, stderr := runCmd(t, "", args...)
	if code != 0 {
		t.Fatalf("crawl exit %d: %s", code, stderr)
	}
	stories := storedStories(t, db)
	if stories < 30 || !strings.Contains(stderr, fmt.Sprintf("new articles %d ", stories)) {
		t.Fatalf("first cycle stored %d articles, want ≥ 30 and as many as it reports:\n%s", stories, stderr)
	}
	code, _, stderr = runCmd(t, "", args...)
	if code != 0 {
		t.Fatalf("second crawl exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "new articles 0") {
		t.Errorf("second cycle stored something: %s", stderr)
	}
	if n := storedStories(t, db); n != stories {
		t.Errorf("stories after second cycle = %d, want %d", n, stories)
	}
	if conditional.Load() < int64(len(files)-1) {
		t.Errorf("second cycle sent %d conditional requests, want ≥ %d", conditional.Load(), len(files)-1)
	}
	code, out, stderr := runCmd(t, "", "feeds", "--db", db)
	if code != 0 {
		t.Fatalf("feeds exit %d: %s", code, stderr)
	}
	if got := strings.Count(out, "\nok "); got < len(files)-1 {
		t.Errorf("feeds lists %d healthy feeds, want ≥ %d:\n%s", got, len(files)-1, out)
	}
}

func storedStories(t *testing.T, db string) int {
	t.Helper()
	st, err := openStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.Mentions
}
