// Package eventviews offers coded events in two views: mentions (one row
// per event coded in one article, as GDELT counts them) and deduplicated
// events (eventmerge's real-world events, each listing the mentions that
// report it, as GDELT's Mentions table links them).
//
// It is the glue between the store and eventmerge: it loads event
// mentions, expands each stored story to every outlet's copy of it (near
// duplicates are stored once, but each outlet that ran the story is a
// source), merges them and shapes the result for the API and the exports.
package eventviews

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/eventmerge"
	"newsgraph/internal/store"
)

// Store is what eventviews reads: a subset of store.Store.
type Store interface {
	Events(ctx context.Context, q store.EventQuery) ([]store.EventRecord, error)
	Search(ctx context.Context, q store.Query) (*store.SearchResult, error)
	Get(ctx context.Context, id string) (*store.Record, error)
}

// Limits.
const (
	// MaxMentions caps the stored event mentions one merge considers: the
	// merge holds them all in memory and answers an interactive request.
	MaxMentions = 5000
	// MaxCopyLookups caps the stories whose outlet copies are looked up
	// one by one (a Get each); beyond it a story counts its own outlet only.
	MaxCopyLookups = 1000
)

// Copy is one outlet's copy of a story.
type Copy struct {
	ID        string
	Outlet    string
	URL       string
	Origin    string
	Published time.Time
}

// Load reads up to limit stored event mentions matching q (paging through
// the store, which caps one page at store.MaxLimit) and returns them as
// merge mentions, one per event and outlet copy of its story. Partial
// reports that some stories' copies were not looked up (MaxCopyLookups).
func Load(ctx context.Context, st Store, q store.EventQuery, limit int) (ms []eventmerge.Mention, partial bool, err error) {
	if limit <= 0 || limit > MaxMentions {
		limit = MaxMentions
	}
	var recs []store.EventRecord
	for off := 0; len(recs) < limit; {
		q.Offset, q.Limit = off, min(store.MaxLimit, limit-len(recs))
		page, err := st.Events(ctx, q)
		if err != nil {
			return nil, false, err
		}
		recs = append(recs, page...)
		if len(page) < q.Limit {
			break
		}
		off += len(page)
	}
	var stories []string
	seen := map[string]bool{}
	for _, r := range recs {
		if !seen[r.ArticleID] {
			seen[r.ArticleID] = true
			stories = append(stories, r.ArticleID)
		}
	}
	copies, partial, err := Copies(ctx, st, stories, MaxCopyLookups)
	if err != nil {
		return nil, false, err
	}
	return FromRecords(recs, copies), partial, nil
}

// Copies returns every outlet's copy of each story, its own first. One
// Search per store.MaxLimit stories finds each story's outlet and how many
// copies it has; only stories with several copies are then read whole, at
// most maxLookups of them (0: all); partial says some were not.
func Copies(ctx context.Context, st Store, stories []string, maxLookups int) (map[string][]Copy, bool, error) {
	out := make(map[string][]Copy, len(stories))
	var multi []string
	for start := 0; start < len(stories); start += store.MaxLimit {
		ids := stories[start:min(len(stories), start+store.MaxLimit)]
		res, err := st.Search(ctx, store.Query{IDs: ids, Limit: store.MaxLimit})
		if err != nil {
			return nil, false, fmt.Errorf("event views: story outlets: %w", err)
		}
		for _, hit := range res.Hits {
			out[hit.ID] = []Copy{{ID: hit.ID, Outlet: hit.Source, URL: hit.URL, Published: hit.Published}}
			if hit.Mentions > 1 {
				multi = append(multi, hit.ID)
			}
		}
	}
	partial := maxLookups > 0 && len(multi) > maxLookups
	if partial {
		multi = multi[:maxLookups]
	}
	for _, id := range multi {
		rec, err := st.Get(ctx, id)
		if err != nil {
			return nil, false, fmt.Errorf("event views: copies of story %s: %w", id, err)
		}
		cs := make([]Copy, 0, len(rec.Mentions))
		for _, m := range rec.Mentions {
			cs = append(cs, Copy{ID: m.ID, Outlet: m.Source, URL: m.URL, Origin: m.Origin, Published: m.Published})
		}
		if len(cs) > 0 {
			out[id] = cs
		}
	}
	return out, partial, nil
}

// FromRecords turns stored events into merge mentions: one per event and
// copy of its story (a story without known copies is its own only copy).
func FromRecords(recs []store.EventRecord, copies map[string][]Copy) []eventmerge.Mention {
	ms := make([]eventmerge.Mention, 0, len(recs))
	for _, r := range recs {
		cs := copies[r.ArticleID]
		if len(cs) == 0 {
			cs = []Copy{{ID: r.ArticleID, Published: r.Published}}
		}
		for _, c := range cs {
			pub := c.Published
			if pub.IsZero() {
				pub = r.Published
			}
			ms = append(ms, eventmerge.Mention{Article: c.ID, Story: r.ArticleID, Outlet: c.Outlet,
				Published: pub, Event: r.Event, Place: r.Place, Text: r.SentenceText, TextSpan: r.SentenceSpan})
		}
	}
	return ms
}

// FromArticle returns the mentions of a's coded events, one per event,
// with story the canonical story a is a copy of ("" when a is its own).
func FromArticle(a *doc.Article, story string) []eventmerge.Mention {
	if story == "" {
		story = a.ID
	}
	ms := make([]eventmerge.Mention, 0, len(a.Events))
	for _, ev := range a.Events {
		m := eventmerge.Mention{Article: a.ID, Story: story, Outlet: a.Source, Published: a.Published, Event: ev}
		if ev.Location > 0 && ev.Location <= len(a.Places) {
			m.Place = &a.Places[ev.Location-1]
		}
		if ev.Sentence >= 0 && ev.Sentence < len(a.Sentences) {
			// lexical evidence for merging, and the trigger's tense (eventmerge.Background)
			m.Text, m.TextSpan = a.Slice(a.Sentences[ev.Sentence].Span), a.Sentences[ev.Sentence].Span
		}
		ms = append(ms, m)
	}
	return ms
}

// MentionView is one mention of a merged event: where it was reported.
type MentionView struct {
	Article    string    `json:"article"`
	Story      string    `json:"story"`
	Outlet     string    `json:"outlet,omitempty"`
	Published  time.Time `json:"published,omitzero"`
	EventID    string    `json:"event_id"`
	Sentence   int       `json:"sentence"`
	Trigger    doc.Span  `json:"trigger"`
	Source     string    `json:"source"`
	Code       string    `json:"code"`
	Target     string    `json:"target"`
	Date       string    `json:"date,omitempty"`
	Reference  bool      `json:"reference,omitempty"` // a background mention recalling the event
	Confidence float64   `json:"confidence"`
}

// EventView is a merged event with its mentions spelled out and its
// actors' most common names.
type EventView struct {
	eventmerge.Event
	SourceName string        `json:"source_name,omitempty"`
	TargetName string        `json:"target_name,omitempty"`
	Mentions   []MentionView `json:"mentions"`
}

// Order of merged events.
const (
	Newest   = "newest"   // latest first seen first (default)
	Oldest   = "oldest"   // earliest first seen first
	Articles = "articles" // most reported first
)

// Views shapes merged events for display, in order.
func Views(events []eventmerge.Event, ms []eventmerge.Mention, order string) []EventView {
	out := make([]EventView, 0, len(events))
	for _, e := range events {
		v := EventView{Event: e, Mentions: make([]MentionView, 0, len(e.Mentions))}
		srcNames, tgtNames := map[string]int{}, map[string]int{}
		retold := map[int]bool{}
		for _, i := range e.Retold {
			retold[i] = true
		}
		for _, i := range e.Mentions {
			m := ms[i]
			v.Mentions = append(v.Mentions, MentionView{Article: m.Article, Story: m.Story, Outlet: m.Outlet,
				Published: m.Published, EventID: m.Event.ID, Sentence: m.Event.Sentence, Trigger: m.Event.Trigger,
				Source: m.Event.Source.Code, Code: m.Event.Code, Target: m.Event.Target.Code, Date: m.Event.Date,
				Reference: eventmerge.Background(m) || retold[i], Confidence: m.Event.Confidence})
			if m.Event.Source.Code == e.Source && m.Event.Source.Text != "" {
				srcNames[m.Event.Source.Text]++
			}
			if m.Event.Target.Code == e.Target && m.Event.Target.Text != "" {
				tgtNames[m.Event.Target.Text]++
			}
		}
		v.SourceName, v.TargetName = mostCommon(srcNames), mostCommon(tgtNames)
		out = append(out, v)
	}
	slices.SortStableFunc(out, func(a, b EventView) int {
		switch order {
		case Oldest:
			if c := a.FirstSeen.Compare(b.FirstSeen); c != 0 {
				return c
			}
		case Articles:
			if c := cmp.Compare(b.Articles, a.Articles); c != 0 {
				return c
			}
			if c := cmp.Compare(b.Sources, a.Sources); c != 0 {
				return c
			}
		}
		if c := b.FirstSeen.Compare(a.FirstSeen); c != 0 {
			return c
		}
		return cmp.Compare(b.Articles, a.Articles)
	})
	return out
}

func mostCommon(n map[string]int) string {
	best, bn := "", 0
	for s, c := range n {
		if c > bn || c == bn && s < best {
			best, bn = s, c
		}
	}
	return best
}
