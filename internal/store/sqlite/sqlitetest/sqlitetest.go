// Package sqlitetest copies stories inside a SQLite store in SQL, for the
// scale tests (internal/store/sqlite's and the UI's in cmd/newsgraph): the
// per-article Go path is too slow to reach 1M stories on a shared 2-core
// machine within a session. The statements follow the store's schema
// (internal/store/sqlite/migrations) and change with it.
package sqlitetest

import (
	"context"
	"database/sql"
	"fmt"
)

// copyStories copies stories 1..?4 to rowid + ?1, with ?2 appended to ids
// and URLs and dates shifted by ?3 seconds. (?2 and ?3 appear in every
// statement so that all take the same four arguments.)
var copyStories = []string{
	`INSERT INTO articles(rowid, id, url, source, title, text, published, day, lang, hash, simhash, focus_country, tone, mentions, ann)
			SELECT rowid + ?1, id || ?2, url || ?2, source, title, text, published + ?3, date(published + ?3, 'unixepoch'), lang, hash, simhash,
			focus_country, tone, 1, ann FROM articles WHERE rowid <= ?4`,
	`INSERT INTO mentions(id, doc, url, source, source_norm, host, title, published, origin, distance)
			SELECT id || ?2, doc + ?1, url || ?2, source, source_norm, host, title, published + ?3, origin, distance FROM mentions WHERE doc <= ?4`,
	`INSERT INTO themes(doc, theme, score) SELECT doc + ?1, theme, score FROM themes WHERE doc <= ?4 AND ?2 <> '' AND ?3 >= 0`,
	`INSERT INTO places(doc, idx, name, name_norm, kind, geonameid, lat, lon, country, admin1, confidence)
			SELECT doc + ?1, idx, name, name_norm, kind, geonameid, lat, lon, country, admin1, confidence FROM places WHERE doc <= ?4 AND ?2 <> '' AND ?3 >= 0`,
	`INSERT INTO events(doc, idx, code, base_code, root_code, plover, src_actor, tgt_actor, src_text, tgt_text, goldstein, quad_class, status, day)
			SELECT doc + ?1, idx, code, base_code, root_code, plover, src_actor, tgt_actor, src_text, tgt_text, goldstein, quad_class, status,
			date(unixepoch(day) + ?3, 'unixepoch') FROM events WHERE doc <= ?4 AND ?2 <> ''`,
	`INSERT INTO entities(doc, ent, type, name, name_norm, role, country, actor, n)
			SELECT doc + ?1, ent, type, name, name_norm, role, country, actor, n FROM entities WHERE doc <= ?4 AND ?2 <> '' AND ?3 >= 0`,
}

// rebuildAggregates recomputes the daily counts and entity statistics,
// which PutBatch keeps and SQL copies do not (the network and place tables
// are kept by triggers).
var rebuildAggregates = []string{
	`DELETE FROM daily`,
	`INSERT INTO daily(dim, key, day, n) SELECT '', '', day, count(*) FROM articles WHERE day IS NOT NULL GROUP BY day`,
	`INSERT INTO daily(dim, key, day, n) SELECT 'theme', t.theme, a.day, count(*) FROM themes t JOIN articles a ON a.rowid = t.doc
		WHERE a.day IS NOT NULL GROUP BY t.theme, a.day`,
	`INSERT INTO daily(dim, key, day, n) SELECT 'country', x.country, x.day, count(*) FROM (SELECT DISTINCT p.country, a.day, a.rowid
		FROM places p JOIN articles a ON a.rowid = p.doc WHERE a.day IS NOT NULL AND p.country <> '') x GROUP BY x.country, x.day`,
	`INSERT INTO daily(dim, key, day, n) SELECT 'event', x.root_code, x.day, count(*) FROM (SELECT DISTINCT e.root_code, a.day, a.rowid
		FROM events e JOIN articles a ON a.rowid = e.doc WHERE a.day IS NOT NULL AND e.root_code <> '') x GROUP BY x.root_code, x.day`,
	`UPDATE entity_stats SET articles = (SELECT count(*) FROM entities e WHERE e.ent = entity_stats.ent)`,
	`PRAGMA optimize`,
}

// Execer is a *sql.DB, *sql.Conn or *sql.Tx.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// CopyStories inserts a copy of the stories with rowids 1..n at rowid+off,
// ids and URLs suffixed, dates shifted by shift seconds, annotations and
// mentions included. The full-text index lives in another file, which the
// store brings up to date when it is next opened. The stories' rowids must
// be contiguous from 1. Run it in a transaction.
func CopyStories(ctx context.Context, db Execer, off, n int, suffix string, shift int) error {
	for _, q := range copyStories {
		if _, err := db.ExecContext(ctx, q, off, suffix, shift, n); err != nil {
			return fmt.Errorf("copy stories: %w\n%s", err, q)
		}
	}
	return nil
}

// RebuildAggregates recomputes the aggregates after CopyStories.
func RebuildAggregates(ctx context.Context, db Execer) error {
	for _, q := range rebuildAggregates {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("rebuild aggregates: %w\n%s", err, q)
		}
	}
	return nil
}
