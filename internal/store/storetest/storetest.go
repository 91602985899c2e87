// Package storetest is the conformance suite every store.Store backend
// runs, so the embedded SQLite store and the PostgreSQL store answer the
// same questions the same way:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) store.Store { return openFresh(t) })
//	}
//
// open must return an empty store; Run closes it.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/query"
	"newsgraph/internal/store"
)

// Run runs every conformance test against stores made by open.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"PutGet", testPutGet},
		{"Idempotent", testIdempotent},
		{"Duplicates", testDuplicates},
		{"BatchAtomic", testBatchAtomic},
		{"Search", testSearch},
		{"Hostile", testHostile},
		{"Paging", testPaging},
		{"Facets", testFacets},
		{"Timeline", testTimeline},
		{"Entities", testEntities},
		{"EventsPlacesNetwork", testEventsPlacesNetwork},
		{"Aggregates", testAggregates},
		{"Articles", testArticles},
		{"Alerts", testAlerts},
		{"Feeds", testFeeds},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t)
			defer s.Close()
			tc.fn(t, s)
		})
	}
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t.Add(12 * time.Hour)
}

// long pads a text past the near-duplicate threshold with distinct words
// derived from seed, so different seeds never look alike.
func long(seed, text string) string {
	var b strings.Builder
	b.WriteString(text)
	for i := 0; i < 150; i++ {
		fmt.Fprintf(&b, " %s%d", seed, i*7919%1000)
	}
	return b.String()
}

// span finds the first occurrence of sub in text (tests build their own
// annotations, so they must be consistent with the text).
func span(text, sub string) doc.Span {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("span: " + sub + " not in text")
	}
	return doc.Span{Start: i, End: i + len(sub)}
}

// rubioMeets is the sentence the fixture's first event is coded from.
const rubioMeets = "Secretary of State Marco Rubio met Mexican President Claudia Sheinbaum in Mexico City on Wednesday to discuss trade and security."

// Fixture returns a small annotated corpus: three stories on two days from
// two outlets, with entities, places, events, themes and quotes.
func Fixture() []*doc.Article {
	t1 := long("alpha", rubioMeets+` "We will cooperate," Rubio said.`)
	a1 := &doc.Article{
		ID: "a1", URL: "https://www.reuters.com/world/a1", Source: "Reuters", Title: "Rubio meets Sheinbaum in Mexico City",
		Published: day("2026-11-25"), Lang: "en", Text: t1,
		Entities: []doc.Entity{
			{ID: "e1", Type: doc.PER, Name: "Marco Rubio", Role: "Secretary of State", Country: "US", Actor: "USAGOV"},
			{ID: "e2", Type: doc.PER, Name: "Claudia Sheinbaum", Role: "President", Country: "MX", Actor: "MEXGOV"},
		},
		Places:    []doc.Place{{Span: span(t1, "Mexico City"), Name: "Mexico City", Kind: "city", GeonameID: 3530597, Lat: 19.43, Lon: -99.13, Country: "MX", Confidence: 0.9}},
		Focus:     &doc.Focus{Country: "MX", City: "Mexico City", GeonameID: 3530597},
		Sentences: []doc.Sentence{{Span: span(t1, rubioMeets)}},
		Events: []doc.Event{{ID: "ev1", Code: "040", BaseCode: "040", RootCode: "04", Goldstein: 1, QuadClass: 1,
			Source: doc.Actor{Code: "USAGOV", Text: "Marco Rubio"}, Target: doc.Actor{Code: "MEXGOV", Text: "Claudia Sheinbaum"},
			Location: 1, Status: "asserted", PLOVER: "CONSULT", Confidence: 0.8}},
		Scores: []doc.ThemeScore{{Theme: "ECON_TRADE", Score: 2}, {Theme: "SECURITY_SERVICES", Score: 1}},
		Quotes: []doc.Quote{{Span: span(t1, "We will cooperate,"), Speaker: span(t1, "Rubio said"), SpeakerName: "Marco Rubio", Actor: "USAGOV", Direct: true}},
		Tone:   &doc.Tone{Tone: 1.5},
	}
	t2 := long("bravo", `Protesters marched in Paris against pension reform. Police said the crowd was peaceful. French unions called for another strike next week.`)
	a2 := &doc.Article{
		ID: "a2", URL: "https://www.bbc.co.uk/news/a2", Source: "BBC News", Title: "Pension protest in Paris",
		Published: day("2026-11-26"), Lang: "en", Text: t2,
		Entities: []doc.Entity{{ID: "e1", Type: doc.ORG, Name: "French unions", Country: "FR"}},
		Places:   []doc.Place{{Span: span(t2, "Paris"), Name: "Paris", Kind: "city", GeonameID: 2988507, Lat: 48.85, Lon: 2.35, Country: "FR", Confidence: 0.95}},
		Focus:    &doc.Focus{Country: "FR", City: "Paris", GeonameID: 2988507},
		Events: []doc.Event{{ID: "ev1", Code: "141", BaseCode: "141", RootCode: "14", Goldstein: -6.5, QuadClass: 3,
			Source: doc.Actor{Code: "FRALAB", Text: "unions"}, Target: doc.Actor{Code: "FRAGOV", Text: "government"},
			Location: 1, Status: "asserted", PLOVER: "PROTEST", Confidence: 0.7}},
		Themes: []doc.ThemeHit{{Span: span(t2, "pension"), Theme: "ECON_PENSIONS", Weight: 1}, {Span: span(t2, "strike"), Theme: "STRIKE", Weight: 1}},
		Tone:   &doc.Tone{Tone: -2},
	}
	t3 := long("charlie", `Rubio later travelled to Ottawa for talks with Canadian officials about trade tariffs.`)
	a3 := &doc.Article{
		ID: "a3", URL: "https://reuters.com/world/a3", Source: "Reuters", Title: "Rubio heads to Ottawa",
		Published: day("2026-11-26"), Lang: "en", Text: t3,
		Entities: []doc.Entity{
			{ID: "e1", Type: doc.PER, Name: "Marco Rubio", Country: "US", Actor: "USAGOV"},
			{ID: "e2", Type: doc.ORG, Name: "Canadian officials", Country: "CA", Actor: "CANGOV"},
		},
		Places: []doc.Place{{Span: span(t3, "Ottawa"), Name: "Ottawa", Kind: "city", GeonameID: 6094817, Lat: 45.41, Lon: -75.69, Country: "CA", Confidence: 0.9}},
		Events: []doc.Event{{ID: "ev1", Code: "036", BaseCode: "036", RootCode: "03", Goldstein: 4, QuadClass: 1,
			Source: doc.Actor{Code: "USAGOV", Text: "Rubio"}, Target: doc.Actor{Code: "CANGOV", Text: "Canadian officials"},
			Location: 1, Status: "asserted", PLOVER: "CONSULT", Confidence: 0.6},
			{ID: "ev2", Code: "040", BaseCode: "040", RootCode: "04", Goldstein: 1, QuadClass: 1,
				Source: doc.Actor{Code: "USAGOV", Text: "Rubio"}, Target: doc.Actor{Code: "CANGOV", Text: "Canadian officials"},
				Status: "asserted", Confidence: 0.6}},
		Scores: []doc.ThemeScore{{Theme: "ECON_TRADE", Score: 1}},
	}
	return []*doc.Article{a1, a2, a3}
}

func put(t *testing.T, s store.Store, as ...*doc.Article) []store.PutResult {
	t.Helper()
	rs, err := s.PutBatch(context.Background(), as)
	if err != nil {
		t.Fatalf("PutBatch: %v", err)
	}
	return rs
}

func ids(hs []store.Hit) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.ID
	}
	return out
}

func testPutGet(t *testing.T, s store.Store) {
	ctx := context.Background()
	fx := Fixture()
	rs := put(t, s, fx...)
	for i, r := range rs {
		if r.Status != store.Added || r.ID != fx[i].ID || r.Story != fx[i].ID {
			t.Errorf("put %s: got %+v, want added", fx[i].ID, r)
		}
	}
	rec, err := s.Get(ctx, "a1")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	a := rec.Article
	if a.Text != fx[0].Text || a.Title != fx[0].Title || !a.Published.Equal(fx[0].Published) || a.URL != fx[0].URL {
		t.Errorf("Get a1: fields differ: %+v", a)
	}
	if len(a.Entities) != 2 || len(a.Events) != 1 || len(a.Places) != 1 || len(a.Quotes) != 1 || a.Tone == nil {
		t.Errorf("Get a1: annotations lost: %d entities %d events %d places %d quotes", len(a.Entities), len(a.Events), len(a.Places), len(a.Quotes))
	}
	if a.Hash == "" || a.SimHash == "" {
		t.Errorf("Get a1: hash %q simhash %q not filled", a.Hash, a.SimHash)
	}
	if len(rec.Mentions) != 1 || rec.Mentions[0].ID != "a1" {
		t.Errorf("Get a1 mentions = %+v", rec.Mentions)
	}
	if _, err := s.Get(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Get missing: err = %v, want ErrNotFound", err)
	}
	has, err := s.Has(ctx, []string{"a1", "zz", "a3"})
	if err != nil || !has["a1"] || !has["a3"] || has["zz"] {
		t.Errorf("Has = %v, %v", has, err)
	}
	// Default id: the dedup hash of the text.
	r, err := s.Put(ctx, &doc.Article{Text: long("delta", "An article with no id of its own.")})
	if err != nil || r.Status != store.Added || len(r.ID) < 16 {
		t.Errorf("Put without id = %+v, %v", r, err)
	}
	// Bad input is refused, not stored.
	if _, err := s.Put(ctx, &doc.Article{ID: "empty"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("Put empty article: err = %v, want ErrInvalid", err)
	}
}

func testIdempotent(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Fixture()...)
	before, _ := s.Stats(ctx)
	rs := put(t, s, Fixture()...)
	for _, r := range rs {
		if r.Status != store.Existing {
			t.Errorf("re-put %s: status %s, want existing", r.ID, r.Status)
		}
	}
	// The same id twice within one batch is stored once.
	fx := Fixture()
	x := &doc.Article{ID: "twice", Text: long("echo", "Twice in one batch.")}
	y := *x
	rs = put(t, s, x, &y, fx[0])
	if rs[0].Status != store.Added || rs[1].Status != store.Existing || rs[2].Status != store.Existing {
		t.Errorf("batch with repeated id: %+v", rs)
	}
	after, _ := s.Stats(ctx)
	if after.Stories != before.Stories+1 || after.Mentions != before.Mentions+1 || after.Events != before.Events {
		t.Errorf("stats before %+v after %+v: re-put added something", before, after)
	}
}

func testDuplicates(t *testing.T, s store.Store) {
	ctx := context.Background()
	fx := Fixture()
	put(t, s, fx...)
	// Exact copy under another id and outlet (case and spacing differ).
	exact := &doc.Article{ID: "copy1", Source: "AP", URL: "https://apnews.com/x", Title: "Rubio in Mexico", Published: day("2026-11-25"),
		Text: strings.ToUpper(strings.ReplaceAll(fx[0].Text, " ", "  "))}
	// Near copy: one word changed.
	near := &doc.Article{ID: "copy2", Source: "AFP", Title: "Rubio meets Sheinbaum", Published: day("2026-11-26"),
		Text: strings.Replace(fx[0].Text, "Wednesday", "Tuesday", 1)}
	// Title-only items never merge, even with each other.
	t1 := &doc.Article{ID: "t1", Title: "Markets open higher"}
	t2 := &doc.Article{ID: "t2", Title: "Storm hits coast"}
	rs := put(t, s, exact, near, t1, t2)
	want := []store.PutStatus{store.Mentioned, store.Mentioned, store.Added, store.Added}
	for i, r := range rs {
		if r.Status != want[i] {
			t.Errorf("%s: status %s, want %s", r.ID, r.Status, want[i])
		}
	}
	if rs[0].Story != "a1" || rs[1].Story != "a1" {
		t.Errorf("copies point at %q, %q; want a1", rs[0].Story, rs[1].Story)
	}
	rec, err := s.Get(ctx, "copy2")
	if err != nil {
		t.Fatalf("Get mention: %v", err)
	}
	if rec.Story != "a1" || rec.Article.ID != "a1" || len(rec.Mentions) != 3 || rec.Mentions[0].ID != "a1" {
		t.Errorf("Get copy2 = story %q article %q mentions %+v", rec.Story, rec.Article.ID, rec.Mentions)
	}
	st, _ := s.Stats(ctx)
	if st.Stories != 5 || st.Mentions != 7 {
		t.Errorf("stats %+v, want 5 stories 7 mentions", st)
	}
	res, err := s.Search(ctx, store.Query{Text: "Sheinbaum"})
	if err != nil || res.Total != 1 || res.Hits[0].Mentions != 3 {
		t.Errorf("search after copies: %+v %v, want one story with 3 mentions", res, err)
	}
	// The story is findable by any outlet that carried it.
	res, err = s.Search(ctx, store.Query{Text: "source:afp"})
	if err != nil || res.Total != 1 || res.Hits[0].ID != "a1" {
		t.Errorf("source:afp = %+v, %v", res, err)
	}
}

func testBatchAtomic(t *testing.T, s store.Store) {
	ctx := context.Background()
	fx := Fixture()
	if _, err := s.PutBatch(ctx, []*doc.Article{fx[0], {ID: "bad"}}); err == nil {
		t.Fatal("PutBatch with an empty article succeeded")
	}
	st, _ := s.Stats(ctx)
	if st.Mentions != 0 {
		t.Errorf("failed batch stored %d articles", st.Mentions)
	}
}

func testSearch(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Fixture()...)
	cases := []struct {
		q    string
		want []string // newest first; ties by insertion order reversed
	}{
		{"", []string{"a3", "a2", "a1"}},
		{"rubio", []string{"a3", "a1"}},
		{"Rubio", []string{"a3", "a1"}},
		{`"Mexico City"`, []string{"a1"}},
		{`"City Mexico"`, nil},
		{"rubio AND ottawa", []string{"a3"}},
		{"rubio ottawa", []string{"a3"}},
		{"rubio OR paris", []string{"a3", "a2", "a1"}},
		{"rubio NOT ottawa", []string{"a1"}},
		{"rubio -ottawa", []string{"a1"}},
		{"NOT rubio", []string{"a2"}},
		{"(paris OR ottawa) AND NOT protest*", []string{"a3"}},
		{"protest*", []string{"a2"}},
		{"tariffs", []string{"a3"}},
		{"tariff", []string{"a3"}}, // stemming
		{"actor:USA", []string{"a3", "a1"}},
		{"actor:USAGOV", []string{"a3", "a1"}},
		{`actor:"Claudia Sheinbaum"`, []string{"a1"}},
		{"actor:FRA", []string{"a2"}},
		{"country:MX", []string{"a1"}},
		{"country:fr", []string{"a2"}},
		{"country:CAN", []string{"a3"}},
		{`place:"mexico city"`, []string{"a1"}},
		{"place:2988507", []string{"a2"}},
		{"theme:ECON_TRADE", []string{"a3", "a1"}},
		{"theme:ECON", []string{"a3", "a2", "a1"}},
		{"theme:STRIKE", []string{"a2"}},
		{"event:04", []string{"a3", "a1"}},
		{"event:141", []string{"a2"}},
		{"event:14", []string{"a2"}},
		{"event:PROTEST", []string{"a2"}},
		{"event:19", nil},
		{"source:reuters", []string{"a3", "a1"}},
		{"source:reuters.com", []string{"a3", "a1"}},
		{"source:bbc", []string{"a2"}},
		{"from:2026-11-26", []string{"a3", "a2"}},
		{"to:2026-11-25", []string{"a1"}},
		{"from:2026-11 to:2026-11", []string{"a3", "a2", "a1"}},
		{"from:2027", nil},
		{"rubio country:CA", []string{"a3"}},
		{"trade OR event:14", []string{"a3", "a2", "a1"}},
		{"NOT (theme:ECON_TRADE OR source:bbc)", nil},
		{"rubio AND NOT actor:CANGOV", []string{"a1"}},
	}
	for _, tc := range cases {
		res, err := s.Search(ctx, store.Query{Text: tc.q})
		if err != nil {
			t.Errorf("Search(%q): %v", tc.q, err)
			continue
		}
		got := ids(res.Hits)
		if strings.Join(got, ",") != strings.Join(tc.want, ",") || res.Total != len(tc.want) {
			t.Errorf("Search(%q) = %v (total %d), want %v", tc.q, got, res.Total, tc.want)
		}
	}
	// Relevance: the story that says "Rubio" in its title and text twice ranks first.
	res, err := s.Search(ctx, store.Query{Text: "sheinbaum OR ottawa", Order: store.Relevance})
	if err != nil || len(res.Hits) != 2 || res.Hits[0].Score <= 0 {
		t.Errorf("relevance search = %+v, %v", res, err)
	}
	res, err = s.Search(ctx, store.Query{Text: "", Order: store.Oldest})
	if err != nil || strings.Join(ids(res.Hits), ",") != "a1,a2,a3" {
		t.Errorf("oldest first = %v, %v", ids(res.Hits), err)
	}
	// IDs restricts to given articles (alerts check new articles this way).
	res, err = s.Search(ctx, store.Query{Text: "rubio", IDs: []string{"a1", "a2"}})
	if err != nil || strings.Join(ids(res.Hits), ",") != "a1" {
		t.Errorf("search restricted to ids = %v, %v", ids(res.Hits), err)
	}
	h := res.Hits[0]
	if h.Title == "" || h.Source != "Reuters" || h.Published.IsZero() || h.Snippet == "" || h.Mentions != 1 || h.Tone == nil {
		t.Errorf("hit fields missing: %+v", h)
	}
}

// testHostile feeds query-language, FTS and SQL syntax as search text:
// errors must be syntax errors, never SQL errors, and nothing may change.
func testHostile(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Fixture()...)
	before, _ := s.Stats(ctx)
	for _, q := range []string{
		`'; DROP TABLE articles; --`, `" OR 1=1 --`, `rubio' OR '1'='1`, `NEAR(rubio ottawa)`, `rubio^`, `title:rubio`,
		`{title text}: rubio`, `rubio AND`, `OR`, `(((`, `"unterminated`, `actor:`, `from:yesterday`, `event:abc1`,
		`*`, `-`, `""`, `a:b`, `country:"'; DELETE FROM mentions; --"`, `source:%`, `place:_`, `theme:%_%`,
		"\x00", "rubio\x00ottawa", `\"`, `rubio"`, `NOT NOT NOT`, `col:rubio`,
	} {
		res, err := s.Search(ctx, store.Query{Text: q, Facets: true})
		if err != nil && !errors.Is(err, query.ErrSyntax) {
			t.Errorf("Search(%q): error is not a syntax error: %v", q, err)
		}
		if err == nil && res == nil {
			t.Errorf("Search(%q): nil result", q)
		}
		if _, err := s.Timeline(ctx, store.TimelineQuery{Text: q, By: store.ByTheme}); err != nil && !errors.Is(err, query.ErrSyntax) {
			t.Errorf("Timeline(%q): %v", q, err)
		}
	}
	// LIKE wildcards in filter values are literal.
	for _, q := range []string{"source:%", "theme:%", "place:_"} {
		if res, err := s.Search(ctx, store.Query{Text: q}); err == nil && res.Total != 0 {
			t.Errorf("Search(%q) matched %d stories: wildcard not literal", q, res.Total)
		}
	}
	after, _ := s.Stats(ctx)
	if after != before {
		t.Errorf("hostile queries changed the store: %+v → %+v", before, after)
	}
	if _, err := s.Search(ctx, store.Query{Order: "bogus"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad order: err = %v, want ErrInvalid", err)
	}
	if _, err := s.Timeline(ctx, store.TimelineQuery{By: "bogus"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad timeline dimension: err = %v, want ErrInvalid", err)
	}
}

func testPaging(t *testing.T, s store.Store) {
	ctx := context.Background()
	var as []*doc.Article
	for i := 0; i < 25; i++ {
		as = append(as, &doc.Article{ID: fmt.Sprintf("p%02d", i), Title: fmt.Sprintf("page item %d", i),
			Published: day("2026-01-01").Add(time.Duration(i) * time.Hour), Text: long(fmt.Sprintf("w%dx", i), "paging test")})
	}
	put(t, s, as...)
	var seen []string
	for off := 0; off < 30; off += 10 {
		res, err := s.Search(ctx, store.Query{Text: "paging", Limit: 10, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 25 {
			t.Errorf("total %d, want 25", res.Total)
		}
		seen = append(seen, ids(res.Hits)...)
	}
	if len(seen) != 25 || seen[0] != "p24" || seen[24] != "p00" {
		t.Errorf("pages = %v", seen)
	}
	res, _ := s.Search(ctx, store.Query{Text: "paging"})
	if len(res.Hits) != store.DefaultLimit {
		t.Errorf("default limit: %d hits", len(res.Hits))
	}
}

func facet(fs []store.Facet, v string) int {
	for _, f := range fs {
		if f.Value == v {
			return f.Count
		}
	}
	return 0
}

func testFacets(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Fixture()...)
	res, err := s.Search(ctx, store.Query{Text: "rubio OR paris", Facets: true})
	if err != nil {
		t.Fatal(err)
	}
	f := res.Facets
	checks := []struct {
		facet, value string
		want         int
	}{
		{"source", "Reuters", 2}, {"source", "BBC News", 1}, {"theme", "ECON_TRADE", 2}, {"country", "MX", 1},
		{"country", "CA", 1}, {"event", "04", 2}, {"event", "14", 1}, {"actor", "USAGOV", 2}, {"actor", "FRAGOV", 1},
	}
	for _, c := range checks {
		if got := facet(f[c.facet], c.value); got != c.want {
			t.Errorf("facet %s=%s: %d, want %d (facets %v)", c.facet, c.value, got, c.want, f[c.facet])
		}
	}
}

func testTimeline(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Fixture()...)
	put(t, s, &doc.Article{ID: "undated", Text: long("foxtrot", "No date on this one about rubio.")})
	tl, err := s.Timeline(ctx, store.TimelineQuery{})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(tl.Buckets)
	if got != "[{2026-11-25  1} {2026-11-26  2}]" {
		t.Errorf("timeline = %s", got)
	}
	tl, err = s.Timeline(ctx, store.TimelineQuery{Text: "rubio", By: store.ByTheme})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(tl.Buckets); got != "[{2026-11-25 ECON_TRADE 1} {2026-11-25 SECURITY_SERVICES 1} {2026-11-26 ECON_TRADE 1}]" {
		t.Errorf("timeline by theme = %s", got)
	}
	for _, c := range []struct{ by, want string }{
		{store.ByCountry, "[{2026-11-25 MX 1} {2026-11-26 CA 1} {2026-11-26 FR 1}]"},
		{store.ByEvent, "[{2026-11-25 04 1} {2026-11-26 03 1} {2026-11-26 04 1} {2026-11-26 14 1}]"},
	} {
		tl, err := s.Timeline(ctx, store.TimelineQuery{By: c.by})
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(tl.Buckets); got != c.want {
			t.Errorf("timeline by %s = %s, want %s", c.by, got, c.want)
		}
	}
	tl, err = s.Timeline(ctx, store.TimelineQuery{By: store.ByEvent, Top: 1})
	if err != nil || len(tl.Buckets) != 2 {
		t.Errorf("timeline top 1 = %v, %v", tl, err)
	}
}

func testEntities(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Fixture()...)
	es, err := s.Entities(ctx, store.EntityQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 4 || es[0].Name != "Marco Rubio" || es[0].Articles != 2 || es[0].ID != store.EntityID("PER", "Marco Rubio") {
		t.Fatalf("entities = %+v", es)
	}
	if es[0].FirstSeen != "2026-11-25" || es[0].LastSeen != "2026-11-26" || es[0].Actor != "USAGOV" || es[0].Role != "Secretary of State" {
		t.Errorf("rubio summary = %+v", es[0])
	}
	es, err = s.Entities(ctx, store.EntityQuery{Text: "ottawa"})
	if err != nil || len(es) != 2 || es[0].Articles != 1 {
		t.Errorf("entities of ottawa stories = %+v, %v", es, err)
	}
	es, err = s.Entities(ctx, store.EntityQuery{Type: "org"})
	if err != nil || len(es) != 2 {
		t.Errorf("ORG entities = %+v, %v", es, err)
	}
	es, err = s.Entities(ctx, store.EntityQuery{Name: "clau"})
	if err != nil || len(es) != 1 || es[0].Name != "Claudia Sheinbaum" {
		t.Errorf("name prefix = %+v, %v", es, err)
	}
	d, err := s.Entity(ctx, "per-marco-rubio", store.EntityQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(d.Timeline) != "[{2026-11-25  1} {2026-11-26  1}]" {
		t.Errorf("rubio timeline = %v", d.Timeline)
	}
	var co []string
	for _, c := range d.CoOccur {
		co = append(co, fmt.Sprintf("%s:%d", c.Name, c.Together))
	}
	sort.Strings(co)
	if strings.Join(co, ",") != "Canadian officials:1,Claudia Sheinbaum:1" {
		t.Errorf("co-occurring = %v", co)
	}
	if len(d.Recent) != 2 || d.Recent[0].ID != "a3" {
		t.Errorf("recent = %+v", d.Recent)
	}
	if _, err := s.Entity(ctx, "per-nobody", store.EntityQuery{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing entity: %v", err)
	}
}

func testEventsPlacesNetwork(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Fixture()...)
	evs, err := s.Events(ctx, store.EventQuery{})
	if err != nil || len(evs) != 4 {
		t.Fatalf("events = %+v, %v", evs, err)
	}
	if evs[len(evs)-1].ArticleID != "a1" || evs[len(evs)-1].Place == nil || evs[len(evs)-1].Place.Name != "Mexico City" {
		t.Errorf("oldest event = %+v", evs[len(evs)-1])
	}
	if got := evs[len(evs)-1].SentenceText; got != rubioMeets {
		t.Errorf("oldest event's evidence sentence = %q, want %q", got, rubioMeets)
	}
	if sp := evs[len(evs)-1].SentenceSpan; sp != Fixture()[0].Sentences[0].Span {
		t.Errorf("oldest event's sentence span = %+v, want the article's first sentence", sp)
	}
	evs, err = s.Events(ctx, store.EventQuery{Root: "04"})
	if err != nil || len(evs) != 2 {
		t.Errorf("root 04 events = %d, %v", len(evs), err)
	}
	evs, err = s.Events(ctx, store.EventQuery{Text: "ottawa", Actor: "USA"})
	if err != nil || len(evs) != 2 || evs[0].ArticleID != "a3" {
		t.Errorf("ottawa USA events = %+v, %v", evs, err)
	}
	ps, err := s.Places(ctx, store.PlaceQuery{})
	if err != nil || len(ps) != 3 {
		t.Fatalf("places = %+v, %v", ps, err)
	}
	ps, err = s.Places(ctx, store.PlaceQuery{Country: "fr"})
	if err != nil || len(ps) != 1 || ps[0].Name != "Paris" || ps[0].GeonameID != 2988507 || ps[0].Lat == 0 {
		t.Errorf("places in FR = %+v, %v", ps, err)
	}
	n, err := s.Network(ctx, store.NetworkQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(n.Edges) != 3 || n.Edges[0].Source != "USAGOV" || n.Edges[0].Target != "CANGOV" || n.Edges[0].Count != 2 || n.Edges[0].Goldstein != 2.5 {
		t.Errorf("network edges = %+v", n.Edges)
	}
	if len(n.Nodes) != 5 || n.Nodes[0].ID != "USAGOV" || n.Nodes[0].Events != 3 {
		t.Errorf("network nodes = %+v", n.Nodes)
	}
	n, err = s.Network(ctx, store.NetworkQuery{MinCount: 2})
	if err != nil || len(n.Edges) != 1 {
		t.Errorf("network min 2 = %+v, %v", n, err)
	}
	n, err = s.Network(ctx, store.NetworkQuery{Text: "paris"})
	if err != nil || len(n.Edges) != 1 || n.Edges[0].TopRoot != "14" {
		t.Errorf("network of paris = %+v, %v", n, err)
	}
}

func testArticles(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, Fixture()...)
	var got []string
	err := s.Articles(ctx, store.Query{Text: "rubio", Order: store.Oldest}, func(a *doc.Article) error {
		if a.Text == "" || len(a.Entities) == 0 {
			t.Errorf("article %s streamed without text or annotations", a.ID)
		}
		got = append(got, a.ID)
		return nil
	})
	if err != nil || strings.Join(got, ",") != "a1,a3" {
		t.Errorf("Articles = %v, %v", got, err)
	}
	stop := errors.New("stop")
	n := 0
	err = s.Articles(ctx, store.Query{}, func(*doc.Article) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("Articles did not stop: %v after %d", err, n)
	}
}

func testAlerts(t *testing.T, s store.Store) {
	ctx := context.Background()
	a, err := s.SaveAlert(ctx, store.Alert{Name: "rubio watch", Query: "actor:USAGOV country:MX"})
	if err != nil || a.ID == "" || a.Created.IsZero() {
		t.Fatalf("SaveAlert = %+v, %v", a, err)
	}
	if _, err := s.SaveAlert(ctx, store.Alert{Query: "rubio AND"}); !errors.Is(err, query.ErrSyntax) {
		t.Errorf("bad alert query: %v", err)
	}
	if _, err := s.SaveAlert(ctx, store.Alert{Query: "x", Webhook: "file:///etc/passwd"}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("bad webhook: %v", err)
	}
	a.Name = "renamed"
	if _, err := s.SaveAlert(ctx, a); err != nil {
		t.Fatal(err)
	}
	b, err := s.SaveAlert(ctx, store.Alert{ID: "mine", Query: "paris", Webhook: "https://example.org/hook"})
	if err != nil || b.ID != "mine" {
		t.Fatalf("SaveAlert with id = %+v, %v", b, err)
	}
	list, err := s.ListAlerts(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("ListAlerts = %+v, %v", list, err)
	}
	got, err := s.GetAlert(ctx, a.ID)
	if err != nil || got.Name != "renamed" || got.Query != a.Query {
		t.Errorf("GetAlert = %+v, %v", got, err)
	}
	for i, want := range []bool{true, false, false} {
		first, err := s.RecordHit(ctx, a.ID, "a1", "log")
		if err != nil || first != want {
			t.Errorf("RecordHit #%d = %v, %v; want %v", i, first, err, want)
		}
	}
	if first, err := s.RecordHit(ctx, a.ID, "a1", "webhook"); err != nil || !first {
		t.Errorf("RecordHit other channel = %v, %v", first, err)
	}
	if _, err := s.RecordHit(ctx, "nope", "a1", "log"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RecordHit unknown alert: %v", err)
	}
	hits, err := s.Hits(ctx, a.ID, 10)
	if err != nil || len(hits) != 2 {
		t.Errorf("Hits = %+v, %v", hits, err)
	}
	if err := s.DeleteAlert(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAlert(ctx, a.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("delete twice: %v", err)
	}
	if hits, _ := s.Hits(ctx, a.ID, 10); len(hits) != 0 {
		t.Errorf("hits survived their alert: %v", hits)
	}
	// Concurrent deliveries of one hit: exactly one wins.
	wins := make(chan bool, 8)
	for i := 0; i < 8; i++ {
		go func() {
			first, err := s.RecordHit(ctx, "mine", "a2", "sse")
			if err != nil {
				t.Error(err)
			}
			wins <- first
		}()
	}
	n := 0
	for i := 0; i < 8; i++ {
		if <-wins {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d concurrent RecordHit calls won, want 1", n)
	}
}

func testFeeds(t *testing.T, s store.Store) {
	fs, ok := s.(store.FeedStore)
	if !ok {
		t.Skip("backend has no FeedStore")
	}
	ctx := context.Background()
	u := "https://example.org/feed.xml"
	if _, err := fs.Feed(ctx, u); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown feed: %v", err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	st := store.FeedState{URL: u, ETag: `"abc"`, LastModified: "Wed, 25 Nov 2026 10:00:00 GMT", LastPoll: now, LastSuccess: now,
		NextPoll: now.Add(15 * time.Minute), Errors: 0}
	if err := fs.SaveFeed(ctx, st); err != nil {
		t.Fatal(err)
	}
	fresh, err := fs.MarkSeen(ctx, u, []string{"g1", "g2", "g3"})
	if err != nil || len(fresh) != 3 {
		t.Fatalf("MarkSeen = %v, %v", fresh, err)
	}
	fresh, err = fs.MarkSeen(ctx, u, []string{"g2", "g4", "g4"})
	if err != nil || strings.Join(fresh, ",") != "g4" {
		t.Errorf("MarkSeen again = %v, %v", fresh, err)
	}
	got, err := fs.Feed(ctx, u)
	if err != nil || got.ETag != st.ETag || !got.NextPoll.Equal(st.NextPoll) || got.ItemsSeen != 4 {
		t.Errorf("Feed = %+v, %v", got, err)
	}
	st.Errors, st.LastError = 2, "503 Service Unavailable"
	if err := fs.SaveFeed(ctx, st); err != nil {
		t.Fatal(err)
	}
	list, err := fs.ListFeeds(ctx)
	if err != nil || len(list) != 1 || list[0].Errors != 2 || list[0].ItemsSeen != 4 || list[0].LastError == "" {
		t.Errorf("ListFeeds = %+v, %v", list, err)
	}
}

// testAggregates checks that an unfiltered Network and Places (which a
// backend may answer from aggregates kept at write time) equal the same
// request filtered by a word every story contains (answered from the
// rows), over several batches with repeated places in a story, unresolved
// places, self-loops and empty actors.
func testAggregates(t *testing.T, s store.Store) {
	ctx := context.Background()
	actors := []string{"", "USAGOV", "MEXGOV", "FRA", "USAGOV"}
	names := []string{"Paris", "paris", "Mexico City", "Lyon"}
	n := 0
	for batch := 0; batch < 3; batch++ {
		var as []*doc.Article
		for i := 0; i < 30; i++ {
			n++
			a := &doc.Article{ID: fmt.Sprintf("agg%03d", n), Text: fmt.Sprintf("aggregated story %d about things number %d", n, n*7),
				Published: time.Date(2025, 1, 1+n%20, 0, 0, 0, 0, time.UTC)}
			for k := 0; k < n%4; k++ {
				p := doc.Place{Name: names[(n+k)%len(names)], Kind: "city", Country: []string{"FR", "MX", ""}[(n+k)%3], Lat: float64(k), Lon: float64(k + 1)}
				if (n+k)%3 != 0 {
					p.GeonameID = 1000 + (n+k)%len(names)
				}
				a.Places = append(a.Places, p, p) // the same place twice in a story counts it once
			}
			for k := 0; k < n%3; k++ {
				root := fmt.Sprintf("%02d", 1+(n+k)%4)
				a.Events = append(a.Events, doc.Event{ID: fmt.Sprintf("ev%d", k), Code: root + "0", BaseCode: root + "0", RootCode: root,
					Goldstein: float64(n%7) - 3,
					Source:    doc.Actor{Code: actors[(n+k)%len(actors)], Text: "src"},
					Target:    doc.Actor{Code: actors[(n+2*k+1)%len(actors)], Text: "tgt"}})
			}
			as = append(as, a)
		}
		if _, err := s.PutBatch(ctx, as); err != nil {
			t.Fatal(err)
		}
	}
	for _, root := range []string{"", "02"} {
		all, err := s.Network(ctx, store.NetworkQuery{Root: root, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		filtered, err := s.Network(ctx, store.NetworkQuery{Text: "aggregated", Root: root, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(all.Edges) < 2 {
			t.Fatalf("network root %q: only %d edges", root, len(all.Edges))
		}
		if got, want := fmt.Sprintf("%.6v", all), fmt.Sprintf("%.6v", filtered); got != want {
			t.Errorf("network root %q unfiltered:\n%s\nfiltered by a word in every story:\n%s", root, got, want)
		}
	}
	for _, country := range []string{"", "FR"} {
		all, err := s.Places(ctx, store.PlaceQuery{Country: country, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		filtered, err := s.Places(ctx, store.PlaceQuery{Text: "aggregated", Country: country, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(all) < 2 {
			t.Fatalf("places country %q: only %d", country, len(all))
		}
		if got, want := fmt.Sprintf("%.6v", all), fmt.Sprintf("%.6v", filtered); got != want {
			t.Errorf("places country %q unfiltered:\n%s\nfiltered by a word in every story:\n%s", country, got, want)
		}
	}
}
