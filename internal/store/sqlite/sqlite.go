// Package sqlite is newsgraph's embedded store: one SQLite file through
// the pure-Go modernc.org/sqlite driver (nothing to install), WAL mode so
// readers never block the writer, an FTS5 index over title and text in a
// file of its own next to it (see index.go), and versioned migrations
// embedded in the binary.
//
// Durability: every PutBatch is one IMMEDIATE transaction and article ids
// are primary keys checked before insert, so a process killed at any moment
// leaves whole batches or nothing, and a rerun skips what is stored; the
// full-text index, derived from the stories, catches up on the next Open.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // driver "sqlite"; index.go uses the package

	"newsgraph/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is the SQLite backend.
type Store struct {
	w     *sql.DB // the one writer connection
	fw    *sql.DB // the full-text index's writer connection
	r     *sql.DB // readers, with the index attached
	path  string
	stmts stmtCache // the writer's prepared statements

	ixMu     sync.Mutex
	inflight map[*pendingIndex]struct{} // index transactions not yet committed
	ixErr    error                      // an index write catch-up could not repair
}

var (
	_ store.Store     = (*Store)(nil)
	_ store.FeedStore = (*Store)(nil)
)

// Options tune Open.
type Options struct {
	// Readers is the size of the read connection pool (default: cores, ≥ 2).
	Readers int
}

// Open opens (creating if needed) the database at path and migrates it to
// the newest schema. ":memory:" is not supported (readers and writer need
// one shared file); use a temporary file.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if path == "" {
		return nil, fmt.Errorf("open sqlite store: empty path")
	}
	pragmas := "_pragma=busy_timeout(30000)&_pragma=foreign_keys(OFF)&_pragma=synchronous(NORMAL)" +
		"&_pragma=cache_size(-65536)&_pragma=temp_store(MEMORY)&_pragma=mmap_size(268435456)"
	dsn := dsnOf(path)
	w, err := sql.Open("sqlite", dsn+pragmas+"&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("open sqlite store %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite store %s: %w", path, err)
	}
	s := &Store{w: w, path: path, inflight: map[*pendingIndex]struct{}{}}
	s.stmts.db = w
	if err := s.migrate(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("migrate sqlite store %s: %w", path, err)
	}
	fw, err := openIndex(ctx, path+ftsSuffix, pragmas)
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open sqlite store %s: full-text index: %w", path, err)
	}
	s.fw = fw
	r := sql.OpenDB(newAttachConnector(dsn+pragmas+"&_pragma=query_only(1)", path+ftsSuffix))
	n := opt.Readers
	if n <= 0 {
		n = max(runtime.NumCPU(), 2)
	}
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	s.r = r
	if err := s.catchUp(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("open sqlite store %s: %w", path, err)
	}
	return s, nil
}

// dsnOf is the driver's name for the file at path, ready for parameters.
func dsnOf(path string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?"
}

// Close waits for the index to commit and closes the database. It reports
// an index write that catch-up could not repair: those stories are stored
// but not found by search until the store is opened again.
func (s *Store) Close() error {
	s.awaitIndex()
	s.stmts.close()
	s.ixMu.Lock()
	err := s.ixErr
	s.ixMu.Unlock()
	if e := s.r.Close(); err == nil {
		err = e
	}
	for _, db := range []*sql.DB{s.fw, s.w} {
		if e := db.Close(); err == nil {
			err = e
		}
	}
	return err
}

// migrate applies every embedded migration newer than the database's
// schema version, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.w.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied INTEGER NOT NULL)`); err != nil {
		return err
	}
	var cur int
	if err := s.w.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&cur); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		v, err := strconv.Atoi(strings.SplitN(path.Base(name), "_", 2)[0])
		if err != nil {
			return fmt.Errorf("migration %s: name must start with a number", name)
		}
		if v <= cur {
			continue
		}
		b, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := s.w.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		// Another process may have migrated meanwhile: re-check under the lock.
		var done int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, v).Scan(&done); err != nil {
			tx.Rollback()
			return err
		}
		if done > 0 {
			tx.Rollback()
			continue
		}
		if _, err := tx.ExecContext(ctx, string(b)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations(version, applied) VALUES(?, ?)`, v, time.Now().Unix()); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migration %s: %w", name, err)
		}
	}
	return nil
}

// SchemaVersion reports the newest applied migration.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.r.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

func notFound(what, id string) error {
	return fmt.Errorf("%s %q: %w", what, id, store.ErrNotFound)
}

func unix(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Unix()
}

func fromUnix(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.Unix(v.Int64, 0).UTC()
}

func isNotFound(err error) bool { return errors.Is(err, sql.ErrNoRows) }

// Check verifies the database file, the full-text index and the
// aggregates against the articles and annotation tables (used after crash
// tests; cheap enough for an admin command).
func (s *Store) Check(ctx context.Context) error {
	s.awaitIndex()
	var res string
	if err := s.r.QueryRowContext(ctx, `PRAGMA quick_check`).Scan(&res); err != nil {
		return fmt.Errorf("check: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("check: database: %s", res)
	}
	if _, err := s.fw.ExecContext(ctx, `INSERT INTO articles_fts(articles_fts, rank) VALUES('integrity-check', 0)`); err != nil {
		return fmt.Errorf("check: full-text index: %w", err)
	}
	var unindexed, foreign int
	if err := s.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM main.articles a WHERE NOT EXISTS (SELECT 1 FROM fts.articles_fts_docsize d WHERE d.id = a.rowid)),
		(SELECT count(*) FROM fts.articles_fts_docsize d WHERE NOT EXISTS (SELECT 1 FROM main.articles a WHERE a.rowid = d.id))`).Scan(&unindexed, &foreign); err != nil {
		return fmt.Errorf("check: full-text index: %w", err)
	}
	if unindexed > 0 || foreign > 0 {
		return fmt.Errorf("check: full-text index: %d stories not indexed, %d index rows without a story", unindexed, foreign)
	}
	var orphans int
	if err := s.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.rowid = m.doc))
		+ (SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.id = a.id))`).Scan(&orphans); err != nil {
		return fmt.Errorf("check: %w", err)
	}
	if orphans > 0 {
		return fmt.Errorf("check: %d mentions or stories without their counterpart", orphans)
	}
	// The trigger-kept aggregates must add up to the rows they summarise.
	var pairs, events, placeDocs, placeRows int
	if err := s.r.QueryRowContext(ctx, `SELECT (SELECT coalesce(sum(n), 0) FROM actor_pairs),
		(SELECT count(*) FROM events WHERE src_actor <> '' AND tgt_actor <> '' AND src_actor <> tgt_actor),
		(SELECT coalesce(sum(docs), 0) FROM place_stats),
		(SELECT count(*) FROM (SELECT DISTINCT doc, geonameid, CASE WHEN geonameid = 0 THEN name_norm ELSE '' END FROM places))`).
		Scan(&pairs, &events, &placeDocs, &placeRows); err != nil {
		return fmt.Errorf("check: %w", err)
	}
	if pairs != events || placeDocs != placeRows {
		return fmt.Errorf("check: aggregates out of step: actor_pairs %d vs %d events, place_stats %d vs %d story-places", pairs, events, placeDocs, placeRows)
	}
	return nil
}
