// Package eventmerge turns event mentions into real-world events.
//
// Machine-coded event data is notorious for counting reports, not events:
// one kidnapping told by 300 outlets became "366 kidnappings". eventmerge
// groups the mentions of one event across articles by average-link
// clustering on scored evidence: actors by country and agent (USAGOV and
// USA agree, USAGOV and USAMIL hardly), CAMEO codes of one root or of one
// family of roots (a statement and a warning of one speaker, an assault
// and a fight of one battle), dates within a window, places within a
// distance, and the overlap of the sentences that report them.
// Near-duplicate articles are already one story in the store, so they
// count once. Only
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
	"unicode"

	"newsgraph/internal/cameo"
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
	// Text is the sentence that reports the event, when the caller has it:
	// lexical evidence (see lexical.go). Without it mentions are compared
	// on codes, actors, dates and places alone.
	Text string `json:"text,omitempty"`
	// TextSpan is where Text lies in the article (zero: unknown), so that
	// the trigger can be found in it: the verb's tense tells background
	// from news (Background).
	TextSpan doc.Span `json:"text_span,omitzero"`
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
	Mentions []int `json:"mentions"`
	// Retold indexes the mentions that retell the event as background: a
	// later story's sentence dating it before its own publication day
	// ("IRNA said yesterday ...") once an earlier day's story has reported
	// it. With Background, these are the mentions that are not news.
	Retold     []int   `json:"retold,omitempty"`
	Confidence float64 `json:"confidence"`
}

// Options tune merging. Zero values take the defaults.
type Options struct {
	// Window is how far apart two mentions' event dates may be (default 36 h:
	// reports of one event are often dated by the day after).
	Window time.Duration
	// MaxKm is how far apart two mentions' locations may be before they
	// count against merging (default 250 km).
	MaxKm float64
	// Threshold is the least average evidence a mention needs with the
	// mentions of an event to join it (default DefaultThreshold).
	Threshold float64
	// Lexical weighs the overlap of the two sentences, when both are known
	// (default DefaultLexical; negative: not used).
	Lexical float64
	// Family is the credit two codes of different CAMEO roots of one family
	// get (a statement 010 and a warning 130 of one speaker; an assault 190
	// and a coercion 170 of one battle), against 1 for one root (default
	// DefaultFamily; negative: roots must be equal).
	Family float64
	// Speech is the credit two speech acts (statements, warnings) of one
	// speaker get when they come from different stories, before their
	// sentences are compared (default DefaultSpeech; negative: 1). One
	// government makes several statements a day; two stories tell of the
	// same one when they say the same things, which the coder's "target"
	// of a statement does not tell.
	Speech float64
}

// Defaults, chosen on the labelled dev set by cross-validation over its
// stories (docs/eventmerge.md).
const (
	DefaultThreshold = 0.35
	DefaultLexical   = 2.0
	DefaultFamily    = 0.9
	DefaultSpeech    = 0.5
)

// lexBase is the sentence overlap (IDF cosine) that counts as neutral:
// two sentences about one war share some words without telling of one act.
const lexBase = 0.15

func (o *Options) defaults() {
	if o.Window <= 0 {
		o.Window = 36 * time.Hour
	}
	if o.MaxKm <= 0 {
		o.MaxKm = 250
	}
	if o.Threshold <= 0 {
		o.Threshold = DefaultThreshold
	}
	if o.Lexical == 0 {
		o.Lexical = DefaultLexical
	}
	if o.Lexical < 0 {
		o.Lexical = 0
	}
	if o.Family == 0 {
		o.Family = DefaultFamily
	}
	if o.Family < 0 {
		o.Family = 0
	}
	if o.Speech == 0 {
		o.Speech = DefaultSpeech
	}
	if o.Speech < 0 {
		o.Speech = 1
	}
}

// Merge groups mentions into events. It returns the events, earliest
// first; mentions that did not happen (future, intent, negated,
// hypothetical) belong to none.
//
// Mentions are taken in date order; each joins the event whose mentions it
// fits best on average (average link), if that average reaches
// opt.Threshold, or starts a new one. Average rather than single link: a
// chain of mentions each like the previous one (Monday's battle reported
// like Sunday's, Tuesday's like Monday's) must not grow into one event.
func Merge(ms []Mention, opt Options) []Event { return merge(ms, opt, true) }

// merge is Merge; prune=false scans every cluster of a family, as the
// test of the pruning does.
//
// A cluster whose first date lies more than twice opt.Window before the
// current mention's can never take a dated mention again (its first date
// no longer moves, later mentions are farther still, and undated
// mentions, whose zero date sorts first, are all taken): it leaves the
// candidates for good. Without that, merging n
// mentions of distinct events compared each with all before it: 20,000
// took 10 s.
func merge(ms []Mention, opt Options, prune bool) []Event {
	opt.defaults()
	fs := features(ms, opt)
	order := make([]int, 0, len(ms))
	for i, m := range ms {
		if m.Event.Status == "" || m.Event.Status == "asserted" {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(fs[a].t.Unix(), fs[b].t.Unix()) })

	var events []*cluster
	byFam := map[string][]*cluster{} // the candidates, in creation order
	for _, i := range order {
		f := &fs[i]
		var best *cluster
		bestScore := opt.Threshold
		live := byFam[f.fam][:0] // filtered in place: order, and so ties, kept
		for _, c := range byFam[f.fam] {
			if prune && !f.t.IsZero() && !c.first.IsZero() && f.t.Sub(c.first) > 2*opt.Window {
				continue // too old for this mention and every later one
			}
			live = append(live, c)
			if s := c.fit(f, fs, opt); s >= bestScore && (best == nil || s > bestScore) {
				best, bestScore = c, s
			}
		}
		byFam[f.fam] = live
		if best == nil {
			best = &cluster{reference: true}
			events = append(events, best)
			byFam[f.fam] = append(byFam[f.fam], best)
		}
		best.add(f)
	}
	out := make([]Event, len(events))
	for k, c := range events {
		out[k] = c.event(ms, k)
		out[k].Retold = c.retold(fs)
	}
	return out
}

// retold finds the cluster's mentions that retell it: dated by their own
// sentence before their publication day, in a story published after
// another of the cluster's stories, on an earlier day. The first report
// of an event is news whenever it happened ("Iraqi planes yesterday
// raided ..." in the first story that tells it); a follow-up's "IRNA said
// yesterday" of what yesterday's stories reported is background, as a
// GDELT-style count of new events needs.
func (c *cluster) retold(fs []feature) []int {
	var out []int
	for _, i := range c.mentions {
		f := &fs[i]
		pub := f.m.Published.UTC().Truncate(24 * time.Hour)
		if f.background || !f.ownDate || f.t.IsZero() || pub.IsZero() || !f.t.Before(pub) {
			continue
		}
		for _, j := range c.mentions {
			if g := &fs[j]; g.story != f.story && !g.storyFirst.IsZero() && g.storyFirst.UTC().Truncate(24*time.Hour).Before(pub) {
				out = append(out, i)
				break
			}
		}
	}
	return out
}

// feature is what merging compares of a mention, computed once.
type feature struct {
	i          int
	m          *Mention
	t          time.Time // event date (zero: unknown)
	ownDate    bool      // the sentence dates it
	root, base string
	fam        string // candidates are looked for in the same family
	story      string
	words      bag
	norm       float64
	lat, lon   float64
	hasPlace   bool // a city-level location told in the sentence
	geoID      int
	lexW       []float64 // shared IDF weights
	background bool      // Background(m)
	storyFirst time.Time // the story's first publication
	also       bool      // "also" before the trigger: an act in addition to one told before
}

// features computes every mention's features, the sentences' IDF over the
// whole batch.
func features(ms []Mention, opt Options) []feature {
	fs := make([]feature, len(ms))
	// A copy of a story tells of the story's day, however much later it
	// was published: a mention dated by publication takes the story's first.
	first := map[string]time.Time{}
	for i := range ms {
		m := &ms[i]
		if p, s := m.Published, storyOf(m); !p.IsZero() && (first[s].IsZero() || p.Before(first[s])) {
			first[s] = p
		}
	}
	var v vocab
	seen := map[string]bag{} // a reprinted sentence counts once
	for i := range ms {
		m := &ms[i]
		f := feature{i: i, m: m, t: when(*m), root: root(m.Event), base: base(m.Event), story: storyOf(m)}
		f.ownDate = !m.Event.DateInherited && m.Event.Date != ""
		f.background = Background(*m)
		f.storyFirst = first[f.story]
		f.also = also(*m)
		if p := first[f.story]; !f.ownDate && !p.IsZero() && p.Before(m.Published) {
			f.t = when(Mention{Published: p})
		}
		f.fam = Family(f.root)
		if opt.Family == 0 {
			f.fam = f.root
		}
		if p := m.Place; p != nil && !m.Event.LocationInherited && p.Role == "" && (p.Lat != 0 || p.Lon != 0) && p.Kind != "country" && p.Kind != "region" {
			f.lat, f.lon, f.hasPlace, f.geoID = p.Lat, p.Lon, true, p.GeonameID
		}
		if m.Text != "" && opt.Lexical > 0 {
			b, ok := seen[m.Text]
			if !ok {
				b = v.add(m.Text)
				seen[m.Text] = b
			}
			f.words = b
		}
		fs[i] = f
	}
	w := v.weights()
	for i := range fs {
		fs[i].lexW = w
		fs[i].norm = norm(fs[i].words, w)
	}
	return fs
}

// cluster is an event being built.
type cluster struct {
	// reference stays true while every mention is a background reference:
	// such a group is a past event the store never saw reported, and it is
	// not counted as a new event.
	reference   bool
	mentions    []int
	src, tgt    string // the most specific actor codes seen
	first, last time.Time
	dates       []time.Time     // its dated mentions' dates (references after the first left out), ascending
	stories     map[string]bool // stories its mentions come from
}

func (c *cluster) add(f *feature) {
	m := f.m
	c.mentions = append(c.mentions, f.i)
	if c.stories == nil {
		c.stories = map[string]bool{}
	}
	c.stories[f.story] = true
	c.reference = c.reference && f.background
	if f.background && len(c.mentions) > 1 {
		// A reference links to the event it recalls but does not move its
		// dates or actors.
		return
	}
	src, tgt := m.Event.Source.Code, m.Event.Target.Code
	if len(c.mentions) > 1 && mutual(f.root) {
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
	if c.first.IsZero() || f.t.Before(c.first) {
		c.first = f.t
	}
	if !f.t.IsZero() {
		c.dates = append(c.dates, f.t) // in order: mentions come by date
	}
	if f.t.After(c.last) {
		c.last = f.t
	}
}

// anchor is the date an event's window is anchored at: the (lower)
// median date of its dated mentions. Anchored, so a chain of daily
// reports never grows into one event; at the median rather than the first
// date, so one miscoded mention (a sentence's "the Iran-Iraq war" coded as
// yesterday's battle) cannot pin an offensive's window a day early. The
// median moves as later mentions join, so fit also bounds an event's span
// at twice the window from its first date: it cannot drift along a war.
func (c *cluster) anchor() time.Time {
	if len(c.dates) == 0 {
		return time.Time{}
	}
	return c.dates[(len(c.dates)-1)/2]
}

// fit is the mention's average evidence with the cluster's mentions, or
// 0 when it cannot join: outside the window of the event's anchor date,
// or undated and of another story (without any date there is no evidence
// that two stories tell of one event).
func (c *cluster) fit(f *feature, fs []feature, opt Options) float64 {
	if a := c.anchor(); f.t.IsZero() || a.IsZero() {
		if !c.stories[f.story] {
			return 0
		}
	} else if d := f.t.Sub(a); d > opt.Window || d < -opt.Window || f.t.Sub(c.first) > 2*opt.Window {
		return 0
	}
	if f.fam == "force" && c.stories[f.story] {
		// "Iraqi planes also destroyed oil installations at Ahvaz": an act
		// of force told with "also" is another strike than the one its
		// story told before, so it does not join the event of that act,
		// nor that act the event of an also-act of its own story. (Not for
		// other acts: a lead sums up requests and consultations its quotes
		// then tell with "also", "They have also asked Britain".)
		for _, j := range c.mentions {
			if fs[j].story == f.story && fs[j].also != f.also {
				return 0
			}
		}
	}
	// A large event is compared by its latest maxLink mentions: they stand
	// for it as well, and a story everyone reports must not make merging
	// quadratic.
	ms := c.mentions[max(0, len(c.mentions)-maxLink):]
	sum := 0.0
	for _, j := range ms {
		sum += pair(f, &fs[j], opt)
	}
	return sum / float64(len(ms))
}

// maxLink is how many of an event's mentions a candidate is compared with.
const maxLink = 32

// pair is the evidence that two mentions report one event: the product of
// how well their codes, actors, dates and places agree (0 when one of
// them rules it out), moved up or down by how much more than two
// unrelated sentences their sentences share.
func pair(a, b *feature, opt Options) float64 {
	s := codeFit(a, b, opt)
	if s == 0 {
		return 0
	}
	if s *= actorFit(a, b); s == 0 {
		return 0
	}
	if s *= dateFit(a, b, opt); s == 0 {
		return 0
	}
	if a.fam != "speech" {
		// Where a statement was made is seldom told, and the place its
		// sentence names is what it speaks of: no evidence of which one.
		s *= placeFit(a, b, opt)
	}
	if a.fam == "speech" && a.story != b.story {
		s *= opt.Speech
	}
	if opt.Lexical > 0 && a.norm > 0 && b.norm > 0 {
		lex := cosine(a.words, b.words, a.norm, b.norm, a.lexW) - lexBase
		if a.story == b.story {
			// One story tells of one event in several sentences, each in
			// its own words: few shared words are no evidence against.
			lex = max(lex, 0)
		}
		s += opt.Lexical * lex
	}
	return max(s, 0)
}

// codeFit follows the CAMEO hierarchy. Below one root, a generic code
// (040 "consult, not specified") fits any code, two specific codes fit
// when they are equal or the two sides of one act (042 make a visit, 043
// host a visit), and two other leaves fit at half credit: coders disagree
// on the leaf more than on the root. Across roots, only two families fit,
// at opt.Family: what a speaker says in one statement is coded a comment
// (01), a rejection (12) or a warning (13) by different sentences of its
// report, and one battle is an assault (18), a fight (19) or coercion (17)
// — the same PLOVER/QuadClass kind of act. A statement and the attack it
// reports stay apart: they are two events.
func codeFit(a, b *feature, opt Options) float64 {
	if a.root != b.root {
		if a.fam != b.fam || opt.Family == 0 {
			return 0
		}
		return opt.Family
	}
	if generic(a.base) || generic(b.base) || a.base == b.base || reciprocal[a.base] == b.base {
		return 1
	}
	return 0.5
}

// Family groups the CAMEO roots whose codes can report one act: "speech"
// (01 statement, 11 disapprove, 12 reject, 13 threaten) and "force" (17
// coerce, 18 assault, 19 fight, 20 mass violence); other roots are their
// own family. Mentions of different families never merge.
func Family(root string) string {
	switch root {
	case "01", "11", "12", "13":
		return "speech"
	case "17", "18", "19", "20":
		return "force"
	}
	return root
}

// actorFit compares two mentions' actors.
//
// Two facts of event coding shape it. What a speaker says is its act
// alone: a statement's "target" is whatever it was about, and its speaker
// is named as the country, its army, its news agency or its ministry by
// different reports, so speech matches on the speaker's country, the
// agent giving partial credit, and the target counts only when neither is
// a plain statement (a warning to the U.S. and one to Iraq are two). And
// some events are mutual: "Iraq repelled an Iranian attack" and "Iran
// attacked Iraq" report one battle with the dyad reversed, a visit is
// coded both as the guest's visit and the host's hosting; for those roots
// the reversed dyad matches too.
func actorFit(a, b *feature) float64 {
	as, at := a.m.Event.Source.Code, a.m.Event.Target.Code
	bs, bt := b.m.Event.Source.Code, b.m.Event.Target.Code
	if a.fam == "speech" {
		ca, ga := split(as)
		cb, gb := split(bs)
		s := 1.0
		switch {
		case ga == "" && ca == "" || gb == "" && cb == "":
			return 0 // no speaker
		case ca == "" || cb == "":
			s = 0.6 // a speaker of unknown country ("MED": "the newspaper")
		case ca != cb && (inferred(a.m.Event.Source) || inferred(b.m.Event.Source)):
			// "A military spokesman said": the coder guessed whose.
			s = 0.5
		case ca != cb:
			return 0
		case ga != gb:
			s = 0.9
		}
		if a.root != "01" && b.root != "01" {
			if t, ok := actorMatch(at, bt); ok {
				s *= t
			} else {
				s *= 0.5
			}
		}
		return s
	}
	s, okS := actorMatch(as, bs)
	t, okT := actorMatch(at, bt)
	if okS && okT {
		return s * t
	}
	if mutual(a.root) && mutual(b.root) {
		s, okS = actorMatch(as, bt)
		t, okT = actorMatch(at, bs)
		if okS && okT {
			return 0.9 * s * t
		}
	}
	return 0
}

// dateFit compares two mentions' dates: within opt.Window, the nearer the
// better; mentions of one story whose dates come from publication fit. A statement is an act of one day, and one government makes
// several a day: when a sentence dates it (not just the publication),
// speech merges within that day only. Undated mentions fit only their own
// story's.
func dateFit(a, b *feature, opt Options) float64 {
	if a.story == b.story && (a.t.IsZero() || b.t.IsZero() || !a.ownDate || !b.ownDate) {
		// Copies of one story tell of the same day, whenever each was
		// published; an undated mention fits only its own story's.
		return 1
	}
	if a.t.IsZero() || b.t.IsZero() {
		return 0
	}
	d := a.t.Sub(b.t)
	if d < 0 {
		d = -d
	}
	if d > opt.Window {
		return 0
	}
	if a.fam == "speech" && (a.ownDate || b.ownDate) && d >= 24*time.Hour {
		return 0
	}
	return 1 - 0.2*float64(d)/float64(opt.Window)
}

// placeFit compares two mentions' locations when both sentences name a
// city-level place (countries and regions do not discriminate, and a
// place inherited from the article's focus, a dateline — "IRNA, received
// in London" — or a capital standing for its government is no evidence
// of where the event happened): the same
// place fits, places within opt.MaxKm fit less the farther apart, and
// farther places count strongly against.
func placeFit(a, b *feature, opt Options) float64 {
	if !a.hasPlace || !b.hasPlace || (a.geoID != 0 && a.geoID == b.geoID) {
		return 1
	}
	d := km(a.lat, a.lon, b.lat, b.lon)
	if d > opt.MaxKm {
		return 0.3
	}
	return 1 - 0.3*d/opt.MaxKm
}

// reciprocal pairs the base codes that report one act from its two sides.
var reciprocal = map[string]string{"042": "043", "043": "042"}

// base is an event's three-digit base code.
func base(e doc.Event) string {
	if e.BaseCode != "" {
		return e.BaseCode
	}
	return cameo.Base(e.Code)
}

// generic reports a root-level code ("010", "190"): the coder knew the kind
// of act but not which one.
func generic(b string) bool { return len(b) < 3 || b[2] == '0' }

// mutual reports CAMEO roots whose events involve both sides alike:
// cooperation (03-06) and fighting (17-20).
func mutual(root string) bool {
	switch root {
	case "03", "04", "05", "06", "17", "18", "19", "20":
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
	return cameo.Root(e.Code)
}

// actorMatch compares actor codes up to the agent level: the country or
// group (first three letters) must agree, and the first agent (next three)
// gives full, partial or little credit. An unknown side matches anything,
// at a cost.
func actorMatch(a, b string) (float64, bool) {
	switch {
	case a == b:
		return 1, true
	case a == "" || b == "":
		return 0.6, true
	}
	ca, ag := split(a)
	cb, bg := split(b)
	if ca == "" || cb == "" {
		// A role without a country ("MIL": "the troops"): the country is
		// unknown, the role may still agree.
		if ag == bg {
			return 0.6, true
		}
		return 0.3, true
	}
	if ca != cb {
		return 0, false
	}
	switch {
	case ag == bg:
		return 0.95, true
	case ag == "" || bg == "":
		return 0.8, true
	}
	// Different agents of one country (its army, its government) are
	// often one actor miscoded, but two events as often: little credit.
	return 0.3, true
}

func agent(code string) string {
	_, a := split(code)
	return a
}

// inferred reports an actor whose words name no one ("military
// spokesman", "the newspaper", "troops": no capital letter), so that its
// country is the coder's guess from the context.
func inferred(a doc.Actor) bool {
	return a.Text != "" && strings.IndexFunc(a.Text, unicode.IsUpper) < 0
}

// split parts an actor code into its country (or group: "IGO", "NGO")
// and its first role. A code that starts with a role ("MED", "GOVMIL")
// has no country: the coder knew what the actor was, not whose.
func split(code string) (country, role string) {
	if len(code) < 3 {
		return "", ""
	}
	if roles[code[:3]] {
		return "", code[:3]
	}
	if len(code) >= 6 {
		return code[:3], code[3:6]
	}
	return code[:3], ""
}

// roles are CAMEO's actor role codes: a code starting with one has no
// country.
var roles = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range strings.Fields("GOV MIL REB OPP PTY COP JUD SPY MED EDU BUS CRM CVL LAB LEG HLH REF ELI AGR ENV UAF INS SEP RAD MOD IND UIS NGM") {
		m[r] = true
	}
	return m
}()

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
