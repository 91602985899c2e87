package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"

	"newsgraph/internal/dedup"
	"newsgraph/internal/doc"
	"newsgraph/internal/store"
)

// minNearText is the shortest text (bytes) merged by SimHash: below it a
// few shared shingles decide, so only exact duplicates are merged.
const minNearText = 200

// Put stores one article.
func (s *Store) Put(ctx context.Context, a *doc.Article) (store.PutResult, error) {
	rs, err := s.PutBatch(ctx, []*doc.Article{a})
	if err != nil {
		return store.PutResult{}, err
	}
	return rs[0], nil
}

// putStmts are the statements of one batch, prepared on its transaction.
type putStmts struct {
	exists, bands, hash, article, fts, mention, bump *sql.Stmt
	entity, entityStats, place, event, theme, quote  *sql.Stmt
	daily                                            *sql.Stmt
}

var putSQL = map[string]string{
	"exists": `SELECT a.id FROM mentions m JOIN articles a ON a.rowid = m.doc WHERE m.id = ?`,
	"bands":  `SELECT rowid, id, simhash, hash FROM articles WHERE b0 = ? OR b1 = ? OR b2 = ? OR b3 = ?`,
	"hash":   `SELECT rowid, id FROM articles WHERE hash = ? LIMIT 1`,
	"article": `INSERT INTO articles(id, url, source, title, text, published, day, lang, hash, simhash, b0, b1, b2, b3, focus_country, tone, ann)
		VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
	"fts":     `INSERT INTO articles_fts(rowid, title, text) VALUES(?,?,?)`,
	"mention": `INSERT INTO mentions(id, doc, url, source, source_norm, host, title, published, origin, distance) VALUES(?,?,?,?,?,?,?,?,?,?)`,
	"bump":    `UPDATE articles SET mentions = mentions + 1 WHERE rowid = ?`,
	"entity":  `INSERT INTO entities(doc, ent, type, name, name_norm, role, country, actor, n) VALUES(?,?,?,?,?,?,?,?,?)`,
	"entityStats": `INSERT INTO entity_stats(ent, type, name, role, country, actor, articles, first_day, last_day) VALUES(?,?,?,?,?,?,1,?,?)
		ON CONFLICT(ent) DO UPDATE SET articles = articles + 1,
			role = CASE WHEN role = '' THEN excluded.role ELSE role END,
			country = CASE WHEN country = '' THEN excluded.country ELSE country END,
			actor = CASE WHEN actor = '' THEN excluded.actor ELSE actor END,
			first_day = coalesce(min(first_day, excluded.first_day), first_day, excluded.first_day),
			last_day = coalesce(max(last_day, excluded.last_day), last_day, excluded.last_day)`,
	"place": `INSERT INTO places(doc, idx, name, name_norm, kind, geonameid, lat, lon, country, admin1, confidence) VALUES(?,?,?,?,?,?,?,?,?,?,?)`,
	"event": `INSERT INTO events(doc, idx, code, base_code, root_code, plover, src_actor, tgt_actor, src_text, tgt_text, goldstein, quad_class, status, day)
		VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
	"theme": `INSERT INTO themes(doc, theme, score) VALUES(?,?,?) ON CONFLICT(doc, theme) DO UPDATE SET score = score + excluded.score`,
	"quote": `INSERT INTO quotes(doc, idx, speaker, actor, quote, direct) VALUES(?,?,?,?,?,?)`,
	"daily": `INSERT INTO daily(dim, key, day, n) VALUES(?,?,?,1) ON CONFLICT(dim, key, day) DO UPDATE SET n = n + 1`,
}

func (p *putStmts) prepare(ctx context.Context, tx *sql.Tx) error {
	for name, dst := range map[string]**sql.Stmt{
		"exists": &p.exists, "bands": &p.bands, "hash": &p.hash, "article": &p.article, "fts": &p.fts,
		"mention": &p.mention, "bump": &p.bump, "entity": &p.entity, "entityStats": &p.entityStats,
		"place": &p.place, "event": &p.event, "theme": &p.theme, "quote": &p.quote, "daily": &p.daily,
	} {
		st, err := tx.PrepareContext(ctx, putSQL[name])
		if err != nil {
			return fmt.Errorf("prepare %s: %w", name, err)
		}
		*dst = st
	}
	return nil
}

// PutBatch stores articles in one transaction.
func (s *Store) PutBatch(ctx context.Context, as []*doc.Article) ([]store.PutResult, error) {
	for i, a := range as {
		if err := store.Prepare(a); err != nil {
			return nil, fmt.Errorf("put article %d: %w", i, err)
		}
	}
	res := make([]store.PutResult, len(as))
	if len(as) == 0 {
		return res, nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("put: begin: %w", err)
	}
	defer tx.Rollback()
	var st putStmts
	if err := st.prepare(ctx, tx); err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	for i, a := range as {
		r, err := s.putOne(ctx, &st, a)
		if err != nil {
			return nil, fmt.Errorf("put %s (%s): %w", a.ID, a.Origin, err)
		}
		res[i] = r
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("put: commit: %w", err)
	}
	return res, nil
}

func bands(fp uint64) [4]int64 {
	return [4]int64{int64(fp & 0xffff), int64(fp >> 16 & 0xffff), int64(fp >> 32 & 0xffff), int64(fp >> 48)}
}

func (s *Store) putOne(ctx context.Context, st *putStmts, a *doc.Article) (store.PutResult, error) {
	r := store.PutResult{ID: a.ID}
	err := st.exists.QueryRowContext(ctx, a.ID).Scan(&r.Story)
	if err == nil {
		r.Status = store.Existing
		return r, nil
	}
	if !isNotFound(err) {
		return r, err
	}
	fp, _ := dedup.ParseSimHash(a.SimHash)
	hasText := strings.TrimSpace(a.Text) != ""
	near := hasText && len(a.Text) >= minNearText && fp != 0

	// Is it a copy of a stored story?
	var (
		storyDoc int64
		dist     = -1
	)
	switch {
	case near:
		b := bands(fp)
		rows, err := st.bands.QueryContext(ctx, b[0], b[1], b[2], b[3])
		if err != nil {
			return r, err
		}
		for rows.Next() {
			var (
				doc   int64
				id, h string
				cand  int64
			)
			if err := rows.Scan(&doc, &id, &cand, &h); err != nil {
				rows.Close()
				return r, err
			}
			d := dedup.Distance(fp, uint64(cand))
			if h == a.Hash {
				d = 0
			}
			if d <= dedup.MaxDistance && (dist < 0 || d < dist) {
				storyDoc, r.Story, dist = doc, id, d
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return r, err
		}
	case hasText:
		err := st.hash.QueryRowContext(ctx, a.Hash).Scan(&storyDoc, &r.Story)
		if err == nil {
			dist = 0
		} else if !isNotFound(err) {
			return r, err
		}
	}
	if dist >= 0 {
		if err := insertMention(ctx, st, a, storyDoc, dist); err != nil {
			return r, err
		}
		if _, err := st.bump.ExecContext(ctx, storyDoc); err != nil {
			return r, err
		}
		r.Status = store.Mentioned
		return r, nil
	}

	// A new story.
	ann := *a
	ann.Text = ""
	blob, err := json.Marshal(&ann)
	if err != nil {
		return r, fmt.Errorf("encode annotations: %w", err)
	}
	var b [4]any
	if near {
		for i, v := range bands(fp) {
			b[i] = v
		}
	}
	day := dayOf(a)
	var focus string
	if a.Focus != nil {
		focus = a.Focus.Country
	}
	var tone any
	if a.Tone != nil {
		tone = a.Tone.Tone
	}
	res, err := st.article.ExecContext(ctx, a.ID, a.URL, a.Source, a.Title, a.Text, unix(a.Published), day, a.Lang,
		a.Hash, int64(fp), b[0], b[1], b[2], b[3], focus, tone, blob)
	if err != nil {
		return r, err
	}
	docID, err := res.LastInsertId()
	if err != nil {
		return r, err
	}
	if _, err := st.fts.ExecContext(ctx, docID, a.Title, a.Text); err != nil {
		return r, fmt.Errorf("index text: %w", err)
	}
	if err := insertMention(ctx, st, a, docID, 0); err != nil {
		return r, err
	}
	if err := insertAnnotations(ctx, st, a, docID, day); err != nil {
		return r, err
	}
	r.Story, r.Status = a.ID, store.Added
	return r, nil
}

func dayOf(a *doc.Article) any {
	if a.Published.IsZero() {
		return nil
	}
	return a.Published.UTC().Format("2006-01-02")
}

func hostOf(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return hostNorm(u.Hostname())
}

func insertMention(ctx context.Context, st *putStmts, a *doc.Article, docID int64, dist int) error {
	_, err := st.mention.ExecContext(ctx, a.ID, docID, a.URL, a.Source, norm(a.Source), hostOf(a.URL), a.Title,
		unix(a.Published), a.Origin, dist)
	return err
}

// slice returns the text of a span, or "" when the span is out of range
// (annotations come from other processes: never trust them to be sane).
func slice(a *doc.Article, sp doc.Span) string {
	if sp.Start < 0 || sp.End > len(a.Text) || sp.Start > sp.End {
		return ""
	}
	return a.Text[sp.Start:sp.End]
}

func insertAnnotations(ctx context.Context, st *putStmts, a *doc.Article, docID int64, day any) error {
	// Entities: one row per distinct entity id in the article.
	type ent struct {
		e doc.Entity
		n int
	}
	ents := map[string]*ent{}
	var order []string
	for _, e := range a.Entities {
		if strings.TrimSpace(e.Name) == "" {
			continue
		}
		id := store.EntityID(e.Type, e.Name)
		x, ok := ents[id]
		if !ok {
			x = &ent{e: e}
			ents[id] = x
			order = append(order, id)
		}
		x.n += max(len(e.Mentions), 1)
		if x.e.Role == "" {
			x.e.Role = e.Role
		}
		if x.e.Country == "" {
			x.e.Country = e.Country
		}
		if x.e.Actor == "" {
			x.e.Actor = e.Actor
		}
	}
	for _, id := range order {
		x := ents[id]
		if _, err := st.entity.ExecContext(ctx, docID, id, x.e.Type, x.e.Name, norm(x.e.Name), x.e.Role, x.e.Country, x.e.Actor, x.n); err != nil {
			return fmt.Errorf("entity %s: %w", id, err)
		}
		if _, err := st.entityStats.ExecContext(ctx, id, x.e.Type, x.e.Name, x.e.Role, x.e.Country, x.e.Actor, day, day); err != nil {
			return fmt.Errorf("entity stats %s: %w", id, err)
		}
	}
	for i, p := range a.Places {
		if _, err := st.place.ExecContext(ctx, docID, i, p.Name, norm(p.Name), p.Kind, p.GeonameID, p.Lat, p.Lon,
			strings.ToUpper(p.Country), p.Admin1, p.Confidence); err != nil {
			return fmt.Errorf("place %d: %w", i, err)
		}
	}
	for i, e := range a.Events {
		if e.Code == "" {
			continue
		}
		eday := day
		if len(e.Date) >= 10 {
			eday = e.Date[:10]
		}
		if _, err := st.event.ExecContext(ctx, docID, i, e.Code, e.BaseCode, e.RootCode, strings.ToUpper(e.PLOVER),
			e.Source.Code, e.Target.Code, e.Source.Text, e.Target.Text, e.Goldstein, e.QuadClass, e.Status, eday); err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
	}
	// Themes: article scores when given, else the summed weight of hits.
	if len(a.Scores) > 0 {
		for _, t := range a.Scores {
			if _, err := st.theme.ExecContext(ctx, docID, strings.ToUpper(t.Theme), t.Score); err != nil {
				return fmt.Errorf("theme %s: %w", t.Theme, err)
			}
		}
	} else {
		for _, t := range a.Themes {
			w := t.Weight
			if w == 0 {
				w = 1
			}
			if _, err := st.theme.ExecContext(ctx, docID, strings.ToUpper(t.Theme), w); err != nil {
				return fmt.Errorf("theme %s: %w", t.Theme, err)
			}
		}
	}
	if err := insertDaily(ctx, st, a, day); err != nil {
		return err
	}
	for i, q := range a.Quotes {
		speaker := q.SpeakerName
		if speaker == "" {
			speaker = slice(a, q.Speaker)
		}
		direct := 0
		if q.Direct {
			direct = 1
		}
		if _, err := st.quote.ExecContext(ctx, docID, i, speaker, q.Actor, slice(a, q.Span), direct); err != nil {
			return fmt.Errorf("quote %d: %w", i, err)
		}
	}
	return nil
}

// insertDaily counts a new story in the per-day aggregates (dimension
// keys counted once per story, as the live timeline query does).
func insertDaily(ctx context.Context, st *putStmts, a *doc.Article, day any) error {
	if day == nil {
		return nil
	}
	seen := map[[2]string]bool{{"", ""}: true}
	keys := [][2]string{{"", ""}}
	add := func(dim, key string) {
		k := [2]string{dim, key}
		if key != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	if len(a.Scores) > 0 {
		for _, t := range a.Scores {
			add("theme", strings.ToUpper(t.Theme))
		}
	} else {
		for _, t := range a.Themes {
			add("theme", strings.ToUpper(t.Theme))
		}
	}
	for _, p := range a.Places {
		add("country", strings.ToUpper(p.Country))
	}
	for _, e := range a.Events {
		if e.Code != "" {
			add("event", e.RootCode)
		}
	}
	for _, k := range keys {
		if _, err := st.daily.ExecContext(ctx, k[0], k[1], day); err != nil {
			return fmt.Errorf("daily counts: %w", err)
		}
	}
	return nil
}
