package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"newsgraph/internal/doc"
	"newsgraph/internal/query"
	"newsgraph/internal/store"
)

// match compiles the stories selected by a query text and an optional id
// restriction; args start at $1.
func match(text string, ids []string) (*where, error) {
	n, err := query.Parse(text)
	if err != nil {
		return nil, err
	}
	w := &where{}
	if err := w.compile(n); err != nil {
		return nil, err
	}
	if len(ids) > 0 {
		c := "a.doc IN (SELECT doc FROM mentions WHERE id = ANY(" + w.arg(ids) + "))"
		if w.sql == "" {
			w.sql = c
		} else {
			w.sql = "(" + w.sql + ") AND " + c
		}
	}
	return w, nil
}

func (w *where) cond() string {
	if w.sql == "" {
		return "TRUE"
	}
	return w.sql
}

func orderBy(o store.Order, rank string) (string, error) {
	switch o {
	case "", store.Newest:
		return "a.published DESC NULLS LAST, a.doc DESC", nil
	case store.Oldest:
		return "a.published ASC NULLS LAST, a.doc ASC", nil
	case store.Relevance:
		if rank == "" {
			return "a.published DESC NULLS LAST, a.doc DESC", nil
		}
		return "score DESC, a.published DESC NULLS LAST, a.doc DESC", nil
	}
	return "", fmt.Errorf("%w: unknown order %q (newest, oldest, relevance)", store.ErrInvalid, o)
}

const snippetLen = 240

func snippet(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= snippetLen {
		return s
	}
	cut := snippetLen
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > snippetLen/2 {
		cut = i
	}
	return s[:cut] + "…"
}

// Get returns a stored article (see store.Store).
func (s *Store) Get(ctx context.Context, id string) (*store.Record, error) {
	var docID int64
	var story, text string
	var ann []byte
	err := s.pool.QueryRow(ctx, `SELECT a.doc, a.id, a.text, a.ann FROM mentions m JOIN articles a ON a.doc = m.doc WHERE m.id = $1`, clean(id)).
		Scan(&docID, &story, &text, &ann)
	if isNoRows(err) {
		return nil, notFound("article", id)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres get %s: %w", id, err)
	}
	a, err := decodeArticle(text, ann)
	if err != nil {
		return nil, fmt.Errorf("postgres get %s: %w", id, err)
	}
	rec := &store.Record{ID: id, Story: story, Article: a, Mentions: []store.MentionInfo{}}
	rows, err := s.pool.Query(ctx, `SELECT id, url, source, title, published, origin, distance FROM mentions
		WHERE doc = $1 ORDER BY (id = $2) DESC, published ASC NULLS LAST, id`, docID, story)
	if err != nil {
		return nil, fmt.Errorf("postgres get %s: mentions: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var m store.MentionInfo
		var pub *time.Time
		if err := rows.Scan(&m.ID, &m.URL, &m.Source, &m.Title, &pub, &m.Origin, &m.Distance); err != nil {
			return nil, fmt.Errorf("postgres get %s: mentions: %w", id, err)
		}
		m.Story, m.Published = story, utc(pub)
		rec.Mentions = append(rec.Mentions, m)
	}
	return rec, rows.Err()
}

func decodeArticle(text string, ann []byte) (*doc.Article, error) {
	a := &doc.Article{}
	if len(ann) > 0 {
		if err := json.Unmarshal(ann, a); err != nil {
			return nil, fmt.Errorf("decode annotations: %w", err)
		}
	}
	a.Text = text
	return a, nil
}

func utc(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}

// Has reports which ids are stored.
func (s *Store) Has(ctx context.Context, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = false
	}
	if len(ids) == 0 {
		return out, nil
	}
	cl := make([]string, len(ids))
	back := map[string]string{}
	for i, id := range ids {
		cl[i] = clean(id)
		back[cl[i]] = id
	}
	rows, err := s.pool.Query(ctx, `SELECT id FROM mentions WHERE id = ANY($1)`, cl)
	if err != nil {
		return nil, fmt.Errorf("postgres has: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("postgres has: %w", err)
		}
		out[back[id]] = true
	}
	return out, rows.Err()
}

const hitCols = `a.id, a.title, a.url, a.source, a.published, a.lang, left(a.text, 400), a.mentions, a.tone`

func scanHit(rows pgx.Rows, withScore bool) (store.Hit, error) {
	var h store.Hit
	var pub *time.Time
	var text string
	dest := []any{&h.ID, &h.Title, &h.URL, &h.Source, &pub, &h.Lang, &text, &h.Mentions, &h.Tone}
	if withScore {
		var sc float32
		dest = append(dest, &sc)
		if err := rows.Scan(dest...); err != nil {
			return h, err
		}
		h.Score = float64(sc)
	} else if err := rows.Scan(dest...); err != nil {
		return h, err
	}
	h.Published, h.Snippet = utc(pub), snippet(text)
	return h, nil
}

// Search returns a page of matching stories (see store.Store).
func (s *Store) Search(ctx context.Context, q store.Query) (*store.SearchResult, error) {
	w, err := match(q.Text, q.IDs)
	if err != nil {
		return nil, err
	}
	order, err := orderBy(q.Order, w.rank)
	if err != nil {
		return nil, err
	}
	limit, offset := store.Page(q.Limit, q.Offset, store.DefaultLimit)
	res := &store.SearchResult{Hits: []store.Hit{}}
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM articles a WHERE `+w.cond(), w.args...).Scan(&res.Total); err != nil {
		return nil, fmt.Errorf("postgres search: count: %w", err)
	}
	cols := hitCols
	withScore := q.Order == store.Relevance && w.rank != ""
	if withScore {
		cols += ", ts_rank(a.tsv, " + w.rank + ") AS score"
	}
	args := append([]any{}, w.args...)
	lw := &where{args: args}
	sql := `SELECT ` + cols + ` FROM articles a WHERE ` + w.cond() + ` ORDER BY ` + order +
		` LIMIT ` + lw.arg(limit) + ` OFFSET ` + lw.arg(offset)
	rows, err := s.pool.Query(ctx, sql, lw.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres search: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		h, err := scanHit(rows, withScore)
		if err != nil {
			return nil, fmt.Errorf("postgres search: %w", err)
		}
		res.Hits = append(res.Hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres search: %w", err)
	}
	if q.Facets {
		res.Facets, err = s.facets(ctx, w, q.FacetLimit)
		if err != nil {
			return nil, err
		}
	}
	return res, nil
}

// facetDims maps a facet name to the (doc, value) rows it counts.
var facetDims = map[string]string{
	"source":  `SELECT doc, source AS v FROM mentions WHERE source <> ''`,
	"theme":   `SELECT doc, theme AS v FROM themes`,
	"country": `SELECT doc, country AS v FROM places WHERE country <> '' UNION SELECT doc, focus_country FROM articles WHERE focus_country <> ''`,
	"event":   `SELECT doc, root_code AS v FROM events WHERE root_code <> ''`,
	"actor":   `SELECT doc, src_actor AS v FROM events WHERE src_actor <> '' UNION ALL SELECT doc, tgt_actor FROM events WHERE tgt_actor <> ''`,
}

func (s *Store) facets(ctx context.Context, w *where, n int) (map[string][]store.Facet, error) {
	if n <= 0 {
		n = 10
	}
	n = min(n, store.MaxLimit)
	out := map[string][]store.Facet{}
	for name, dim := range facetDims {
		lw := &where{args: append([]any{}, w.args...)}
		sql := `SELECT k.v, count(DISTINCT k.doc) FROM (` + dim + `) k WHERE k.doc IN (SELECT a.doc FROM articles a WHERE ` +
			w.cond() + `) GROUP BY k.v ORDER BY 2 DESC, 1 LIMIT ` + lw.arg(n)
		rows, err := s.pool.Query(ctx, sql, lw.args...)
		if err != nil {
			return nil, fmt.Errorf("postgres facet %s: %w", name, err)
		}
		fs := []store.Facet{}
		for rows.Next() {
			var f store.Facet
			if err := rows.Scan(&f.Value, &f.Count); err != nil {
				rows.Close()
				return nil, fmt.Errorf("postgres facet %s: %w", name, err)
			}
			fs = append(fs, f)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("postgres facet %s: %w", name, err)
		}
		out[name] = fs
	}
	return out, nil
}

// Articles streams the full matching stories (see store.Store).
func (s *Store) Articles(ctx context.Context, q store.Query, fn func(*doc.Article) error) error {
	w, err := match(q.Text, q.IDs)
	if err != nil {
		return err
	}
	order, err := orderBy(q.Order, w.rank)
	if err != nil {
		return err
	}
	if strings.HasPrefix(order, "score") {
		order = "a.published DESC NULLS LAST, a.doc DESC"
		if w.rank != "" {
			order = "ts_rank(a.tsv, " + w.rank + ") DESC, " + order
		}
	}
	lw := &where{args: append([]any{}, w.args...)}
	sql := `SELECT a.text, a.ann FROM articles a WHERE ` + w.cond() + ` ORDER BY ` + order
	if q.Limit > 0 {
		sql += ` LIMIT ` + lw.arg(q.Limit)
	}
	if q.Offset > 0 {
		sql += ` OFFSET ` + lw.arg(q.Offset)
	}
	rows, err := s.pool.Query(ctx, sql, lw.args...)
	if err != nil {
		return fmt.Errorf("postgres articles: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var text string
		var ann []byte
		if err := rows.Scan(&text, &ann); err != nil {
			return fmt.Errorf("postgres articles: %w", err)
		}
		a, err := decodeArticle(text, ann)
		if err != nil {
			return fmt.Errorf("postgres articles: %w", err)
		}
		if err := fn(a); err != nil {
			return err
		}
	}
	return rows.Err()
}

// timelineDims maps a timeline split to the (doc, key) rows it counts.
var timelineDims = map[string]string{
	store.ByTheme:   facetDims["theme"],
	store.ByCountry: facetDims["country"],
	store.ByEvent:   facetDims["event"],
	store.BySource:  `SELECT doc, source AS v FROM articles WHERE source <> ''`,
}

// Timeline counts matching stories per day (see store.Store).
func (s *Store) Timeline(ctx context.Context, q store.TimelineQuery) (*store.Timeline, error) {
	w, err := match(q.Text, nil)
	if err != nil {
		return nil, err
	}
	tl := &store.Timeline{By: q.By, Buckets: []store.Bucket{}}
	if q.By == store.ByNone {
		rows, err := s.pool.Query(ctx, `SELECT a.day, count(*) FROM articles a WHERE `+w.cond()+
			` AND a.day IS NOT NULL GROUP BY a.day ORDER BY a.day`, w.args...)
		if err != nil {
			return nil, fmt.Errorf("postgres timeline: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var b store.Bucket
			if err := rows.Scan(&b.Day, &b.Count); err != nil {
				return nil, fmt.Errorf("postgres timeline: %w", err)
			}
			tl.Buckets = append(tl.Buckets, b)
		}
		return tl, rows.Err()
	}
	dim, ok := timelineDims[q.By]
	if !ok {
		return nil, fmt.Errorf("%w: timeline by %q: want theme, country, event or source", store.ErrInvalid, q.By)
	}
	top := q.Top
	if top <= 0 {
		top = 10
	}
	top = min(top, store.MaxLimit)
	lw := &where{args: append([]any{}, w.args...)}
	base := `FROM articles a JOIN (` + dim + `) k ON k.doc = a.doc WHERE ` + w.cond() + ` AND a.day IS NOT NULL`
	rows, err := s.pool.Query(ctx, `SELECT k.v, count(DISTINCT a.doc) `+base+` GROUP BY k.v ORDER BY 2 DESC, 1 LIMIT `+lw.arg(top), lw.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres timeline: top keys: %w", err)
	}
	keys, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (string, error) {
		var k string
		var n int
		err := r.Scan(&k, &n)
		return k, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres timeline: top keys: %w", err)
	}
	if len(keys) == 0 {
		return tl, nil
	}
	lw = &where{args: append([]any{}, w.args...)}
	rows, err = s.pool.Query(ctx, `SELECT a.day, k.v, count(DISTINCT a.doc) `+base+` AND k.v = ANY(`+lw.arg(keys)+`)
		GROUP BY a.day, k.v ORDER BY a.day, k.v`, lw.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres timeline: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var b store.Bucket
		if err := rows.Scan(&b.Day, &b.Key, &b.Count); err != nil {
			return nil, fmt.Errorf("postgres timeline: %w", err)
		}
		tl.Buckets = append(tl.Buckets, b)
	}
	return tl, rows.Err()
}

const entCols = `ent, type, name, role, country, actor, articles, coalesce(first_day, ''), coalesce(last_day, '')`

func scanEntity(r pgx.Row) (store.EntitySummary, error) {
	var e store.EntitySummary
	err := r.Scan(&e.ID, &e.Type, &e.Name, &e.Role, &e.Country, &e.Actor, &e.Articles, &e.FirstSeen, &e.LastSeen)
	return e, err
}

// entityAgg aggregates the entities of the stories matching w (FROM
// entities e JOIN articles a), in entity_stats' column order.
const entityAgg = `SELECT e.ent, min(e.type), min(e.name), max(e.role), max(e.country), max(e.actor),
	count(DISTINCT e.doc)::int, coalesce(min(a.day), ''), coalesce(max(a.day), '')
	FROM entities e JOIN articles a ON a.doc = e.doc WHERE `

// Entities lists entities of the matching stories (see store.Store).
func (s *Store) Entities(ctx context.Context, q store.EntityQuery) ([]store.EntitySummary, error) {
	limit, offset := store.Page(q.Limit, q.Offset, store.DefaultLimit)
	w, err := match(q.Text, nil)
	if err != nil {
		return nil, err
	}
	var sql string
	if w.sql == "" {
		// No query: the running aggregate, fast at any size.
		var conds []string
		if q.Type != "" {
			conds = append(conds, "type = "+w.arg(strings.ToUpper(q.Type)))
		}
		if q.Name != "" {
			conds = append(conds, "lower(name) LIKE "+w.arg(prefix(norm(q.Name))))
		}
		sql = `SELECT ` + entCols + ` FROM entity_stats`
		if len(conds) > 0 {
			sql += ` WHERE ` + strings.Join(conds, " AND ")
		}
		sql += ` ORDER BY articles DESC, ent LIMIT ` + w.arg(limit) + ` OFFSET ` + w.arg(offset)
	} else {
		sql = entityAgg + w.cond()
		if q.Type != "" {
			sql += ` AND e.type = ` + w.arg(strings.ToUpper(q.Type))
		}
		if q.Name != "" {
			sql += ` AND e.name_norm LIKE ` + w.arg(prefix(norm(q.Name)))
		}
		sql += ` GROUP BY e.ent ORDER BY 7 DESC, 1 LIMIT ` + w.arg(limit) + ` OFFSET ` + w.arg(offset)
	}
	rows, err := s.pool.Query(ctx, sql, w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres entities: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.EntitySummary, error) { return scanEntity(r) })
	if err != nil {
		return nil, fmt.Errorf("postgres entities: %w", err)
	}
	if out == nil {
		out = []store.EntitySummary{}
	}
	return out, nil
}

// Entity returns one entity with timeline and co-occurrences (see store.Store).
func (s *Store) Entity(ctx context.Context, id string, q store.EntityQuery) (*store.EntityDetail, error) {
	id = clean(id)
	w, err := match(q.Text, nil)
	if err != nil {
		return nil, err
	}
	d := &store.EntityDetail{Timeline: []store.Bucket{}, CoOccur: []store.CoEntity{}, Recent: []store.Hit{}}
	lw := &where{args: append([]any{}, w.args...)}
	e, err := scanEntity(s.pool.QueryRow(ctx, entityAgg+w.cond()+` AND e.ent = `+lw.arg(id)+` GROUP BY e.ent`, lw.args...))
	if isNoRows(err) {
		return nil, notFound("entity", id)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres entity %s: %w", id, err)
	}
	d.EntitySummary = e

	lw = &where{args: append([]any{}, w.args...)}
	rows, err := s.pool.Query(ctx, `SELECT a.day, count(DISTINCT a.doc) FROM entities e JOIN articles a ON a.doc = e.doc
		WHERE `+w.cond()+` AND e.ent = `+lw.arg(id)+` AND a.day IS NOT NULL GROUP BY a.day ORDER BY a.day`, lw.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres entity %s: timeline: %w", id, err)
	}
	d.Timeline, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.Bucket, error) {
		var b store.Bucket
		return b, r.Scan(&b.Day, &b.Count)
	})
	if err != nil {
		return nil, fmt.Errorf("postgres entity %s: timeline: %w", id, err)
	}
	if d.Timeline == nil {
		d.Timeline = []store.Bucket{}
	}

	// Co-occurrence over the entity's most recent stories only (see
	// store.CoOccurScan): a frequent entity would otherwise join all of them.
	if d.Articles > store.CoOccurScan {
		d.CoOccurSample = store.CoOccurScan
	}
	lw = &where{args: append([]any{}, w.args...)}
	eid := lw.arg(id)
	rows, err = s.pool.Query(ctx, `SELECT st.ent, st.type, st.name, st.role, st.country, st.actor, st.articles,
			coalesce(st.first_day, ''), coalesce(st.last_day, ''), c.together FROM (
			SELECT o.ent, count(DISTINCT o.doc)::int AS together FROM (
				SELECT DISTINCT e.doc, a.published FROM entities e JOIN articles a ON a.doc = e.doc
				WHERE `+w.cond()+` AND e.ent = `+eid+` ORDER BY a.published DESC NULLS LAST, e.doc DESC LIMIT `+lw.arg(store.CoOccurScan)+`) r
			JOIN entities o ON o.doc = r.doc AND o.ent <> `+eid+` GROUP BY o.ent) c
		JOIN entity_stats st ON st.ent = c.ent ORDER BY c.together DESC, st.articles DESC, st.ent LIMIT 20`, lw.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres entity %s: co-occurring: %w", id, err)
	}
	co, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.CoEntity, error) {
		var c store.CoEntity
		e := &c.EntitySummary
		err := r.Scan(&e.ID, &e.Type, &e.Name, &e.Role, &e.Country, &e.Actor, &e.Articles, &e.FirstSeen, &e.LastSeen, &c.Together)
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres entity %s: co-occurring: %w", id, err)
	}
	if co != nil {
		d.CoOccur = co
	}

	lw = &where{args: append([]any{}, w.args...)}
	rows, err = s.pool.Query(ctx, `SELECT `+hitCols+` FROM articles a WHERE `+w.cond()+
		` AND a.doc IN (SELECT doc FROM entities WHERE ent = `+lw.arg(id)+`) ORDER BY a.published DESC NULLS LAST, a.doc DESC LIMIT 10`, lw.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres entity %s: recent: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		h, err := scanHit(rows, false)
		if err != nil {
			return nil, fmt.Errorf("postgres entity %s: recent: %w", id, err)
		}
		d.Recent = append(d.Recent, h)
	}
	return d, rows.Err()
}

// Events lists coded events of the matching stories (see store.Store).
func (s *Store) Events(ctx context.Context, q store.EventQuery) ([]store.EventRecord, error) {
	limit, offset := store.Page(q.Limit, q.Offset, store.DefaultLimit)
	w, err := match(q.Text, nil)
	if err != nil {
		return nil, err
	}
	sql := `SELECT e.doc, e.idx, a.id, a.published FROM events e JOIN articles a ON a.doc = e.doc WHERE ` + w.cond()
	if q.Root != "" {
		sql += ` AND e.root_code = ` + w.arg(q.Root)
	}
	if q.Code != "" {
		sql += ` AND e.code LIKE ` + w.arg(prefix(q.Code))
	}
	if q.Actor != "" {
		p := w.arg(prefix(strings.ToUpper(q.Actor)))
		sql += ` AND (e.src_actor LIKE ` + p + ` OR e.tgt_actor LIKE ` + p + `)`
	}
	sql += ` ORDER BY a.published DESC NULLS LAST, e.doc DESC, e.idx LIMIT ` + w.arg(limit) + ` OFFSET ` + w.arg(offset)
	type ref struct {
		doc  int64
		idx  int
		id   string
		pub  *time.Time
		docs int
	}
	rows, err := s.pool.Query(ctx, sql, w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres events: %w", err)
	}
	refs, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (ref, error) {
		var x ref
		return x, r.Scan(&x.doc, &x.idx, &x.id, &x.pub)
	})
	if err != nil {
		return nil, fmt.Errorf("postgres events: %w", err)
	}
	out := []store.EventRecord{}
	if len(refs) == 0 {
		return out, nil
	}
	var docs []int64
	seen := map[int64]bool{}
	for _, r := range refs {
		if !seen[r.doc] {
			seen[r.doc] = true
			docs = append(docs, r.doc)
		}
	}
	anns := map[int64]*doc.Article{}
	rows, err = s.pool.Query(ctx, `SELECT doc, text, ann FROM articles WHERE doc = ANY($1)`, docs)
	if err != nil {
		return nil, fmt.Errorf("postgres events: annotations: %w", err)
	}
	for rows.Next() {
		var d int64
		var text string
		var ann []byte
		if err := rows.Scan(&d, &text, &ann); err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgres events: annotations: %w", err)
		}
		a, err := decodeArticle(text, ann)
		if err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgres events: %w", err)
		}
		anns[d] = a
	}
	rows.Close()
	for _, r := range refs {
		if a := anns[r.doc]; a != nil {
			if ev, ok := store.NewEventRecord(a, r.idx, r.id, utc(r.pub)); ok {
				out = append(out, ev)
			}
		}
	}
	return out, nil
}

// Places lists places of the matching stories (see store.Store).
func (s *Store) Places(ctx context.Context, q store.PlaceQuery) ([]store.PlaceSummary, error) {
	limit, offset := store.Page(q.Limit, q.Offset, store.DefaultLimit)
	w, err := match(q.Text, nil)
	if err != nil {
		return nil, err
	}
	var sql string
	if w.sql == "" {
		// No story filter: the per-place aggregate kept on insert (the
		// map's first view), not a scan of every place row.
		sql = `SELECT name, kind, geonameid, country, coalesce(lat, 0), coalesce(lon, 0), docs::int FROM place_stats WHERE TRUE`
		if q.Country != "" {
			sql += ` AND country = ` + w.arg(strings.ToUpper(q.Country))
		}
	} else {
		sql = `SELECT p.name, p.kind, p.geonameid, p.country, coalesce(min(p.lat), 0), coalesce(min(p.lon), 0), count(DISTINCT p.doc)::int
			FROM places p JOIN articles a ON a.doc = p.doc WHERE ` + w.cond()
		if q.Country != "" {
			sql += ` AND p.country = ` + w.arg(strings.ToUpper(q.Country))
		}
		sql += ` GROUP BY p.name, p.kind, p.geonameid, p.country`
	}
	sql += ` ORDER BY 7 DESC, 1, 3 LIMIT ` + w.arg(limit) + ` OFFSET ` + w.arg(offset)
	rows, err := s.pool.Query(ctx, sql, w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres places: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.PlaceSummary, error) {
		var p store.PlaceSummary
		return p, r.Scan(&p.Name, &p.Kind, &p.GeonameID, &p.Country, &p.Lat, &p.Lon, &p.Articles)
	})
	if err != nil {
		return nil, fmt.Errorf("postgres places: %w", err)
	}
	if out == nil {
		out = []store.PlaceSummary{}
	}
	return out, nil
}

// Network builds the actor graph of the matching stories (see store.Store).
func (s *Store) Network(ctx context.Context, q store.NetworkQuery) (*store.Network, error) {
	w, err := match(q.Text, nil)
	if err != nil {
		return nil, err
	}
	minCount := max(q.MinCount, 1)
	limit := q.Limit
	if limit <= 0 {
		limit = 200
	}
	limit = min(limit, store.MaxLimit)
	var sql string
	if w.sql == "" {
		// No story filter: the actor-pair aggregate kept on insert, so the
		// graph costs its edges, not every event.
		sql = `SELECT src, tgt, sum(n)::int, sum(gsum) / sum(n), (array_agg(root ORDER BY n DESC, root))[1] FROM actor_pairs WHERE TRUE`
		if q.Root != "" {
			sql += ` AND root = ` + w.arg(q.Root)
		}
		sql += ` GROUP BY src, tgt HAVING sum(n) >= ` + w.arg(minCount)
	} else {
		sql = `SELECT e.src_actor, e.tgt_actor, count(*)::int, avg(e.goldstein), mode() WITHIN GROUP (ORDER BY e.root_code)
			FROM events e JOIN articles a ON a.doc = e.doc WHERE ` + w.cond() + ` AND e.src_actor <> '' AND e.tgt_actor <> ''`
		if q.Root != "" {
			sql += ` AND e.root_code = ` + w.arg(q.Root)
		}
		sql += ` GROUP BY e.src_actor, e.tgt_actor HAVING count(*) >= ` + w.arg(minCount)
	}
	sql += ` ORDER BY 3 DESC, 1, 2 LIMIT ` + w.arg(limit)
	rows, err := s.pool.Query(ctx, sql, w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres network: %w", err)
	}
	edges, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.NetEdge, error) {
		var e store.NetEdge
		return e, r.Scan(&e.Source, &e.Target, &e.Count, &e.Goldstein, &e.TopRoot)
	})
	if err != nil {
		return nil, fmt.Errorf("postgres network: %w", err)
	}
	net := &store.Network{Nodes: []store.NetNode{}, Edges: []store.NetEdge{}}
	if edges != nil {
		net.Edges = edges
	}
	count := map[string]int{}
	var ids []string
	for _, e := range net.Edges {
		for _, a := range []string{e.Source, e.Target} {
			if _, ok := count[a]; !ok {
				ids = append(ids, a)
			}
		}
		count[e.Source] += e.Count
		if e.Target != e.Source {
			count[e.Target] += e.Count
		}
	}
	labels := map[string]string{}
	if len(ids) > 0 {
		rows, err := s.pool.Query(ctx, `SELECT src_actor, mode() WITHIN GROUP (ORDER BY src_text) FROM events
			WHERE src_actor = ANY($1) AND src_text <> '' GROUP BY src_actor`, ids)
		if err != nil {
			return nil, fmt.Errorf("postgres network: labels: %w", err)
		}
		for rows.Next() {
			var id, l string
			if err := rows.Scan(&id, &l); err != nil {
				rows.Close()
				return nil, fmt.Errorf("postgres network: labels: %w", err)
			}
			labels[id] = l
		}
		rows.Close()
	}
	for _, id := range ids {
		net.Nodes = append(net.Nodes, store.NetNode{ID: id, Label: labels[id], Events: count[id]})
	}
	return net, nil
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var st store.Stats
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), (SELECT count(*) FROM entity_stats),
		(SELECT count(*) FROM events), (SELECT count(*) FROM places), (SELECT count(*) FROM alerts)`).
		Scan(&st.Stories, &st.Mentions, &st.Entities, &st.Events, &st.Places, &st.Alerts)
	if err != nil {
		return st, fmt.Errorf("postgres stats: %w", err)
	}
	return st, nil
}
