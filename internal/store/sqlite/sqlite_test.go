package sqlite

import (
	"context"
	"path/filepath"
	"testing"

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
