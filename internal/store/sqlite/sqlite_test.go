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
