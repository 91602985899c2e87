package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/eventmerge"
	"newsgraph/internal/eventviews"
	"newsgraph/internal/ingest"
	"newsgraph/internal/pipeline"
	"newsgraph/internal/store"
	"newsgraph/internal/store/sqlite"
)

// TestOneEventManyOutlets ingests the Rubio story as four outlets ran it
// (the wire text, a lightly reworded copy, an exact copy, and a more
// reworded version) through the real analysis and store: the copies are
// one story, the rewrite another, and Rubio's visit to Mexico is one event
// with four sources in two stories, not four visits. The visit
// planned to Ecuador is not an event that happened, and the "recent U.S.
// military operations" are no new event either.
func TestOneEventManyOutlets(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the full analysis flow")
	}
	flow, err := newFlow(flowOptions{})
	if err != nil {
		t.Skip("data folder not set up (make setup):", err)
	}
	raw, err := os.ReadFile(examplePath)
	if err != nil {
		t.Skip("shared example absent")
	}
	text := string(raw)
	// Two light edits keep a copy within SimHash distance of the wire text
	// (stored as a mention of it); four make another story, whose events
	// the merger has to join by actors, code and date.
	light := strings.NewReplacer(
		"signaling", "signalling",
		"key government officials", "senior government officials",
	).Replace(text)
	heavier := strings.NewReplacer(
		"In a high profile diplomatic engagement", "In a high-profile diplomatic engagement",
		"signaling", "signalling",
		"key government officials", "senior government officials",
		"Officials described the discussions", "Officials called the discussions",
	).Replace(text)
	pub := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	arts := []*doc.Article{
		{ID: "wire", Source: "Wire", Published: pub, Text: text},
		{ID: "daily", Source: "Daily", Published: pub.Add(2 * time.Hour), Text: light},
		{ID: "herald", Source: "Herald", Published: pub.Add(5 * time.Hour), Text: text},
		{ID: "times", Source: "Times", Published: pub.Add(6 * time.Hour), Text: heavier},
	}
	ctx := context.Background()
	st, res := analyseAndStore(t, flow, arts)
	for _, r := range res[1:3] {
		if r.Status != store.Mentioned || r.Story != "wire" {
			t.Fatalf("copy %s stored as %s of %q, want a mention of the wire story", r.ID, r.Status, r.Story)
		}
	}
	if res[3].Status != store.Added {
		t.Fatalf("the reworded story was stored as %s of %q, want a story of its own", res[3].Status, res[3].Story)
	}
	ms, _, err := eventviews.Load(ctx, st, store.EventQuery{}, 1000)
	if err != nil {
		t.Fatal(err)
	}
	events := eventmerge.Merge(ms, eventmerge.Options{})
	var visits, ecuador, fresh int
	for _, e := range events {
		switch {
		case hasCode(ms, e, "042") && strings.HasPrefix(e.Source, "USA") && strings.HasPrefix(e.Target, "MEX"):
			visits++
			// The meeting with Sheinbaum (040, consult unspecified) is the
			// same day's consultation and joins the visit.
			if e.Sources != 4 || e.Articles != 2 {
				t.Errorf("the visit has %d sources and %d stories; want 4 and 2", e.Sources, e.Articles)
			}
		case strings.HasPrefix(e.Target, "ECU") || strings.HasPrefix(e.Source, "ECU"):
			ecuador++
		case e.Root == "19" && strings.HasPrefix(e.Source, "USAMIL") && !e.Reference:
			fresh++
		}
	}
	if visits != 1 {
		t.Errorf("%d visit events to Mexico, want exactly 1", visits)
	}
	if ecuador != 0 {
		t.Errorf("the planned Ecuador leg became %d events that happened", ecuador)
	}
	if fresh != 0 {
		t.Errorf("the background military operations became %d new events", fresh)
	}
}

// hasCode reports whether any mention of e has the base code.
func hasCode(ms []eventmerge.Mention, e eventmerge.Event, code string) bool {
	for _, i := range e.Mentions {
		if strings.HasPrefix(ms[i].Event.Code, code) {
			return true
		}
	}
	return false
}

// TestBBCDuplicatesOneEvent stores the BBC corpus's exact duplicates (the
// same story filed twice under two ids) through the real analysis and
// store: each copy is a mention of its story, and every event coded in a
// duplicated story comes out of merging as one event with a mention from
// each copy, not as two events.
func TestBBCDuplicatesOneEvent(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the full analysis flow")
	}
	flow, err := newFlow(flowOptions{})
	if err != nil {
		t.Skip("data folder not set up (make setup):", err)
	}
	const corpus = "../../../shared/data/news/bbc2225.jsonl.gz"
	if _, err := os.Stat(corpus); err != nil {
		t.Skip("shared BBC corpus absent")
	}
	ctx := context.Background()
	// The first duplicated stories of the corpus, both copies each.
	const pairs = 30
	byHash := map[string][]*doc.Article{}
	var order []string
	err = ingest.Walk(ctx, []string{corpus}, ingest.Options{}, func(a *doc.Article, err error) error {
		if err != nil {
			return nil
		}
		if len(byHash[a.Hash]) == 0 {
			order = append(order, a.Hash)
		}
		byHash[a.Hash] = append(byHash[a.Hash], a)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var arts []*doc.Article
	copyOf := map[string]string{} // article → its story
	for _, h := range order {
		if g := byHash[h]; len(g) == 2 && len(arts) < 2*pairs {
			arts = append(arts, g...)
			copyOf[g[0].ID], copyOf[g[1].ID] = g[0].ID, g[0].ID
		}
	}
	if len(arts) < 2*pairs {
		t.Fatalf("%d duplicated BBC stories, want %d", len(arts)/2, pairs)
	}
	st, res := analyseAndStore(t, flow, arts)
	for i, r := range res {
		if i%2 == 1 && (r.Status != store.Mentioned || r.Story != arts[i-1].ID) {
			t.Fatalf("copy %s stored as %s of %q, want a mention of %s", r.ID, r.Status, r.Story, arts[i-1].ID)
		}
	}
	ms, _, err := eventviews.Load(ctx, st, store.EventQuery{}, 5000)
	if err != nil {
		t.Fatal(err)
	}
	events := eventmerge.Merge(ms, eventmerge.Options{})
	var merged, withMentions int
	for _, e := range events {
		perCopy := map[string]int{}
		for _, i := range e.Mentions {
			perCopy[ms[i].Article]++
		}
		if len(perCopy) != 2 || e.Articles != 1 {
			t.Errorf("event %s %s %s: mentions per copy %v in %d stories, want both copies of one story", e.Source, e.Code, e.Target, perCopy, e.Articles)
			continue
		}
		var n []int
		for id, k := range perCopy {
			if copyOf[id] == "" {
				t.Errorf("event %s has a mention of %s, not one of the stored copies", e.ID, id)
			}
			n = append(n, k)
		}
		if n[0] != n[1] {
			t.Errorf("event %s %s %s: %v mentions per copy, want as many from each", e.Source, e.Code, e.Target, perCopy)
		}
		merged++
		withMentions += len(e.Mentions)
	}
	if merged == 0 {
		t.Fatal("no events coded in the duplicated stories")
	}
	t.Logf("%d duplicated stories: %d merged events, %d mentions", pairs, merged, withMentions)
}

// analyseAndStore runs the flow over arts and stores them in one batch in
// a fresh SQLite store, closed when the test ends.
func analyseAndStore(t *testing.T, flow *pipeline.Pipeline, arts []*doc.Article) (*sqlite.Store, []store.PutResult) {
	t.Helper()
	ctx := context.Background()
	for _, a := range arts {
		if err := flow.Process(ctx, a); err != nil {
			t.Fatal(err)
		}
		if err := store.Prepare(a); err != nil {
			t.Fatal(err)
		}
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "stories.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := st.PutBatch(ctx, arts)
	if err != nil {
		t.Fatal(err)
	}
	return st, res
}
