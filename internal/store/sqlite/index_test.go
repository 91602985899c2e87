package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"newsgraph/internal/store"
	"newsgraph/internal/store/storetest"
)

// TestIndexRecovers damages the full-text index file the ways a crash, a
// copy or a restore can, reopens the store, and expects every story found
// by its words again and Check to pass.
func TestIndexRecovers(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, path, firstBatch string)
	}{
		{"file lost", func(t *testing.T, path, _ string) {
			for _, suf := range []string{"", "-wal", "-shm"} {
				if err := os.Remove(path + ftsSuffix + suf); err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
			}
		}},
		{"newest batch not indexed", func(t *testing.T, path, firstBatch string) {
			// What a kill between the second batch's two commits leaves.
			b, err := os.ReadFile(firstBatch)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path+ftsSuffix, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
		{"a story below the newest not indexed", func(t *testing.T, path, _ string) {
			// What a batch whose index write failed twice leaves while a
			// later batch's committed: a gap below the index's newest row.
			a := storetest.Fixture()[1] // stored second: rowid 2 of 3
			db := openIndexFile(t, path)
			defer db.Close()
			if _, err := db.Exec(`INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES('delete', 2, ?, ?)`, a.Title, a.Text); err != nil {
				t.Fatal(err)
			}
		}},
		{"index of another database", func(t *testing.T, path, _ string) {
			execIndex(t, path, `INSERT INTO articles_fts(rowid, title, text) VALUES(99, 'stale', 'a story this database never had')`)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "ix.db")
			s, err := Open(ctx, path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			fix := storetest.Fixture()
			if _, err := s.PutBatch(ctx, fix[:1]); err != nil {
				t.Fatal(err)
			}
			s.Close() // checkpoints the index into its file
			firstBatch := filepath.Join(t.TempDir(), "first.fts")
			b, err := os.ReadFile(path + ftsSuffix)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(firstBatch, b, 0o644); err != nil {
				t.Fatal(err)
			}
			if s, err = Open(ctx, path, Options{}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.PutBatch(ctx, fix[1:]); err != nil {
				t.Fatal(err)
			}
			before := searchIDs(t, s, "Paris OR Rubio OR stale")
			if len(before) < 2 {
				t.Fatalf("found %v before damage, want both batches", before)
			}
			s.Close()
			tc.damage(t, path, firstBatch)
			s, err = Open(ctx, path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.Check(ctx); err != nil {
				t.Error(err)
			}
			after := searchIDs(t, s, "Paris OR Rubio OR stale")
			if len(after) != len(before) {
				t.Errorf("found %v after reopening, want %v", after, before)
			}
		})
	}
}

// openIndexFile opens the index file as another program would.
func openIndexFile(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+ftsSuffix)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// execIndex runs statements on the index file, as another program would.
func execIndex(t *testing.T, path string, qs ...string) {
	t.Helper()
	db := openIndexFile(t, path)
	defer db.Close()
	for _, q := range qs {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func searchIDs(t *testing.T, s *Store, q string) []string {
	t.Helper()
	res, err := s.Search(context.Background(), store.Query{Text: q, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}
