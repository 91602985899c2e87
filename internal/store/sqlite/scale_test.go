//go:build scale

package sqlite

// Scale benchmark (not in the default suite): fills one database with
// synthetic stories up to each size in NEWSGRAPH_SCALE (default
// "100000,1000000") and measures search and timeline latency p50/p99 at
// each size. Run once and record the figures in docs/store.md:
//
//	NEWSGRAPH_SCALE_DB=/tmp/scale.db nice -n 10 go test -tags scale -run TestScale -timeout 3h -v ./internal/store/sqlite/

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/store"
	"newsgraph/internal/store/sqlite/sqlitetest"
)

func TestScale(t *testing.T) {
	sizes := []int{100000, 1000000}
	if v := os.Getenv("NEWSGRAPH_SCALE"); v != "" {
		sizes = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(f)
			if err != nil {
				t.Fatal(err)
			}
			sizes = append(sizes, n)
		}
	}
	path := os.Getenv("NEWSGRAPH_SCALE_DB")
	if path == "" {
		path = t.TempDir() + "/scale.db"
	}
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	corpus := loadCorpus(t)
	sy := newSynth(corpus, 42)
	st, _ := s.Stats(ctx)
	have := st.Mentions
	// Replay the generator up to what is stored (the generator is
	// deterministic, so a rerun continues the same sequence).
	for i := 0; i < have; i++ {
		sy.article(i)
	}
	for _, size := range sizes {
		if have > 0 && have < size && os.Getenv("NEWSGRAPH_SCALE_REPLICATE") != "" {
			start := time.Now()
			factor := (size + have - 1) / have
			replicate(t, s, have, factor)
			t.Logf("replicated %d → %d stories in %s (copies of the first %d with new ids and dates, in SQL)", have, have*factor, time.Since(start).Round(time.Second), have)
			have *= factor
		}
		if have < size {
			start := time.Now()
			n := fill(t, s, sy, have, size)
			d := time.Since(start)
			t.Logf("filled %d → %d stories in %s (%.0f articles/s, store only, with generation in parallel)", have, size, d.Round(time.Second), float64(n)/d.Seconds())
			have = size
		}
		measure(t, s, size)
	}
}

func fill(t *testing.T, s *Store, sy *synth, from, to int) int {
	ctx := context.Background()
	batches := make(chan []*doc.Article, 4)
	go func() {
		defer close(batches)
		for i := from; i < to; i += 2000 {
			b := make([]*doc.Article, 0, 2000)
			for j := i; j < min(i+2000, to); j++ {
				a := sy.article(j)
				store.Prepare(a)
				b = append(b, a)
			}
			batches <- b
		}
	}()
	n := 0
	last := time.Now()
	for b := range batches {
		if _, err := s.PutBatch(ctx, b); err != nil {
			t.Fatal(err)
		}
		n += len(b)
		if time.Since(last) > time.Minute {
			t.Logf("  … %d stored", from+n)
			last = time.Now()
		}
	}
	return n
}

var scaleWords = []string{"government", "oil", "market", "election", "minister", "bank", "football", "film", "shares", "growth",
	"cocoa", "tariffs", "inflation", "strike", "police", "company", "music", "profit", "court", "talks"}

func measure(t *testing.T, s *Store, size int) {
	ctx := context.Background()
	type kind struct {
		name string
		q    func(i int) string
	}
	w := func(i int) string { return scaleWords[i%len(scaleWords)] }
	searches := []kind{
		{"word", func(i int) string { return w(i) }},
		{"two words", func(i int) string { return w(i) + " " + w(i+7) }},
		{"phrase", func(i int) string { return `"` + w(i) + " " + w(i+3) + `"` }},
		{"boolean", func(i int) string { return "(" + w(i) + " OR " + w(i+1) + ") NOT " + w(i+2) }},
		{"filter", func(i int) string { return "country:" + synthCountries[i%len(synthCountries)] }},
		{"word+filters", func(i int) string {
			return w(i) + " theme:" + synthThemes[i%len(synthThemes)] + " from:2025-0" + strconv.Itoa(1+i%9)
		}},
		{"event+actor", func(i int) string {
			return fmt.Sprintf("event:%02d actor:%s", 1+i%20, synthActors[i%len(synthActors)][:3])
		}},
		{"all (newest page)", func(int) string { return "" }},
	}
	var all []time.Duration
	var report []string
	if os.Getenv("NEWSGRAPH_SCALE_TIMELINE_ONLY") != "" {
		searches = nil
	}
	for _, k := range searches {
		var ds []time.Duration
		for i := 0; i < 12; i++ {
			q := k.q(i)
			start := time.Now()
			res, err := s.Search(ctx, store.Query{Text: q, Limit: 20})
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			ds = append(ds, time.Since(start))
			_ = res
		}
		all = append(all, ds...)
		report = append(report, fmt.Sprintf("%s %s", k.name, pct(ds)))
	}
	t.Logf("%d stories: search (page of 20 + total count) p50/p99 over %d queries: %s", size, len(all), pct(all))
	for _, r := range report {
		t.Logf("  %s", r)
	}
	if os.Getenv("NEWSGRAPH_SCALE_SEARCH_ONLY") != "" {
		return
	}
	var tl []time.Duration
	report = nil
	for _, c := range []struct{ name, q, by string }{
		{"all by day", "", ""}, {"word by day", "", ""}, {"all by theme", "", store.ByTheme},
		{"word by country", "", store.ByCountry}, {"filter by event", "", store.ByEvent},
	} {
		var ds []time.Duration
		for i := 0; i < 6; i++ {
			q := c.q
			switch c.name {
			case "word by day", "word by country":
				q = w(i)
			case "filter by event":
				q = "country:" + synthCountries[i%len(synthCountries)]
			}
			start := time.Now()
			if _, err := s.Timeline(ctx, store.TimelineQuery{Text: q, By: c.by}); err != nil {
				t.Fatal(err)
			}
			ds = append(ds, time.Since(start))
		}
		tl = append(tl, ds...)
		report = append(report, fmt.Sprintf("%s %s", c.name, pct(ds)))
	}
	t.Logf("%d stories: timeline p50/p99 over %d queries: %s", size, len(tl), pct(tl))
	for _, r := range report {
		t.Logf("  %s", r)
	}
	var fc []time.Duration
	for i := 0; i < 6; i++ {
		start := time.Now()
		if _, err := s.Search(ctx, store.Query{Text: w(i), Limit: 20, Facets: true}); err != nil {
			t.Fatal(err)
		}
		fc = append(fc, time.Since(start))
	}
	t.Logf("%d stories: search with facets p50/p99: %s", size, pct(fc))
}

func pct(ds []time.Duration) string {
	if len(ds) == 0 {
		return "-"
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	p := func(q float64) time.Duration {
		i := int(q*float64(len(s)-1) + 0.5)
		return s[i].Round(100 * time.Microsecond)
	}
	return fmt.Sprintf("p50 %v / p99 %v", p(0.5), p(0.99))
}

// replicate copies the first base stories factor-1 times with new ids and
// dates shifted by k×37 days, annotations, mentions and (by the store's
// catch-up) the full-text index included, in SQL (the per-article Go path is too slow to reach 1M on a
// shared 2-core machine within a session). Aggregates are rebuilt after.
func replicate(t *testing.T, s *Store, base, factor int) {
	ctx := context.Background()
	for k := 1; k < factor; k++ {
		off, shift, suffix := k*base, k*37*86400, fmt.Sprintf("-r%d", k)
		tx, err := s.w.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := sqlitetest.CopyStories(ctx, tx, off, base, suffix, shift); err != nil {
			t.Fatalf("replicate copy %d: %v", k, err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
		t.Logf("  … copy %d of %d done", k, factor-1)
	}
	if err := sqlitetest.RebuildAggregates(ctx, s.w); err != nil {
		t.Fatal(err)
	}
	if err := s.catchUp(ctx); err != nil {
		t.Fatal(err)
	}
}
