package gdelt

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/eventmerge"
)

// Column indexes of the Events and Mentions tables that the merged view
// rewrites (0-based, as in GDELT 2.0's codebook).
const (
	colEventID     = 0
	colDay         = 1 // Day, MonthYear, Year, FractionDate follow
	colActor1      = 5 // ten Actor1 fields, then ten Actor2 fields
	colActor2      = 15
	colIsRoot      = 25 // IsRootEvent, EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale
	colNumMentions = 31
	colNumSources  = 32
	colNumArticles = 33
	colAvgTone     = 34
	colActionGeo   = 51 // eight ActionGeo fields
	colDateAdded   = 59

	colMentionEventID   = 0
	colMentionEventTime = 1
	colMentionTime      = 2
	colMentionSource    = 4
)

// located is a mention found in its article: the article and the index of
// the event in it.
type located struct {
	a *doc.Article
	i int
}

// locator finds mentions' events among articles: by the mention's article
// id, else its story's (a copy stored once as its story), then by event id,
// else trigger span and code.
type locator map[string]*doc.Article

func newLocator(articles []*doc.Article) locator {
	l := make(locator, len(articles))
	for _, a := range articles {
		if a != nil {
			l[a.ID] = a
		}
	}
	return l
}

func (l locator) find(m eventmerge.Mention) (located, bool) {
	a := l[m.Article]
	if a == nil {
		a = l[m.Story]
	}
	if a == nil {
		return located{}, false
	}
	for i := range a.Events {
		e := &a.Events[i]
		if m.Event.ID != "" && e.ID == m.Event.ID || m.Event.ID == "" && e.Trigger == m.Event.Trigger && e.Code == m.Event.Code {
			return located{a, i}, true
		}
	}
	return located{}, false
}

// MergedEvents writes one Events row per merged event (eventmerge's
// deduplicated view): GLOBALEVENTID is the EventID of its first mention,
// the date its earliest, actors and codes the merged ones, NumMentions,
// NumSources and NumArticles its counts, AvgTone the mean tone of its
// stories, ActionGeo its place and DATEADDED its first-seen time. ms are
// the mentions events index; articles hold their events (a mention whose
// article is absent is looked up under its story). An event none of whose
// mentions is found among articles is an error: the ids would not link.
func (w *Writer) MergedEvents(out io.Writer, articles []*doc.Article, events []eventmerge.Event, ms []eventmerge.Mention) error {
	loc := newLocator(articles)
	bw := bufio.NewWriter(out)
	for k := range events {
		row, err := w.mergedEventRow(loc, &events[k], ms)
		if err != nil {
			return err
		}
		writeRow(bw, row)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gdelt merged events: %w", err)
	}
	return nil
}

// mergedEventRow returns the 61 fields of merged event e.
func (w *Writer) mergedEventRow(loc locator, e *eventmerge.Event, ms []eventmerge.Mention) ([]string, error) {
	id, first, err := mergedID(loc, e, ms)
	if err != nil {
		return nil, err
	}
	// The codes are those of a mention with the merged (most frequent) code.
	rep := first
	for _, i := range e.Mentions {
		if ms[i].Event.Code == e.Code {
			if l, ok := loc.find(ms[i]); ok {
				rep = l
				break
			}
		}
	}
	row := w.EventRow(rep.a, rep.i)
	row[colEventID] = strconv.FormatInt(id, 10)
	if d, err := time.Parse("2006-01-02", e.Date); err == nil {
		frac := float64(d.Year()) + float64(d.YearDay()-1)/365
		copy(row[colDay:], []string{d.Format("20060102"), d.Format("200601"), d.Format("2006"), strconv.FormatFloat(frac, 'f', 4, 64)})
	}
	// Actors: the merged codes are the most specific seen; take their
	// fields from a mention that has them.
	for _, side := range []struct {
		col  int
		code string
		get  func(doc.Event) doc.Actor
	}{{colActor1, e.Source, func(ev doc.Event) doc.Actor { return ev.Source }}, {colActor2, e.Target, func(ev doc.Event) doc.Actor { return ev.Target }}} {
		for _, i := range e.Mentions {
			if ac := side.get(ms[i].Event); ac.Code == side.code {
				copy(row[side.col:side.col+10], actorFields(ac))
				break
			}
		}
	}
	row[colNumMentions] = strconv.Itoa(len(e.Mentions))
	row[colNumSources] = strconv.Itoa(e.Sources)
	row[colNumArticles] = strconv.Itoa(e.Articles)
	// AvgTone: the mean tone of the documents mentioning the event.
	var sum float64
	var n int
	seen := map[*doc.Article]bool{}
	for _, i := range e.Mentions {
		if l, ok := loc.find(ms[i]); ok && !seen[l.a] {
			seen[l.a] = true
			if l.a.Tone != nil {
				sum += l.a.Tone.Tone
			}
			n++
		}
	}
	if n > 0 {
		row[colAvgTone] = strconv.FormatFloat(sum/float64(n), 'f', 6, 64)
	}
	if e.Place != nil {
		copy(row[colActionGeo:colActionGeo+8], w.geoFields(e.Place))
	}
	row[colDateAdded] = w.mergedAdded(e, first.a)
	return row, nil
}

// mergedID is the GLOBALEVENTID of a merged event: the EventID of its
// first mention found among the articles.
func mergedID(loc locator, e *eventmerge.Event, ms []eventmerge.Mention) (int64, located, error) {
	for _, i := range e.Mentions {
		if i < 0 || i >= len(ms) {
			return 0, located{}, fmt.Errorf("gdelt merged: event %s: mention %d of %d", e.ID, i, len(ms))
		}
		if l, ok := loc.find(ms[i]); ok {
			return EventID(l.a, l.i), l, nil
		}
	}
	return 0, located{}, fmt.Errorf("gdelt merged: event %s: none of its %d mentions is among the articles", e.ID, len(e.Mentions))
}

// mergedAdded is a merged event's DATEADDED: the 15-minute batch of its
// first sighting (Options.Added when set, as for mention rows).
func (w *Writer) mergedAdded(e *eventmerge.Event, a *doc.Article) string {
	if w.opt.Added.IsZero() && !e.FirstSeen.IsZero() {
		return e.FirstSeen.UTC().Truncate(15 * time.Minute).Format("20060102150405")
	}
	return w.added(a).Format("20060102150405")
}

// MergedMentions writes one Mentions row per mention of each merged event,
// its GLOBALEVENTID the merged event's (as in MergedEvents) and its
// EventTimeDate the event's first sighting, so the two tables join as
// GDELT's do. A mention whose own article is absent (an outlet's copy
// stored as its story) is written from the story, with its own outlet and
// publication time.
func (w *Writer) MergedMentions(out io.Writer, articles []*doc.Article, events []eventmerge.Event, ms []eventmerge.Mention) error {
	loc := newLocator(articles)
	bw := bufio.NewWriter(out)
	for k := range events {
		e := &events[k]
		id, first, err := mergedID(loc, e, ms)
		if err != nil {
			return err
		}
		added := w.mergedAdded(e, first.a)
		for _, i := range e.Mentions {
			m := ms[i]
			l, ok := loc.find(m)
			if !ok {
				continue
			}
			row := w.MentionRow(l.a, l.i)
			row[colMentionEventID] = strconv.FormatInt(id, 10)
			row[colMentionEventTime] = added
			if l.a.ID != m.Article {
				if m.Outlet != "" {
					row[colMentionSource] = clean(m.Outlet)
				}
				if !m.Published.IsZero() && w.opt.Added.IsZero() {
					row[colMentionTime] = m.Published.UTC().Truncate(15 * time.Minute).Format("20060102150405")
				}
			}
			writeRow(bw, row)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gdelt merged mentions: %w", err)
	}
	return nil
}
