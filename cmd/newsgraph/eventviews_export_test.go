package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/store/sqlite"
)

// TestExportMerged exports a store holding one event reported by two
// stories, one of them also stored as a second outlet's exact copy: the
// merged Events table has one row for it with 3 mentions, 3 sources and 2
// articles, and every merged Mentions row points at an exported event.
func TestExportMerged(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "merged.db")
	st, err := sqlite.Open(ctx, db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	ev := func(src, tgt string) doc.Event {
		return doc.Event{ID: "e1", Source: doc.Actor{Code: src}, Target: doc.Actor{Code: tgt}, Code: "181", BaseCode: "181",
			RootCode: "18", QuadClass: 4, Goldstein: -9, Status: "asserted", Confidence: 0.7, Trigger: doc.Span{Start: 7, End: 16}}
	}
	text := "Gunmen kidnapped an American aid worker in Kabul on Monday, police said."
	arts := []*doc.Article{
		{ID: "wire-1", Source: "Wire", Published: pub, Text: text, Events: []doc.Event{ev("AFGINS", "USACVL")}},
		{ID: "daily-1", Source: "Other Daily", Published: pub.Add(time.Hour), Text: text},
		{ID: "times-1", Source: "Times", Published: pub.Add(20 * time.Hour), Text: "Gunmen abducted an American aid worker in Kabul, officials confirmed.",
			Events: []doc.Event{ev("AFGINS", "USA")}},
	}
	if _, err := st.PutBatch(ctx, arts); err != nil {
		t.Fatal(err)
	}
	st.Close()

	code, out, errs := runCmd(t, "", "export", "--db", db, "--format", "gdelt-events", "--merged")
	if code != 0 {
		t.Fatalf("export events: exit %d: %s", code, errs)
	}
	rows := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(rows) != 1 {
		t.Fatalf("%d merged event rows, want 1:\n%s", len(rows), out)
	}
	f := strings.Split(rows[0], "\t")
	if len(f) != 61 || f[31] != "3" || f[32] != "3" || f[33] != "2" {
		t.Fatalf("merged row: %d columns, NumMentions/Sources/Articles %v", len(f), f[31:34])
	}
	code, out, errs = runCmd(t, "", "export", "--db", db, "--format", "gdelt-mentions", "--merged")
	if code != 0 {
		t.Fatalf("export mentions: exit %d: %s", code, errs)
	}
	outlets := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		m := strings.Split(line, "\t")
		if len(m) != 16 || m[0] != f[0] || m[1] != f[59] {
			t.Errorf("mention row does not link to event %s added %s: %q", f[0], f[59], line)
		}
		outlets[m[4]] = true
	}
	if len(outlets) != 3 || !outlets["Other Daily"] {
		t.Errorf("mention outlets %v, want Wire, Other Daily and Times", outlets)
	}
	if code, _, errs := runCmd(t, "", "export", "--db", db, "--format", "csv", "--merged"); code == 0 || !strings.Contains(errs, "--merged") {
		t.Errorf("--merged with csv: exit %d, %s", code, errs)
	}
}
