package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"newsgraph/internal/doc"

	"newsgraph/internal/store"
	"newsgraph/internal/store/storetest"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "test.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return openTemp(t) })
}

func TestReopenKeepsDataAndSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "re.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutBatch(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	v, err := s.SchemaVersion(ctx)
	if err != nil || v < 1 {
		t.Errorf("schema version %d, %v", v, err)
	}
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Stories != 3 {
		t.Errorf("after reopen: %+v, %v", st, err)
	}
}

// TestDateOrderManyMatches covers the plan for queries matching more than
// dateScan stories: pages must still come newest (or oldest) first.
func TestDateOrderManyMatches(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var as []*doc.Article
	for i := 0; i < dateScan+300; i++ {
		// Insertion order differs from date order.
		as = append(as, &doc.Article{ID: fmt.Sprintf("m%04d", i), Published: base.Add(time.Duration((i*7919)%(dateScan+300)) * time.Hour),
			Source: "Wire", Text: fmt.Sprintf("common story number %d", i)})
	}
	if _, err := s.PutBatch(ctx, as); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text  string
		order store.Order
	}{{"common", store.Newest}, {"common", store.Oldest}, {"source:wire", store.Newest}, {"common source:wire -nothing", store.Oldest}} {
		order := c.order
		res, err := s.Search(ctx, store.Query{Text: c.text, Limit: 5, Offset: 3, Order: order})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != len(as) || len(res.Hits) != 5 {
			t.Fatalf("%s: total %d hits %d", order, res.Total, len(res.Hits))
		}
		for i, h := range res.Hits {
			want := base.Add(time.Duration(3+i) * time.Hour)
			if order == store.Newest {
				want = base.Add(time.Duration(len(as)-4-i) * time.Hour)
			}
			if !h.Published.Equal(want) {
				t.Errorf("%s hit %d published %v, want %v", order, i, h.Published, want)
			}
		}
	}
}

// TestAggregatesMatchScans checks that the aggregates kept at write time
// by triggers (actor_pairs for Network, place_stats for Places) equal the
// scans they replace, over batches with repeated places in a story,
// unresolved places, missing coordinates, self-loops and empty actors.
func TestAggregatesMatchScans(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	actors := []string{"", "USAGOV", "MEXGOV", "FRA", "USAGOV"}
	names := []string{"Paris", "paris", "Mexico City", "Lyon"}
	n := 0
	for batch := 0; batch < 3; batch++ {
		var as []*doc.Article
		for i := 0; i < 40; i++ {
			n++
			a := &doc.Article{ID: fmt.Sprintf("agg%03d", n), Text: fmt.Sprintf("story %d about things", n),
				Published: time.Date(2025, 1, 1+n%20, 0, 0, 0, 0, time.UTC)}
			for k := 0; k < n%4; k++ {
				p := doc.Place{Name: names[(n+k)%len(names)], Country: []string{"FR", "MX", ""}[(n+k)%3], Lat: float64(k), Lon: float64(n)}
				if (n+k)%3 != 0 {
					p.GeonameID = 1000 + (n+k)%len(names)
				}
				a.Places = append(a.Places, p, p) // the same place twice in a story counts it once
			}
			for k := 0; k < n%3; k++ {
				root := fmt.Sprintf("%02d", 1+(n+k)%4)
				a.Events = append(a.Events, doc.Event{Code: root + "0", RootCode: root, Goldstein: float64(n%7) - 3,
					Source: doc.Actor{Code: actors[(n+k)%len(actors)], Text: fmt.Sprintf("src %d", n%5)},
					Target: doc.Actor{Code: actors[(n+2*k+1)%len(actors)], Text: fmt.Sprintf("tgt %d", n%3)}})
			}
			as = append(as, a)
		}
		if _, err := s.PutBatch(ctx, as); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ name, agg, scan string }{
		{"actor_pairs", `SELECT src, tgt, root, n, round(gsum, 6), src_text, tgt_text FROM actor_pairs ORDER BY 1, 2, 3`,
			`SELECT src_actor, tgt_actor, root_code, count(*), round(sum(goldstein), 6), max(src_text), max(tgt_text) FROM events
				WHERE src_actor <> '' AND tgt_actor <> '' AND src_actor <> tgt_actor GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`},
		{"place_stats", `SELECT geonameid, name_key, name, kind, country, round(lat_sum / lat_n, 6), round(lon_sum / lon_n, 6), docs FROM place_stats ORDER BY 1, 2`,
			`SELECT geonameid, CASE WHEN geonameid = 0 THEN name_norm ELSE '' END, max(name), max(kind), max(country),
				round(avg(lat), 6), round(avg(lon), 6), count(DISTINCT doc) FROM places GROUP BY 1, 2 ORDER BY 1, 2`},
	} {
		got, want := dump(t, s, c.agg), dump(t, s, c.scan)
		if len(want) < 3 {
			t.Fatalf("%s: fixture too small: %v", c.name, want)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s:\n got  %v\n want %v", c.name, got, want)
		}
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
	// Check notices an aggregate out of step with its rows.
	if _, err := s.w.Exec(`UPDATE actor_pairs SET n = n + 1 WHERE (src, tgt, root) IN (SELECT src, tgt, root FROM actor_pairs LIMIT 1)`); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(ctx); err == nil {
		t.Error("Check passed with actor_pairs out of step")
	}
}

func dump(t *testing.T, s *Store, q string) []string {
	t.Helper()
	rows, err := s.r.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(vals...))
	}
	return out
}

// TestConcurrentPutBatch runs batches from several goroutines at once:
// the writer's statement cache must neither deadlock on the one writer
// connection nor lose or double an article.
func TestConcurrentPutBatch(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	const workers, batches, size = 4, 6, 37
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		go func() {
			for b := 0; b < batches; b++ {
				var as []*doc.Article
				for i := 0; i < size+b; i++ {
					as = append(as, &doc.Article{ID: fmt.Sprintf("c%d-%d-%d", w, b, i), Text: fmt.Sprintf("worker %d batch %d article %d", w, b, i),
						Entities: []doc.Entity{{Type: doc.PER, Name: fmt.Sprintf("Person %d", i%5)}}})
				}
				if _, err := s.PutBatch(ctx, as); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for w := 0; w < workers; w++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	want := 0
	for b := 0; b < batches; b++ {
		want += workers * (size + b)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Stories != want || st.Mentions != want {
		t.Fatalf("stats %+v, %v; want %d stories", st, err, want)
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestFacetSampleNewest: with more stories than facetScan and no query,
// facets are counted over the newest stories, the ones the results page
// shows first, whatever the insertion order.
func TestFacetSampleNewest(t *testing.T) {
	if testing.Short() {
		t.Skip("stores 5,100 stories")
	}
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var as []*doc.Article
	for i := facetScan + 99; i >= 0; i-- { // newest first: rowid order is the reverse of date order
		theme := "NEW"
		if i < 100 {
			theme = "OLD"
		}
		as = append(as, &doc.Article{ID: fmt.Sprintf("f%05d", i), Published: base.Add(time.Duration(i) * time.Hour),
			Text: fmt.Sprintf("facet story %d", i), Scores: []doc.ThemeScore{{Theme: theme, Score: 1}}})
	}
	if _, err := s.PutBatch(ctx, as); err != nil {
		t.Fatal(err)
	}
	res, err := s.Search(ctx, store.Query{Facets: true, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.FacetSample != facetScan || fmt.Sprint(res.Facets["theme"]) != fmt.Sprint([]store.Facet{{Value: "NEW", Count: facetScan}}) {
		t.Errorf("sample %d, theme facets %v; want the %d newest, all NEW", res.FacetSample, res.Facets["theme"], facetScan)
	}
}

// TestOddIDsIdempotent: ids and hashes that are not valid UTF-8 or hold
// NUL bytes are matched exactly on re-put (they are bound as they are).
func TestOddIDsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	mk := func() []*doc.Article {
		return []*doc.Article{
			{ID: "bad-\xff\xfe-utf8", Text: "first odd story"},
			{ID: "nul-\x00-inside", Text: "second odd story"},
			{ID: "given-hash", Hash: "h\xff\x00", Text: "third odd story"},
		}
	}
	if _, err := s.PutBatch(ctx, mk()); err != nil {
		t.Fatal(err)
	}
	rs, err := s.PutBatch(ctx, mk())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Status != store.Existing {
			t.Errorf("re-put %q: %s", r.ID, r.Status)
		}
	}
	// A new id whose client-given hash equals a stored one is a mention.
	r, err := s.Put(ctx, &doc.Article{ID: "same-hash", Hash: "h\xff\x00", Text: "third odd story"})
	if err != nil || r.Status != store.Mentioned || r.Story != "given-hash" {
		t.Errorf("same hash: %+v, %v", r, err)
	}
}
