package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"

	"modernc.org/sqlite"
)

// The full-text index lives in a file of its own, next to the database
// (path + ".fts"), written by a connection of its own. Tokenising, stemming
// and merging the index is over half of what storing an article costs, and
// SQLite writes one file at a time: with the index in another file, a batch's
// index is built on the second core while its stories, mentions and
// annotations are written on the first, and committed while the next batch
// starts (BenchmarkPutBatch on two free cores: ~1.4x the articles per
// second of the single file; a little more CPU per article).
//
// The index is derived data. A batch's index transaction commits only after
// the batch's stories committed, so after a crash the index can only lack
// stories; Open (and an index write that failed) indexes every story it
// lacks. A missing or foreign index file is rebuilt from the stories, so
// copying the database file alone loses nothing. Readers attach the index
// file as schema "fts"; SQLite resolves the unqualified name articles_fts
// there, so queries do not name the schema.

// ftsSuffix names the index file after the database file.
const ftsSuffix = ".fts"

const ftsSchema = `CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
	title, text,
	content='',
	tokenize='porter unicode61 remove_diacritics 2'
)`

const ftsAutomerge = `INSERT INTO articles_fts(articles_fts, rank) VALUES('automerge', 8)`

// ftsHashSize is how much of a transaction's new terms FTS5 keeps in
// memory before writing them as a segment. At the default 1 MB a batch
// of 5,000 stories was written as a dozen small segments mid-statement,
// whose merges were a fifth of the index's work; 32 MB holds a batch.
const ftsHashSize = `INSERT INTO articles_fts(articles_fts, rank) VALUES('hashsize', 33554432)`

// openIndex opens the writer of the index file at path, creating the
// contentless FTS5 table on first use. Bulk loads merge segments less
// eagerly than the default (automerge 8, not 4): fewer merge passes per
// insert, a few more segments per query.
func openIndex(ctx context.Context, path, pragmas string) (*sql.DB, error) {
	fw, err := sql.Open("sqlite", dsnOf(path)+pragmas+"&_pragma=journal_mode(WAL)&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	fw.SetMaxOpenConns(1)
	fw.SetConnMaxIdleTime(0)
	var have int
	if err := fw.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = 'articles_fts'`).Scan(&have); err != nil {
		fw.Close()
		return nil, err
	}
	if have == 0 {
		for _, q := range []string{ftsSchema, ftsAutomerge, ftsHashSize} {
			if _, err := fw.ExecContext(ctx, q); err != nil {
				fw.Close()
				return nil, err
			}
		}
	}
	return fw, nil
}

// attachConnector opens reader connections with the index file attached
// as schema "fts".
type attachConnector struct {
	drv *sqlite.Driver
	dsn string
}

func newAttachConnector(dsn, ftsPath string) attachConnector {
	drv := &sqlite.Driver{}
	drv.RegisterConnectionHook(func(c sqlite.ExecQuerierContext, _ string) error {
		_, err := c.ExecContext(context.Background(), `ATTACH DATABASE ? AS fts`, []driver.NamedValue{{Ordinal: 1, Value: ftsPath}})
		return err
	})
	return attachConnector{drv: drv, dsn: dsn}
}

func (c attachConnector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c attachConnector) Driver() driver.Driver                        { return c.drv }

// pendingIndex is a batch's index transaction, running on the index
// writer while the batch's stories are written, and committed by its own
// goroutine once the caller says the stories are (resolve).
type pendingIndex struct {
	begun    chan struct{} // closed when the transaction began, or failed to
	beginErr error         // set before begun is closed
	stored   chan bool     // the caller's word: were the stories committed?
	done     chan struct{} // closed when the index committed or gave up
}

// startIndex indexes rows (rowid, title, text triples; nil: none) in a
// transaction of the index writer, in the background.
//
// The caller commits the stories once the index transaction has begun
// (started), so the index write lock is held from before the stories
// commit until the index commits: a catch-up in another process, which
// indexes committed stories under that lock, cannot index them too, and
// index transactions commit in the order of their stories' commits. The
// caller does not wait for the index to commit: the next batch's look-ups
// and rows are written meanwhile. This Store's searches wait for it
// (awaitIndex); other processes find the text a moment later. A failed
// index write is repaired by catch-up, here or at the next Open.
func (s *Store) startIndex(ctx context.Context, rows *bulk) *pendingIndex {
	p := &pendingIndex{begun: make(chan struct{}), stored: make(chan bool, 1), done: make(chan struct{})}
	if rows == nil || len(rows.args) == 0 {
		close(p.begun)
		close(p.done)
		return p
	}
	s.ixMu.Lock()
	s.inflight[p] = struct{}{}
	s.ixMu.Unlock()
	ctx = context.WithoutCancel(ctx) // it outlives the caller's request
	go func() {
		err := s.index(ctx, p, rows.args)
		s.ixMu.Lock()
		delete(s.inflight, p)
		if err != nil {
			s.ixErr = err
		}
		s.ixMu.Unlock()
		close(p.done)
	}()
	return p
}

// index is startIndex's goroutine: it writes the rows, waits for the
// caller's word, and commits, or rolls back, or repairs.
func (s *Store) index(ctx context.Context, p *pendingIndex, args []any) error {
	tx, err := s.fw.BeginTx(ctx, nil)
	p.beginErr = err
	close(p.begun)
	if err != nil {
		<-p.stored
		return nil // the caller fails the batch
	}
	err = insertText(ctx, tx, args)
	if err == nil {
		// FTS5 keeps new terms in memory until the commit. Setting a
		// configuration value (to the value it has) writes them now, while
		// the caller's core still writes the stories.
		_, err = tx.ExecContext(ctx, ftsAutomerge)
	}
	if !<-p.stored {
		tx.Rollback()
		return nil
	}
	if err == nil {
		err = tx.Commit()
	} else {
		tx.Rollback()
	}
	if err != nil {
		// The stories are stored: index them from the stored rows.
		if cerr := s.catchUp(ctx); cerr != nil {
			return fmt.Errorf("stories %v..%v stored but not indexed for search until the store is opened again: %w",
				args[0], args[len(args)-3], errors.Join(err, cerr))
		}
	}
	return nil
}

// maxTextRows bounds the rows of one index INSERT (3 placeholders each,
// under SQLite's 32,766).
const maxTextRows = 10000

// insertText inserts index rows in as few statements as it can: FTS5
// flushes its in-memory terms into a new segment at every statement's
// savepoint, so the power-of-two statements of bulk (six for 1,000 rows)
// meant six small segments and the merges they trigger, per batch. A
// statement of this exact shape is parsed once per batch (~1 ms).
func insertText(ctx context.Context, tx *sql.Tx, args []any) error {
	for off := 0; off < len(args); off += 3 * maxTextRows {
		chunk := args[off:min(off+3*maxTextRows, len(args))]
		q := `INSERT INTO articles_fts(rowid, title, text) VALUES (?,?,?)` + strings.Repeat(",(?,?,?)", len(chunk)/3-1)
		if _, err := tx.ExecContext(ctx, q, chunk...); err != nil {
			return err
		}
	}
	return nil
}

// started waits until the index transaction has begun (or failed to).
func (p *pendingIndex) started() error {
	<-p.begun
	return p.beginErr
}

// resolve tells the index whether the stories were committed: it commits
// then, or rolls back.
func (p *pendingIndex) resolve(stored bool) {
	select {
	case p.stored <- stored:
	default: // nothing to index, or already told
	}
}

// awaitIndex waits for the index transactions in flight, so a search
// finds what this Store has stored.
func (s *Store) awaitIndex() {
	s.ixMu.Lock()
	ps := make([]*pendingIndex, 0, len(s.inflight))
	for p := range s.inflight {
		ps = append(ps, p)
	}
	s.ixMu.Unlock()
	for _, p := range ps {
		<-p.done
	}
}

// ftsRows is the bulk insert of index rows.
func ftsRows() bulk {
	return bulk{head: `INSERT INTO articles_fts(rowid, title, text)`, cols: 3}
}

// catchUp indexes the stories the index lacks, 1,000 per transaction:
// first those above its highest rowid (a crash between a batch's two
// commits, stories copied in SQL, a new index file), then, when the counts
// still differ, any story below it (a batch whose index write failed while
// a later batch's committed). Each step reads what is missing under the
// index write lock, so a batch committing meanwhile is indexed once. An
// index reaching past the newest story belongs to another state of the
// database (a restored copy, say) and is rebuilt. When index and stories
// agree, as at almost every Open, it takes no lock: one read says so.
func (s *Store) catchUp(ctx context.Context) error {
	var top, done, stories, indexed int64
	if err := s.r.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(rowid), 0) FROM main.articles),
		(SELECT coalesce(max(id), 0) FROM fts.articles_fts_docsize),
		(SELECT count(*) FROM main.articles), (SELECT count(*) FROM fts.articles_fts_docsize)`).Scan(&top, &done, &stories, &indexed); err != nil {
		return fmt.Errorf("index catch-up: %w", err)
	}
	if top == done && stories == indexed {
		return nil
	}
	for _, step := range []func(context.Context) (bool, error){s.catchUpStep, s.fillGapStep} {
		for {
			more, err := step(ctx)
			if err != nil {
				return fmt.Errorf("index catch-up: %w", err)
			}
			if !more {
				break
			}
		}
	}
	return nil
}

// fillGapStep indexes up to 1,000 stories below the index's highest rowid
// that it lacks; it looks only when the index has fewer rows than there
// are stories (two counts of narrow b-trees: ~10 ms per 100k stories).
func (s *Store) fillGapStep(ctx context.Context) (more bool, err error) {
	tx, err := s.fw.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var stories, indexed int64
	if err := s.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM main.articles), (SELECT count(*) FROM fts.articles_fts_docsize)`).Scan(&stories, &indexed); err != nil {
		return false, err
	}
	if indexed >= stories {
		return false, tx.Commit()
	}
	b, err := s.storyText(ctx, `SELECT a.rowid, a.title, a.text FROM main.articles a
		WHERE NOT EXISTS (SELECT 1 FROM fts.articles_fts_docsize d WHERE d.id = a.rowid) ORDER BY a.rowid LIMIT 1000`)
	if err != nil {
		return false, err
	}
	if err := insertText(ctx, tx, b.args); err != nil {
		return false, err
	}
	return len(b.args) > 0, tx.Commit()
}

// storyText reads (rowid, title, text) rows for the index.
func (s *Store) storyText(ctx context.Context, q string, args ...any) (bulk, error) {
	b := ftsRows()
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return b, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			id          int64
			title, text string
		)
		if err := rows.Scan(&id, &title, &text); err != nil {
			return b, err
		}
		b.add(id, title, text)
	}
	return b, rows.Err()
}

func (s *Store) catchUpStep(ctx context.Context) (more bool, err error) {
	tx, err := s.fw.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var done, top int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM articles_fts_docsize`).Scan(&done); err != nil {
		return false, err
	}
	if err := s.r.QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0) FROM main.articles`).Scan(&top); err != nil {
		return false, err
	}
	if done > top {
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts(articles_fts) VALUES('delete-all')`); err != nil {
			return false, fmt.Errorf("rebuild: %w", err)
		}
		done = 0
	}
	if done == top {
		return false, tx.Commit()
	}
	b, err := s.storyText(ctx, `SELECT rowid, title, text FROM main.articles WHERE rowid > ? ORDER BY rowid LIMIT 1000`, done)
	if err != nil {
		return false, err
	}
	if err := insertText(ctx, tx, b.args); err != nil {
		return false, err
	}
	return len(b.args) > 0, tx.Commit()
}
