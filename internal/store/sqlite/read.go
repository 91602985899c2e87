package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"newsgraph/internal/doc"
	"newsgraph/internal/query"
	"newsgraph/internal/store"
)

// facetScan caps how many matching stories facets are counted over, so a
// query matching a million stories still answers in interactive time.
const facetScan = 5000

// dateScan is the number of full-text matches above which a date-ordered
// page walks the date index rather than sorting every match.
const dateScan = 2000

// sel is the FROM and WHERE of "stories matching a query" (alias a).
type sel struct {
	from, where string
	args        []any
	fts         bool
	ftsOnly     bool // the whole query is the FTS expression (args = [expr])
}

// match compiles a query text (and optional id restriction) to a sel.
func match(text string, ids []string) (sel, error) { return matchMode(text, ids, false) }

// matchMode is match with filters as EXISTS probes when probe is set.
func matchMode(text string, ids []string, probe bool) (sel, error) {
	n, err := query.Parse(text)
	if err != nil {
		return sel{}, err
	}
	w, err := compileMode(n, probe)
	if err != nil {
		return sel{}, err
	}
	s := sel{from: "articles a"}
	var conds []string
	if w.fts != "" {
		s.fts = true
		s.from = "articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
		conds = append(conds, "articles_fts MATCH ?")
		s.args = append(s.args, w.fts)
	}
	if w.sql != "" {
		conds = append(conds, w.sql)
		s.args = append(s.args, w.args...)
	}
	if len(ids) > 0 {
		b, _ := json.Marshal(ids)
		conds = append(conds, "a.rowid IN (SELECT doc FROM mentions WHERE id IN (SELECT value FROM json_each(?)))")
		s.args = append(s.args, string(b))
	}
	s.ftsOnly = s.fts && len(conds) == 1
	s.where = "1"
	if len(conds) > 0 {
		s.where = strings.Join(conds, " AND ")
	}
	return s, nil
}

// datesFrom is from for a query that reads only the stories' rowid and
// dates: when the full-text match is the whole query, the stories are
// read through the narrow articles_dates index instead of their rows
// (text and annotation JSON: at 1M stories, grouping a common word's
// matches by day read gigabytes).
func (s sel) datesFrom() string {
	if s.ftsOnly {
		return "articles_fts JOIN articles a INDEXED BY articles_dates ON a.rowid = articles_fts.rowid"
	}
	return s.from
}

// docs is a subquery selecting the matching stories' rowids.
func (s sel) docs() string { return "SELECT a.rowid FROM " + s.from + " WHERE " + s.where }

func orderBy(o store.Order, fts bool) (string, error) {
	switch o {
	case "", store.Newest:
		return "a.published DESC, a.rowid DESC", nil
	case store.Oldest:
		return "a.published ASC, a.rowid ASC", nil
	case store.Relevance:
		if fts {
			return "bm25(articles_fts, 3.0, 1.0), a.rowid DESC", nil
		}
		return "a.published DESC, a.rowid DESC", nil
	}
	return "", fmt.Errorf("%w: order %q: want newest, oldest or relevance", store.ErrInvalid, o)
}

// Has reports which ids are stored.
func (s *Store) Has(ctx context.Context, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	b, _ := json.Marshal(ids)
	rows, err := s.r.QueryContext(ctx, `SELECT id FROM mentions WHERE id IN (SELECT value FROM json_each(?))`, string(b))
	if err != nil {
		return nil, fmt.Errorf("has: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

func decodeArticle(text string, ann []byte) (*doc.Article, error) {
	a := &doc.Article{}
	if len(ann) > 0 {
		if err := json.Unmarshal(ann, a); err != nil {
			return nil, fmt.Errorf("decode stored article: %w", err)
		}
	}
	a.Text = text
	return a, nil
}

// Get returns a stored article by id (a mention id resolves to its story).
func (s *Store) Get(ctx context.Context, id string) (*store.Record, error) {
	var (
		docID int64
		rec   = &store.Record{ID: id}
		text  string
		ann   []byte
	)
	err := s.r.QueryRowContext(ctx, `SELECT m.doc, a.id, a.text, a.ann FROM mentions m JOIN articles a ON a.rowid = m.doc WHERE m.id = ?`, id).
		Scan(&docID, &rec.Story, &text, &ann)
	if isNotFound(err) {
		return nil, notFound("article", id)
	}
	if err != nil {
		return nil, fmt.Errorf("get %q: %w", id, err)
	}
	if rec.Article, err = decodeArticle(text, ann); err != nil {
		return nil, fmt.Errorf("get %q: %w", id, err)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT id, url, source, title, published, origin, distance FROM mentions WHERE doc = ?
		ORDER BY id <> ?, published, id`, docID, rec.Story)
	if err != nil {
		return nil, fmt.Errorf("get %q mentions: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		m := store.MentionInfo{Story: rec.Story}
		var pub sql.NullInt64
		if err := rows.Scan(&m.ID, &m.URL, &m.Source, &m.Title, &pub, &m.Origin, &m.Distance); err != nil {
			return nil, err
		}
		m.Published = fromUnix(pub)
		rec.Mentions = append(rec.Mentions, m)
	}
	return rec, rows.Err()
}

// Search returns one page of matching stories.
func (s *Store) Search(ctx context.Context, q store.Query) (*store.SearchResult, error) {
	s.awaitIndex()
	m, err := match(q.Text, q.IDs)
	if err != nil {
		return nil, err
	}
	order, err := orderBy(q.Order, m.fts)
	if err != nil {
		return nil, err
	}
	limit, offset := store.Page(q.Limit, q.Offset, store.DefaultLimit)
	res := &store.SearchResult{Hits: []store.Hit{}}
	count := "SELECT count(*) FROM " + m.from + " WHERE " + m.where
	if m.ftsOnly {
		count = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?" // no row lookups
	}
	if err := s.r.QueryRowContext(ctx, count, m.args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("search count: %w", err)
	}
	score := "0.0"
	from, where, args := m.from, m.where, m.args
	switch {
	case m.fts && q.Order == store.Relevance:
		score = "-bm25(articles_fts, 3.0, 1.0)"
	case res.Total > dateScan && where != "1":
		// Many matches in date order: walk the date index and test each
		// story (full text against the match set, filters by EXISTS
		// probes) instead of materialising and sorting every match.
		// Expected cost ~ limit × stories/Total.
		p, err := matchMode(q.Text, q.IDs, true)
		if err != nil {
			return nil, err
		}
		from, args = "articles a INDEXED BY articles_published", p.args
		where = strings.Replace(p.where, "articles_fts MATCH ?", "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", 1)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT a.id, a.title, a.url, a.source, a.published, a.lang, substr(a.text, 1, 280), a.mentions, a.tone, `+score+
		` FROM `+from+` WHERE `+where+` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(append([]any{}, args...), limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			h    store.Hit
			pub  sql.NullInt64
			tone sql.NullFloat64
		)
		if err := rows.Scan(&h.ID, &h.Title, &h.URL, &h.Source, &pub, &h.Lang, &h.Snippet, &h.Mentions, &tone, &h.Score); err != nil {
			return nil, err
		}
		h.Published = fromUnix(pub)
		if tone.Valid {
			t := tone.Float64
			h.Tone = &t
		}
		res.Hits = append(res.Hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if q.Facets {
		if res.Facets, err = s.facets(ctx, m, q.FacetLimit); err != nil {
			return nil, err
		}
		if res.Total > facetScan {
			res.FacetSample = facetScan
		}
	}
	return res, nil
}

func (s *Store) facets(ctx context.Context, m sel, limit int) (map[string][]store.Facet, error) {
	if limit <= 0 {
		limit = 10
	}
	limit = min(limit, 100)
	cte := fmt.Sprintf("WITH m(doc) AS (SELECT a.rowid FROM %s WHERE %s LIMIT %d) ", m.from, m.where, facetScan)
	if m.where == "1" {
		// Everything matches: sample the newest stories, as the results
		// page beside the facets shows (a bare LIMIT took whichever index
		// the planner chose to scan: the published one, oldest first).
		cte = fmt.Sprintf("WITH m(doc) AS (SELECT a.rowid FROM articles a ORDER BY a.published DESC, a.rowid DESC LIMIT %d) ", facetScan)
	}
	queries := map[string]string{
		"source":  `SELECT max(x.source), count(DISTINCT x.doc) FROM m JOIN mentions x ON x.doc = m.doc WHERE x.source_norm <> '' GROUP BY x.source_norm`,
		"theme":   `SELECT x.theme, count(*) FROM m JOIN themes x ON x.doc = m.doc GROUP BY x.theme`,
		"country": `SELECT x.country, count(DISTINCT x.doc) FROM m JOIN places x ON x.doc = m.doc WHERE x.country <> '' GROUP BY x.country`,
		"event":   `SELECT x.root_code, count(DISTINCT x.doc) FROM m JOIN events x ON x.doc = m.doc WHERE x.root_code <> '' GROUP BY x.root_code`,
		"actor": `SELECT actor, count(DISTINCT doc) FROM (SELECT x.doc, x.src_actor AS actor FROM m JOIN events x ON x.doc = m.doc
			UNION SELECT x.doc, x.tgt_actor FROM m JOIN events x ON x.doc = m.doc) WHERE actor <> '' GROUP BY actor`,
	}
	out := map[string][]store.Facet{}
	for name, q := range queries {
		rows, err := s.r.QueryContext(ctx, cte+q+" ORDER BY 2 DESC, 1 LIMIT ?", append(append([]any{}, m.args...), limit)...)
		if err != nil {
			return nil, fmt.Errorf("facet %s: %w", name, err)
		}
		fs := []store.Facet{}
		for rows.Next() {
			var f store.Facet
			if err := rows.Scan(&f.Value, &f.Count); err != nil {
				rows.Close()
				return nil, err
			}
			fs = append(fs, f)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("facet %s: %w", name, err)
		}
		out[name] = fs
	}
	return out, nil
}

// Articles streams the full stored articles matching q.
func (s *Store) Articles(ctx context.Context, q store.Query, fn func(*doc.Article) error) error {
	s.awaitIndex()
	m, err := match(q.Text, q.IDs)
	if err != nil {
		return err
	}
	order, err := orderBy(q.Order, m.fts)
	if err != nil {
		return err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = -1 // SQLite: no limit
	}
	rows, err := s.r.QueryContext(ctx, `SELECT a.text, a.ann FROM `+m.from+` WHERE `+m.where+` ORDER BY `+order+` LIMIT ? OFFSET ?`,
		append(m.args, limit, max(q.Offset, 0))...)
	if err != nil {
		return fmt.Errorf("articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			text string
			ann  []byte
		)
		if err := rows.Scan(&text, &ann); err != nil {
			return err
		}
		a, err := decodeArticle(text, ann)
		if err != nil {
			return err
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// dimension returns the (key, doc) pairs of a timeline split, joined to m.
func dimension(by string) (string, error) {
	switch by {
	case store.ByTheme:
		return `SELECT x.theme AS key, m.doc, m.day FROM m JOIN themes x ON x.doc = m.doc`, nil
	case store.ByCountry:
		return `SELECT DISTINCT x.country AS key, m.doc, m.day FROM m JOIN places x ON x.doc = m.doc WHERE x.country <> ''`, nil
	case store.ByEvent:
		return `SELECT DISTINCT x.root_code AS key, m.doc, m.day FROM m JOIN events x ON x.doc = m.doc WHERE x.root_code <> ''`, nil
	case store.BySource:
		return `SELECT DISTINCT x.source_norm AS key, m.doc, m.day FROM m JOIN mentions x ON x.doc = m.doc WHERE x.source_norm <> ''`, nil
	}
	return "", fmt.Errorf("%w: timeline by %q: want theme, country, event or source", store.ErrInvalid, by)
}

// Timeline counts matching stories per day.
func (s *Store) Timeline(ctx context.Context, q store.TimelineQuery) (*store.Timeline, error) {
	s.awaitIndex()
	m, err := match(q.Text, nil)
	if err != nil {
		return nil, err
	}
	tl := &store.Timeline{By: q.By, Buckets: []store.Bucket{}}
	var (
		stmt string
		args = append([]any{}, m.args...)
	)
	switch {
	case strings.TrimSpace(q.Text) == "" && q.By != store.BySource:
		// Unfiltered: read the per-day aggregates kept on insert.
		if q.By != store.ByNone {
			if _, err := dimension(q.By); err != nil {
				return nil, err
			}
		}
		stmt = `SELECT day, key, n FROM daily WHERE dim = ? ORDER BY day, key`
		args = []any{q.By}
		if q.By != store.ByNone {
			stmt = `SELECT day, key, n FROM daily WHERE dim = ? AND key IN
				(SELECT key FROM daily WHERE dim = ? GROUP BY key ORDER BY sum(n) DESC, key LIMIT ?) ORDER BY day, key`
			args = []any{q.By, q.By, topN(q.Top)}
		}
	case q.By == store.ByNone:
		stmt = `SELECT a.day, '', count(*) FROM ` + m.datesFrom() + ` WHERE ` + m.where + ` AND a.day IS NOT NULL GROUP BY a.day ORDER BY a.day`
	default:
		dim, err := dimension(q.By)
		if err != nil {
			return nil, err
		}
		top := topN(q.Top)
		stmt = `WITH m(doc, day) AS (SELECT a.rowid, a.day FROM ` + m.datesFrom() + ` WHERE ` + m.where + ` AND a.day IS NOT NULL),
			k AS MATERIALIZED (` + dim + `),
			top AS (SELECT key FROM k GROUP BY key ORDER BY count(*) DESC, key LIMIT ?)
			SELECT day, key, count(*) FROM k WHERE key IN (SELECT key FROM top) GROUP BY day, key ORDER BY day, key`
		args = append(args, top)
	}
	rows, err := s.r.QueryContext(ctx, stmt, args...)
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var b store.Bucket
		if err := rows.Scan(&b.Day, &b.Key, &b.Count); err != nil {
			return nil, err
		}
		tl.Buckets = append(tl.Buckets, b)
	}
	return tl, rows.Err()
}

func topN(top int) int {
	if top <= 0 {
		top = 10
	}
	return min(top, 100)
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions),
		(SELECT count(*) FROM entity_stats), (SELECT count(*) FROM events), (SELECT count(*) FROM places), (SELECT count(*) FROM alerts)`).
		Scan(&st.Stories, &st.Mentions, &st.Entities, &st.Events, &st.Places, &st.Alerts)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}
