package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"newsgraph/internal/api"
	"newsgraph/internal/doc"
	"newsgraph/internal/store/sqlite"
)

// mergedFixture is one kidnapping reported by two stories, one of them
// also run word for word by a second outlet, a meeting on another day, and
// a background reference to a past attack.
func mergedFixture() []*doc.Article {
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, time.UTC) }
	ev := func(id, src, code, tgt string, start int, opts ...func(*doc.Event)) doc.Event {
		e := doc.Event{ID: id, Source: doc.Actor{Code: src, Text: "gunmen"}, Target: doc.Actor{Code: tgt, Text: "an American aid worker"},
			Code: code, BaseCode: code[:3], RootCode: code[:2], Status: "asserted", Goldstein: -9, QuadClass: 4, Confidence: 0.7,
			Trigger: doc.Span{Start: start, End: start + 8}}
		for _, o := range opts {
			o(&e)
		}
		return e
	}
	ref := func(e *doc.Event) { e.Reference = true; e.Date = "2019-05-01" }
	kidnap := "Gunmen kidnapped an American aid worker in Kabul on Monday, police said. The 2019 attack was recalled."
	return []*doc.Article{
		{ID: "wire-1", Source: "Wire", Published: day(2, 9), Text: kidnap,
			Events: []doc.Event{ev("e1", "AFGINS", "181", "USACVL", 7), ev("e2", "AFGINS", "190", "", 80, ref)}},
		{ID: "daily-1", Source: "Other Daily", Published: day(2, 11), Text: kidnap}, // exact copy of wire-1
		{ID: "times-1", Source: "Times", Published: day(3, 8), Text: "An American aid worker was abducted by gunmen in Kabul, officials confirmed on Tuesday.",
			Events: []doc.Event{ev("e1", "AFGINS", "181", "USA", 39)}},
		{ID: "post-1", Source: "Post", Published: day(20, 8), Text: "The foreign minister met his Pakistani counterpart in Islamabad.",
			Events: []doc.Event{ev("e1", "AFGGOV", "040", "PAKGOV", 22)}},
	}
}

func TestMergedEvents(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "merged.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.PutBatch(ctx, mergedFixture()); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.New(api.Config{Store: st, ReadOnly: true}))
	defer srv.Close()

	type mention struct {
		Article  string   `json:"article"`
		Story    string   `json:"story"`
		Outlet   string   `json:"outlet"`
		Sentence int      `json:"sentence"`
		Trigger  doc.Span `json:"trigger"`
	}
	type event struct {
		Code       string    `json:"code"`
		Source     string    `json:"source"`
		Target     string    `json:"target"`
		Articles   int       `json:"articles"`
		Sources    int       `json:"sources"`
		Reference  bool      `json:"reference"`
		FirstSeen  time.Time `json:"first_seen"`
		SourceName string    `json:"source_name"`
		Mentions   []mention `json:"mentions"`
	}
	type body struct {
		Events   []event `json:"events"`
		Mentions int     `json:"mentions"`
		Error    string  `json:"error"`
	}
	tests := []struct {
		name     string
		path     string
		status   int
		mentions int      // mentions considered
		codes    []string // events' codes, in order
		check    func(t *testing.T, b body)
	}{
		{"all, most reported first", "/api/events/merged?order=articles", 200, 6, []string{"181", "190", "040"}, func(t *testing.T, b body) {
			e := b.Events[0]
			// Two stories (the copy counts once), three outlets, three mentions.
			if e.Articles != 2 || e.Sources != 3 || len(e.Mentions) != 3 || e.Target != "USACVL" || e.SourceName != "gunmen" {
				t.Errorf("kidnapping = %+v", e)
			}
			if !e.FirstSeen.Equal(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)) {
				t.Errorf("first seen %v", e.FirstSeen)
			}
			outlets := map[string]string{}
			for _, m := range e.Mentions {
				outlets[m.Article] = m.Outlet
				if m.Trigger.End <= m.Trigger.Start {
					t.Errorf("mention without trigger span: %+v", m)
				}
			}
			if outlets["wire-1"] != "Wire" || outlets["daily-1"] != "Other Daily" || outlets["times-1"] != "Times" {
				t.Errorf("mention outlets %v", outlets)
			}
			if !b.Events[1].Reference {
				t.Errorf("the 2019 attack is not flagged as a reference: %+v", b.Events[1])
			}
		}},
		{"newest first by default", "/api/events/merged", 200, 6, []string{"040", "181", "190"}, nil},
		{"root filter", "/api/events/merged?root=18", 200, 3, []string{"181"}, nil},
		{"actor filter", "/api/events/merged?actor=afggov", 200, 1, []string{"040"}, nil},
		{"query filter", "/api/events/merged?q=Islamabad", 200, 1, []string{"040"}, nil},
		{"limit counts stored mentions", "/api/events/merged?limit=1&order=oldest", 200, 1, []string{"040"}, nil},
		{"limit too large", "/api/events/merged?limit=5001", 400, 0, nil, nil},
		{"bad order", "/api/events/merged?order=best", 400, 0, nil, nil},
		{"bad code", "/api/events/merged?code=18x", 400, 0, nil, nil},
		{"bad query", "/api/events/merged?q=%28", 400, 0, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.status, raw)
			}
			var b body
			if err := json.Unmarshal(raw, &b); err != nil {
				t.Fatalf("%v: %s", err, raw)
			}
			if tt.status != 200 {
				if b.Error == "" {
					t.Errorf("error response without a message: %s", raw)
				}
				return
			}
			var codes []string
			for _, e := range b.Events {
				codes = append(codes, e.Code)
			}
			if b.Mentions != tt.mentions || !slices.Equal(codes, tt.codes) {
				t.Fatalf("mentions %d events %v, want %d %v", b.Mentions, codes, tt.mentions, tt.codes)
			}
			if tt.check != nil {
				tt.check(t, b)
			}
		})
	}
}
