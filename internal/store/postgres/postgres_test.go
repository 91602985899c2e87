package postgres_test

import (
	"context"
	"testing"

	"newsgraph/internal/store"
	"newsgraph/internal/store/postgres"
	"newsgraph/internal/store/postgres/pgtest"
	"newsgraph/internal/store/storetest"
)

func openB(b *testing.B) *postgres.Store {
	b.Helper()
	s, err := postgres.Open(context.Background(), pgtest.URL(b))
	if err != nil {
		b.Fatal(err)
	}
	return s
}

func open(t *testing.T) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The same conformance suite as the SQLite store, against a real server.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return open(t) })
}

func TestMigrateTwice(t *testing.T) {
	u := pgtest.URL(t)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		s, err := postgres.Open(ctx, u)
		if err != nil {
			t.Fatal(err)
		}
		if v, err := s.SchemaVersion(ctx); err != nil || v != 3 {
			t.Errorf("schema version = %d, %v", v, err)
		}
		s.Close()
	}
}
