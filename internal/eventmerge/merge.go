// Package eventmerge turns event mentions into real-world events.
//
// Machine-coded event data is notorious for counting reports, not events:
// one kidnapping told by 300 outlets became "366 kidnappings". eventmerge
// groups the mentions of one event across articles: same actors up to the
// agent level (USAGOV and USA agree, USAGOV and USAMIL do not), same CAMEO
// root, compatible places and dates within a window. Near-duplicate
// articles are already one story in the store, so they count once. Only
// asserted events are merged into events; background references to past
// events ("the 2019 attack") are grouped apart and never counted as new
// events of the publication date, and future, intended, negated and
// hypothetical events are left out, since they did not happen.
package eventmerge

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"newsgraph/internal/doc"
)

// Mention is one coded event in one article.
type Mention struct {
	Article   string     `json:"article"` // article id
	Story     string     `json:"story"`   // canonical story id (near duplicates share it); Article when empty
	Outlet    string     `json:"outlet,omitempty"`
	Published time.Time  `json:"published,omitzero"`
	Event     doc.Event  `json:"event"`
	Place     *doc.Place `json:"place,omitempty"` // the event's resolved location, if any
}

// Event is one real-world event and the mentions that report it.
type Event struct {
	ID        string     `json:"id"`
	Source    string     `json:"source"`
	Target    string     `json:"target"`
	Root      string     `json:"root_code"`
	Code      string     `json:"code"` // the most frequent full code among its mentions
	Date      string     `json:"date,omitempty"`
	FirstSeen time.Time  `json:"first_seen,omitzero"` // earliest publication among its mentions
	LastSeen  time.Time  `json:"last_seen,omitzero"`
	Place     *doc.Place `json:"place,omitempty"`
	Goldstein float64    `json:"goldstein"`
	QuadClass int        `json:"quad_class"`
	// Reference marks a group of background mentions of a past event.
	Reference bool `json:"reference,omitempty"`
	Articles  int  `json:"articles"` // distinct stories
	Sources   int  `json:"sources"`  // distinct outlets
	// Mentions indexes the input mentions that report this event.
	Mentions   []int   `json:"mentions"`
	Confidence float64 `json:"confidence"`
}

// Options tune merging.
type Options struct {
	// Window is how far apart two mentions' event dates may be (default 36 h:
	// reports of one event are often dated by the day after).
	Window time.Duration
	// MaxKm is how far apart two mentions' locations may be (default 250 km).
	MaxKm float64
}

func (o *Options) defaults() {
	if o.Window <= 0 {
		o.Window = 36 * time.Hour
	}
	if o.MaxKm <= 0 {
		o.MaxKm = 250
	}
}

// Merge groups mentions into events. It returns the events, earliest
// first; mentions that did not happen (future, intent, negated,
// hypothetical) belong to none.
func Merge(ms []Mention, opt Options) []Event { return merge(ms, opt, true) }

// merge is Merge; prune=false scans every cluster of a root, as the test
// of the pruning does.
//
// Mentions are taken in date order, so a cluster whose first date lies
// more than opt.Window before the current mention's can never take a
// dated mention again (its first date no longer moves, and undated
// mentions, whose zero date sorts first, are all taken): it leaves the
// candidates for good. Without that, merging n mentions of distinct events
// compared each with all before it: 20,000 took 10 s.
func merge(ms []Mention, opt Options, prune bool) []Event {
	opt.defaults()
	order := make([]int, 0, len(ms))
	at := make([]time.Time, len(ms))
	for i, m := range ms {
		if m.Event.Status == "" || m.Event.Status == "asserted" {
			order = append(order, i)
			at[i] = when(m)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(at[a].Unix(), at[b].Unix()) })

	var events []*cluster
	byRoot := map[string][]*cluster{} // the candidates, in creation order
	for _, i := range order {
		m := &ms[i]
		t := at[i]
		key := root(m.Event)
		var best *cluster
		bestScore := 0.0
		live := byRoot[key][:0] // filtered in place: order, and so ties, kept
		for _, c := range byRoot[key] {
			if prune && !t.IsZero() && !c.first.IsZero() && t.Sub(c.first) > opt.Window {
				continue // too old for this mention and every later one
			}
			live = append(live, c)
			if s := c.fit(m, opt); s > bestScore {
				best, bestScore = c, s
			}
		}
		byRoot[key] = live
		if best == nil {
			best = &cluster{root: key, reference: true}
			events = append(events, best)
			byRoot[key] = append(byRoot[key], best)
		}
		best.add(i, m)
	}
	out := make([]Event, len(events))
	for k, c := range events {
		out[k] = c.event(ms, k)
	}
	return out
}

// cluster is an event being built.
type cluster struct {
	root string // CAMEO root
	// reference stays true while every mention is a background reference:
	// such a group is a past event the store never saw reported, and it is
	// not counted as a new event.
	reference   bool
	mentions    []int
	src, tgt    string // the most specific actor codes seen
	first, last time.Time
	lat, lon    float64
	hasPlace    bool
	stories     map[string]bool // stories its mentions come from
	codes       map[string]bool // specific (non-generic) base codes seen
}

func (c *cluster) add(i int, m *Mention) {
	c.mentions = append(c.mentions, i)
	if c.stories == nil {
		c.stories = map[string]bool{}
	}
	c.stories[storyOf(m)] = true
	if b := base(m.Event); !generic(b) {
		if c.codes == nil {
			c.codes = map[string]bool{}
		}
		c.codes[b] = true
	}
	c.reference = c.reference && m.Event.Reference
	if m.Event.Reference && len(c.mentions) > 1 {
		// A reference links to the event it recalls but does not move its
		// dates or actors.
		return
	}
	src, tgt := m.Event.Source.Code, m.Event.Target.Code
	if len(c.mentions) > 1 && mutual(c.root) {
		// A mutual event may have joined with its dyad reversed (the host's
		// 043 to the guest's 042): keep the event's orientation.
		_, okS := actorMatch(c.src, src)
		_, okT := actorMatch(c.tgt, tgt)
		if !(okS && okT) {
			src, tgt = tgt, src
		}
	}
	c.src = specific(c.src, src)
	c.tgt = specific(c.tgt, tgt)
	t := when(*m)
	if c.first.IsZero() || t.Before(c.first) {
		c.first = t
	}
	if t.After(c.last) {
		c.last = t
	}
	if p := m.Place; p != nil && !c.hasPlace && (p.Lat != 0 || p.Lon != 0) && p.Kind != "country" && p.Kind != "region" {
		c.lat, c.lon, c.hasPlace = p.Lat, p.Lon, true
	}
}

// fit scores how well m belongs to c; 0 means it does not.
func (c *cluster) fit(m *Mention, opt Options) float64 {
	if !c.codeFits(base(m.Event)) {
		return 0
	}
	a := c.actorFit(m.Event.Source.Code, m.Event.Target.Code)
	if a == 0 {
		return 0
	}
	s := a
	// The window is anchored at the event's first date, so a chain of
	// daily reports (Monday's battle, Wednesday's, Friday's) never grows
	// into one event. Without any date there is no evidence that two
	// stories tell of one event: an undated mention joins only events of
	// its own story.
	t := when(*m)
	if t.IsZero() || c.first.IsZero() {
		if !c.stories[storyOf(m)] {
			return 0
		}
	} else if w := c.window(m, opt); t.Sub(c.first) > w || t.Sub(c.first) < -w {
		return 0
	}
	if p := m.Place; p != nil && c.hasPlace && (p.Lat != 0 || p.Lon != 0) && p.Kind != "country" && p.Kind != "region" {
		d := km(c.lat, c.lon, p.Lat, p.Lon)
		if d > opt.MaxKm {
			return 0
		}
		s *= 1 - 0.5*d/opt.MaxKm
	}
	return s
}

// window is how far from the event's first date a mention may be. A
// statement is an act of one day, and one government makes several a day:
// when the sentence dates it (not just the publication), statements merge
// within that day only.
func (c *cluster) window(m *Mention, opt Options) time.Duration {
	if c.root == "01" && !m.Event.DateInherited && m.Event.Date != "" {
		return 0
	}
	return opt.Window
}

// actorFit compares a mention's actors with the event's.
//
// Two facts of event coding shape it. A statement's "target" is whatever
// the statement was about, and its speaker is named as the country, its
// army, its news agency or its ministry by different reports, so
// statements (root 01) match on the speaker's country alone. And some
// events are mutual: "Iraq repelled an Iranian attack" and "Iran attacked
// Iraq" report one battle with the dyad reversed, a visit is coded both as
// the guest's visit and the host's hosting, "both agreed" as two
// agreements; for those roots the reversed dyad matches too.
func (c *cluster) actorFit(src, tgt string) float64 {
	if c.root == "01" {
		if len(c.src) < 3 || len(src) < 3 || c.src[:3] != src[:3] {
			return 0
		}
		return 0.9
	}
	s, okS := actorMatch(c.src, src)
	t, okT := actorMatch(c.tgt, tgt)
	if okS && okT {
		return s * t
	}
	if mutual(c.root) {
		s, okS = actorMatch(c.src, tgt)
		t, okT = actorMatch(c.tgt, src)
		if okS && okT {
			return 0.9 * s * t
		}
	}
	return 0
}

// codeFits follows the CAMEO hierarchy below the shared root: a generic
// code (040 "consult, not specified") fits any event of its root, and two
// specific codes fit when they are equal or the two sides of one act (042
// make a visit, 043 host a visit).
func (c *cluster) codeFits(b string) bool {
	if generic(b) || len(c.codes) == 0 || c.codes[b] {
		return true
	}
	if o, ok := reciprocal[b]; ok && c.codes[o] {
		return true
	}
	return false
}

// reciprocal pairs the base codes that report one act from its two sides.
var reciprocal = map[string]string{"042": "043", "043": "042"}

// base is an event's three-digit base code.
func base(e doc.Event) string {
	if e.BaseCode != "" {
		return e.BaseCode
	}
	if len(e.Code) >= 3 {
		return e.Code[:3]
	}
	return e.Code
}

// generic reports a root-level code ("010", "190"): the coder knew the kind
// of act but not which one.
func generic(b string) bool { return len(b) < 3 || b[2] == '0' }

// mutual reports CAMEO roots whose events involve both sides alike:
// cooperation (03-06) and fighting (18-20).
func mutual(root string) bool {
	switch root {
	case "03", "04", "05", "06", "18", "19", "20":
		return true
	}
	return false
}

func (c *cluster) event(ms []Mention, k int) Event {
	e := Event{ID: fmt.Sprintf("ev%d", k+1), Source: c.src, Target: c.tgt, Reference: c.reference,
		Mentions: c.mentions, FirstSeen: time.Time{}}
	codes := map[string]int{}
	stories, outlets := map[string]bool{}, map[string]bool{}
	var conf float64
	for _, i := range c.mentions {
		m := ms[i]
		codes[m.Event.Code]++
		story := storyOf(&m)
		stories[story] = true
		if m.Outlet != "" {
			outlets[m.Outlet] = true
		} else {
			outlets["story:"+story] = true
		}
		if !m.Published.IsZero() && (e.FirstSeen.IsZero() || m.Published.Before(e.FirstSeen)) {
			e.FirstSeen = m.Published
		}
		if m.Published.After(e.LastSeen) {
			e.LastSeen = m.Published
		}
		if e.Place == nil && m.Place != nil {
			e.Place = m.Place
		}
		conf = max(conf, m.Event.Confidence)
	}
	best := 0
	for code, n := range codes {
		if n > best || (n == best && code < e.Code) {
			e.Code, best = code, n
		}
	}
	for _, i := range c.mentions {
		if ev := ms[i].Event; ev.Code == e.Code {
			e.Root, e.Goldstein, e.QuadClass = ev.RootCode, ev.Goldstein, ev.QuadClass
			break
		}
	}
	if !c.first.IsZero() {
		e.Date = c.first.Format("2006-01-02")
	}
	e.Articles, e.Sources = len(stories), len(outlets)
	// More independent reports make an event surer.
	e.Confidence = 1 - (1-conf)/math.Sqrt(float64(len(stories)))
	return e
}

// storyOf is the story a mention comes from.
func storyOf(m *Mention) string {
	if m.Story != "" {
		return m.Story
	}
	return m.Article
}

// when is a mention's event date: its own date, else the publication date.
func when(m Mention) time.Time {
	if d := m.Event.Date; len(d) >= 10 {
		if t, err := time.Parse("2006-01-02", d[:10]); err == nil {
			return t
		}
	}
	if d := m.Event.Date; len(d) == 8 && d[4:6] == "-W" { // an ISO week: its Wednesday
		var y, w int
		if _, err := fmt.Sscanf(d, "%4d-W%2d", &y, &w); err == nil {
			jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
			monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+(w-1)*7)
			return monday.AddDate(0, 0, 2)
		}
	}
	if len(m.Event.Date) == 7 { // a month: its middle
		if t, err := time.Parse("2006-01", m.Event.Date); err == nil {
			return t.AddDate(0, 0, 14)
		}
	}
	return m.Published.Truncate(24 * time.Hour)
}

func root(e doc.Event) string {
	if e.RootCode != "" {
		return e.RootCode
	}
	if len(e.Code) >= 2 {
		return e.Code[:2]
	}
	return e.Code
}

// actorMatch compares actor codes up to the agent level: the country or
// group (first three letters) must agree, and the first agent (next three)
// too when both have one. An unknown side matches anything, at a cost.
func actorMatch(a, b string) (float64, bool) {
	switch {
	case a == b:
		return 1, true
	case a == "" || b == "":
		return 0.6, true
	}
	if len(a) < 3 || len(b) < 3 || a[:3] != b[:3] {
		return 0, false
	}
	ag, bg := agent(a), agent(b)
	switch {
	case ag == bg:
		return 0.95, true
	case ag == "" || bg == "":
		return 0.8, true
	}
	return 0, false
}

func agent(code string) string {
	if len(code) >= 6 {
		return code[3:6]
	}
	return ""
}

// specific keeps the more specific of two compatible codes.
func specific(have, code string) string {
	if len(strings.TrimSpace(code)) > len(have) {
		return code
	}
	return have
}

// km is the great-circle distance.
func km(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat, dlon := (lat2-lat1)*rad, (lon2-lon1)*rad
	h := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
