package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/ingest"
	"newsgraph/internal/store"
	"newsgraph/internal/store/sqlite"
)

// The test binary doubles as the newsgraph binary for crash tests: with
// NEWSGRAPH_TEST_CHILD=1 it runs the command line after "--" and exits,
// so a child process can be SIGKILLed without building anything.
func init() {
	if os.Getenv("NEWSGRAPH_TEST_CHILD") != "1" {
		return
	}
	args := os.Args[1:]
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	env := &cmdEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	os.Exit(run(context.Background(), env, args))
}

const newsDir = "../../../shared/data/news"

// crashCorpus writes the BBC corpus and the first n Reuters stories into
// one gzipped JSONL file and returns its path and the distinct ids in it.
func crashCorpus(t *testing.T, n int) (string, map[string]bool) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "corpus.jsonl.gz")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(out)
	for _, name := range []string{"bbc2225.jsonl.gz", "reuters21578.jsonl.gz"} {
		f, err := os.Open(filepath.Join(newsDir, name))
		if err != nil {
			t.Skipf("shared corpus not available: %v", err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 8<<20)
		for i := 0; sc.Scan(); i++ {
			if name != "bbc2225.jsonl.gz" && i >= n {
				break
			}
			zw.Write(sc.Bytes())
			zw.Write([]byte("\n"))
		}
		f.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	ids := map[string]bool{}
	err = ingest.Walk(context.Background(), []string{path}, ingest.Options{}, func(a *doc.Article, err error) error {
		if err == nil {
			ids[a.ID] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return path, ids
}

// TestIngestSurvivesSIGKILL ingests a corpus, SIGKILLs the ingester twice
// at different points, reruns it to completion and checks every article is
// stored exactly once and the database and its full-text index are sound.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: ingests ~4,000 articles three times")
	}
	corpus, ids := crashCorpus(t, 1500)
	db := filepath.Join(t.TempDir(), "crash.db")
	args := []string{"-test.run=^$", "--", "ingest", "--db", db, "--batch", "50", "--progress", "log", "--count=false"}
	if data, err := filepath.Abs("../../data"); err == nil {
		if _, err := os.Stat(data); err == nil {
			os.Setenv("NEWSGRAPH_DATA", data)
			args = append(args, "--stages", "text")
		}
	}
	if os.Getenv("NEWSGRAPH_DATA") == "" {
		args = append(args, "--no-analysis")
	}
	args = append(args, corpus)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stored := func() int {
		s, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return s.Mentions
	}
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = append(os.Environ(), "NEWSGRAPH_TEST_CHILD=1")
		cmd.Stderr = &testWriter{t: t}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// Two runs killed once they have stored a quarter and then more than
	// half of the corpus, a third run to completion.
	for _, frac := range []float64{0.25, 0.6} {
		cmd := child()
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		target := int(frac * float64(len(ids)))
		deadline := time.Now().Add(3 * time.Minute)
		killed := false
		for !killed {
			select {
			case err := <-exited:
				t.Logf("ingester finished before it could be killed (%v)", err)
				killed = true
				continue
			case <-time.After(20 * time.Millisecond):
			}
			if stored() >= target || time.Now().After(deadline) {
				cmd.Process.Signal(syscall.SIGKILL)
				<-exited
				killed = true
				t.Logf("SIGKILL with %d of %d articles stored", stored(), len(ids))
			}
		}
	}
	cmd := child()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("rerun after kills: %v", err)
	}
	if err := st.Check(ctx); err != nil {
		t.Fatal(err)
	}
	var list []string
	for id := range ids {
		list = append(list, id)
	}
	have, err := st.Has(ctx, list)
	if err != nil {
		t.Fatal(err)
	}
	missing := 0
	for _, id := range list {
		if !have[id] {
			missing++
		}
	}
	s, _ := st.Stats(ctx)
	if missing > 0 || s.Mentions != len(ids) {
		t.Errorf("after kills and rerun: %d of %d ids missing, %d stored (want each exactly once)", missing, len(ids), s.Mentions)
	}
	// Every story is findable through the full-text index exactly once.
	res, err := st.Search(ctx, store.Query{Text: "", Limit: 1})
	if err != nil || res.Total != s.Stories {
		t.Errorf("search total %d, stories %d, %v", res.Total, s.Stories, err)
	}
	t.Logf("%d ids: %d stories + %d mentions of them", len(ids), s.Stories, s.Mentions-s.Stories)

	// Re-ingesting adds nothing.
	cmd = child()
	if err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	if s2, _ := st.Stats(ctx); s2 != s {
		t.Errorf("re-ingest changed the store: %+v → %+v", s, s2)
	}
}

// testWriter sends a child's stderr to the test log.
type testWriter struct{ t *testing.T }

func (w *testWriter) Write(p []byte) (int, error) {
	w.t.Logf("child: %s", p)
	return len(p), nil
}
