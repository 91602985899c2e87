package eventviews

import (
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/eventmerge"
	"newsgraph/internal/store"
)

func TestFromRecords(t *testing.T) {
	pub := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	recs := []store.EventRecord{
		{Event: doc.Event{ID: "e1", Code: "181"}, ArticleID: "s1", Published: pub},
		{Event: doc.Event{ID: "e1", Code: "040"}, ArticleID: "s2", Published: pub},
	}
	copies := map[string][]Copy{"s1": {{ID: "s1", Outlet: "Wire"}, {ID: "c1", Outlet: "Daily", Published: pub.Add(time.Hour)}}}
	tests := []struct {
		i                            int
		article, story, outlet, code string
		published                    time.Time
	}{
		{0, "s1", "s1", "Wire", "181", pub}, // a copy without a date takes its record's
		{1, "c1", "s1", "Daily", "181", pub.Add(time.Hour)},
		{2, "s2", "s2", "", "040", pub}, // no copies known: the story alone
	}
	ms := FromRecords(recs, copies)
	if len(ms) != len(tests) {
		t.Fatalf("%d mentions, want %d", len(ms), len(tests))
	}
	for _, tt := range tests {
		m := ms[tt.i]
		if m.Article != tt.article || m.Story != tt.story || m.Outlet != tt.outlet || m.Event.Code != tt.code || !m.Published.Equal(tt.published) {
			t.Errorf("mention %d = %s/%s/%s/%s/%v, want %s/%s/%s/%s/%v", tt.i, m.Article, m.Story, m.Outlet, m.Event.Code, m.Published,
				tt.article, tt.story, tt.outlet, tt.code, tt.published)
		}
	}
}

func TestViewsOrder(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	ms := []eventmerge.Mention{
		{Article: "a", Event: doc.Event{ID: "e1", Code: "181", Source: doc.Actor{Code: "AFGINS", Text: "gunmen"}}},
		{Article: "b", Event: doc.Event{ID: "e1", Code: "181", Source: doc.Actor{Code: "AFGINS", Text: "gunmen"}}},
		{Article: "c", Event: doc.Event{ID: "e1", Code: "181", Source: doc.Actor{Code: "AFG", Text: "Afghans"}}},
	}
	events := []eventmerge.Event{
		{ID: "old", Source: "AFGINS", FirstSeen: day(1), Articles: 3, Mentions: []int{0, 1, 2}},
		{ID: "new", FirstSeen: day(5), Articles: 1},
		{ID: "tie", FirstSeen: day(5), Articles: 2},
	}
	tests := []struct{ order, want string }{
		{"", "tie new old"}, // newest by default; a tie goes to the more reported
		{Newest, "tie new old"},
		{Oldest, "old tie new"},
		{Articles, "old tie new"},
	}
	for _, tt := range tests {
		vs := Views(events, ms, tt.order)
		got := ""
		for i, v := range vs {
			if i > 0 {
				got += " "
			}
			got += v.ID
		}
		if got != tt.want {
			t.Errorf("order %q: %s, want %s", tt.order, got, tt.want)
		}
	}
	v := Views(events, ms, Oldest)[0]
	if len(v.Mentions) != 3 || v.Mentions[2].Article != "c" || v.SourceName != "gunmen" {
		t.Errorf("view = %+v", v)
	}
}

// TestFromRecordsTense checks that a stored event reaches merging with
// its sentence's place in the article, so the trigger's tense is read:
// a present perfect outside the lead retells earlier news.
func TestFromRecordsTense(t *testing.T) {
	lead := "Iraq said its forces repelled an attack. "
	sent := "Kuwait has backed Iraq in the war."
	at := len(lead) + len("Kuwait has ")
	rec := store.EventRecord{
		Event:        doc.Event{ID: "e2", Code: "051", Sentence: 1, Trigger: doc.Span{Start: at, End: at + len("backed")}},
		ArticleID:    "s1",
		SentenceText: sent,
		SentenceSpan: doc.Span{Start: len(lead), End: len(lead) + len(sent)},
	}
	ms := FromRecords([]store.EventRecord{rec}, nil)
	if len(ms) != 1 || !eventmerge.Background(ms[0]) {
		t.Errorf("stored 'has backed' outside the lead: background = false, want true (mention %+v)", ms)
	}
	rec.SentenceSpan = doc.Span{}
	if ms := FromRecords([]store.EventRecord{rec}, nil); eventmerge.Background(ms[0]) {
		t.Errorf("without the sentence's place the coder's flag (false) should stand")
	}
}
