package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/internal/store"
)

// runStoreCmd runs one newsgraph command line in-process.
func runStoreCmd(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), &cmdEnv{stdin: strings.NewReader(""), stdout: &out, stderr: &errb}, args)
	return out.String(), errb.String(), code
}

// TestIngestSearchExportCommands drives ingest (twice: idempotent),
// search (text and JSON, a syntax error) and export (csv, jsonl to a
// file) over a small JSONL input, without analysis.
func TestIngestSearchExportCommands(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	lines := []string{
		`{"id":"x1","source":"Reuters","title":"Oil prices rise","published":"2026-11-20T10:00:00Z","text":"Oil prices rose on Friday as OPEC signalled further output cuts, traders said in London."}`,
		`{"id":"x2","source":"AP","title":"Oil up again","published":"2026-11-21T10:00:00Z","text":"Oil prices rose on Friday as OPEC signalled further output cuts, traders said in London."}`,
		`{"id":"x3","source":"BBC News","title":"Election called","published":"2026-11-22T10:00:00Z","text":"The prime minister called a snap election for January, surprising the opposition."}`,
		`{"id":"x4","title":"broken","text":`,
	}
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "t.db")
	// One worker: with more, x1 and x2 (same text) reach the store in either
	// order, and which becomes the story and which its mention varies.
	_, stderr, code := runStoreCmd(t, "ingest", "--db", db, "--no-analysis", "--workers", "1", "--progress", "off", in)
	if code != 0 || !strings.Contains(stderr, "2 stored as new stories, 1 as mentions") || !strings.Contains(stderr, "1 bad inputs") {
		t.Fatalf("ingest: code %d, stderr %s", code, stderr)
	}
	_, stderr, code = runStoreCmd(t, "ingest", "--db", db, "--no-analysis", "--workers", "1", "--progress", "off", in)
	if code != 0 || !strings.Contains(stderr, "0 stored as new stories, 0 as mentions of a story, 3 already stored") {
		t.Fatalf("re-ingest: code %d, stderr %s", code, stderr)
	}

	out, _, code := runStoreCmd(t, "search", "--db", db, "oil OR election")
	if code != 0 || !strings.HasPrefix(out, "2 stories match") || !strings.Contains(out, "[+1 outlets]") {
		t.Errorf("search: code %d, out %s", code, out)
	}
	out, _, code = runStoreCmd(t, "search", "--db", db, "--json", "source:ap")
	var res store.SearchResult
	if err := json.Unmarshal([]byte(out), &res); code != 0 || err != nil || res.Total != 1 || res.Hits[0].ID != "x1" {
		t.Errorf("search --json source:ap: code %d, %v, %s", code, err, out)
	}
	_, stderr, code = runStoreCmd(t, "search", "--db", db, "oil AND")
	if code == 0 || !strings.Contains(stderr, "AND needs a term") {
		t.Errorf("bad query: code %d, stderr %s", code, stderr)
	}

	out, _, code = runStoreCmd(t, "export", "--db", db, "--format", "csv")
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if code != 0 || err != nil || len(recs) != 3 || recs[1][0] != "x1" || recs[2][0] != "x3" {
		t.Errorf("export csv: code %d, %v, %q", code, err, out)
	}
	file := filepath.Join(dir, "out.jsonl")
	if _, stderr, code := runStoreCmd(t, "export", "--db", db, "--format", "jsonl", "--query", "election", "-o", file); code != 0 {
		t.Fatalf("export jsonl: %s", stderr)
	}
	b, err := os.ReadFile(file)
	if err != nil || strings.Count(string(b), "\n") != 1 || !strings.Contains(string(b), `"id":"x3"`) {
		t.Errorf("export file = %s, %v", b, err)
	}
	if _, stderr, code := runStoreCmd(t, "export", "--db", db, "--format", "xml"); code == 0 || !strings.Contains(stderr, "unknown export format") {
		t.Errorf("bad format: %d %s", code, stderr)
	}
}
