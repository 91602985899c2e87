package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"math/bits"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"newsgraph/internal/dedup"
	"newsgraph/internal/doc"
	"newsgraph/internal/store"
)

// minNearWords is the shortest text (in words) whose SimHash is trusted for
// near-duplicate detection; shorter texts are deduplicated exactly only.
const minNearWords = 20

// Put stores one article.
func (s *Store) Put(ctx context.Context, a *doc.Article) (store.PutResult, error) {
	res, err := s.PutBatch(ctx, []*doc.Article{a})
	if err != nil {
		return store.PutResult{}, err
	}
	return res[0], nil
}

// PutBatch stores as in one transaction (see store.Store).
func (s *Store) PutBatch(ctx context.Context, as []*doc.Article) ([]store.PutResult, error) {
	if len(as) == 0 {
		return nil, nil
	}
	for _, a := range as {
		if err := store.Prepare(a); err != nil {
			return nil, err
		}
		cleanArticle(a)
	}
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{})
	if err != nil {
		return nil, fmt.Errorf("postgres put: begin: %w", err)
	}
	defer tx.Rollback(ctx)
	// One writer at a time through the dedup check: two workers must not
	// both decide that near-duplicate articles are new stories.
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, lockWrite); err != nil {
		return nil, fmt.Errorf("postgres put: lock: %w", err)
	}
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	known := map[string]string{} // article id -> story id
	rows, err := tx.Query(ctx, `SELECT m.id, a.id FROM mentions m JOIN articles a ON a.doc = m.doc WHERE m.id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("postgres put: check ids: %w", err)
	}
	for rows.Next() {
		var id, story string
		if err := rows.Scan(&id, &story); err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgres put: check ids: %w", err)
		}
		known[id] = story
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres put: check ids: %w", err)
	}

	out := make([]store.PutResult, len(as))
	var b pgx.Batch
	for i, a := range as {
		if story, ok := known[a.ID]; ok {
			out[i] = store.PutResult{ID: a.ID, Story: story, Status: store.Existing}
			continue
		}
		storyDoc, storyID, dist, found, err := s.findDuplicate(ctx, tx, a)
		if err != nil {
			return nil, err
		}
		if !found {
			storyDoc, err = insertStory(ctx, tx, &b, a)
			if err != nil {
				return nil, err
			}
			storyID = a.ID
			out[i] = store.PutResult{ID: a.ID, Story: a.ID, Status: store.Added}
		} else {
			out[i] = store.PutResult{ID: a.ID, Story: storyID, Status: store.Mentioned}
			b.Queue(`UPDATE articles SET mentions = mentions + 1 WHERE doc = $1`, storyDoc)
		}
		known[a.ID] = storyID
		host := ""
		if u, err := url.Parse(a.URL); err == nil {
			host = hostNorm(u.Hostname())
		}
		b.Queue(`INSERT INTO mentions (id, doc, url, source, source_norm, host, title, published, origin, distance)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			a.ID, storyDoc, a.URL, a.Source, norm(a.Source), host, a.Title, ts(a.Published), a.Origin, dist)
	}
	if b.Len() > 0 {
		if err := tx.SendBatch(ctx, &b).Close(); err != nil {
			return nil, fmt.Errorf("postgres put: insert: %w", err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, fmt.Errorf("postgres put: commit: %w", err)
	}
	return out, nil
}

// findDuplicate looks for a stored story with the same normalised text, or
// a SimHash within dedup.MaxDistance; rows inserted earlier in this
// transaction are visible, so duplicates within a batch are found too.
func (s *Store) findDuplicate(ctx context.Context, tx pgx.Tx, a *doc.Article) (docID int64, id string, dist int, found bool, err error) {
	if strings.TrimSpace(a.Text) == "" {
		return 0, "", 0, false, nil
	}
	err = tx.QueryRow(ctx, `SELECT doc, id FROM articles WHERE hash = $1 ORDER BY doc LIMIT 1`, a.Hash).Scan(&docID, &id)
	if err == nil {
		return docID, id, 0, true, nil
	}
	if !isNoRows(err) {
		return 0, "", 0, false, fmt.Errorf("postgres put: exact duplicate lookup: %w", err)
	}
	bands, ok := nearBands(a)
	if !ok {
		return 0, "", 0, false, nil
	}
	fp, _ := dedup.ParseSimHash(a.SimHash)
	rows, err := tx.Query(ctx, `SELECT doc, id, simhash FROM articles WHERE b0 = $1 OR b1 = $2 OR b2 = $3 OR b3 = $4`,
		bands[0], bands[1], bands[2], bands[3])
	if err != nil {
		return 0, "", 0, false, fmt.Errorf("postgres put: near duplicate lookup: %w", err)
	}
	defer rows.Close()
	best := dedup.MaxDistance + 1
	for rows.Next() {
		var d int64
		var sid string
		var sh int64
		if err := rows.Scan(&d, &sid, &sh); err != nil {
			return 0, "", 0, false, fmt.Errorf("postgres put: near duplicate lookup: %w", err)
		}
		dd := bits.OnesCount64(uint64(sh) ^ fp)
		if dd < best || (dd == best && d < docID) {
			best, docID, id = dd, d, sid
		}
	}
	if err := rows.Err(); err != nil {
		return 0, "", 0, false, fmt.Errorf("postgres put: near duplicate lookup: %w", err)
	}
	if best <= dedup.MaxDistance {
		return docID, id, best, true, nil
	}
	return 0, "", 0, false, nil
}

// nearBands returns the four 16-bit bands of a's SimHash, or false when
// the text is too short for its fingerprint to be trusted.
func nearBands(a *doc.Article) ([4]int32, bool) {
	var out [4]int32
	if len(strings.Fields(a.Text)) < minNearWords {
		return out, false
	}
	fp, ok := dedup.ParseSimHash(a.SimHash)
	if !ok {
		return out, false
	}
	for i := range out {
		out[i] = int32(fp >> (16 * i) & 0xffff)
	}
	return out, true
}

// insertStory inserts a new story row now (so later lookups in the same
// transaction see it) and queues its annotation rows on b.
func insertStory(ctx context.Context, tx pgx.Tx, b *pgx.Batch, a *doc.Article) (int64, error) {
	ann := *a
	ann.Text = ""
	annJSON, err := json.Marshal(&ann)
	if err != nil {
		return 0, fmt.Errorf("postgres put %s: encode annotations: %w", a.ID, err)
	}
	fp, _ := dedup.ParseSimHash(a.SimHash)
	var bands [4]any
	if bs, ok := nearBands(a); ok {
		for i, v := range bs {
			bands[i] = v
		}
	}
	var tone any
	if a.Tone != nil {
		tone = a.Tone.Tone
	}
	focus := ""
	if a.Focus != nil {
		focus = a.Focus.Country
	}
	day := dayOf(a.Published)
	var docID int64
	err = tx.QueryRow(ctx, `INSERT INTO articles
		(id, url, source, title, text, published, day, lang, hash, simhash, b0, b1, b2, b3, focus_country, tone, ann)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING doc`,
		a.ID, a.URL, a.Source, a.Title, a.Text, ts(a.Published), day, a.Lang, a.Hash, int64(fp),
		bands[0], bands[1], bands[2], bands[3], focus, tone, annJSON).Scan(&docID)
	if err != nil {
		return 0, fmt.Errorf("postgres put %s: insert story: %w", a.ID, err)
	}

	type ent struct {
		e store.EntitySummary
		n int
	}
	ents := map[string]*ent{}
	var order []string
	for _, e := range a.Entities {
		if strings.TrimSpace(e.Name) == "" {
			continue
		}
		id := store.EntityID(e.Type, e.Name)
		if x, ok := ents[id]; ok {
			x.n += max(len(e.Mentions), 1)
			continue
		}
		ents[id] = &ent{store.EntitySummary{ID: id, Type: e.Type, Name: e.Name, Role: e.Role, Country: e.Country, Actor: e.Actor}, max(len(e.Mentions), 1)}
		order = append(order, id)
	}
	for _, id := range order {
		x := ents[id]
		b.Queue(`INSERT INTO entities (doc, ent, type, name, name_norm, role, country, actor, n) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			docID, id, x.e.Type, x.e.Name, norm(x.e.Name), x.e.Role, x.e.Country, x.e.Actor, x.n)
		b.Queue(`INSERT INTO entity_stats AS s (ent, type, name, role, country, actor, articles, first_day, last_day)
			VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7)
			ON CONFLICT (ent) DO UPDATE SET articles = s.articles + 1,
				role = CASE WHEN s.role = '' THEN excluded.role ELSE s.role END,
				country = CASE WHEN s.country = '' THEN excluded.country ELSE s.country END,
				actor = CASE WHEN s.actor = '' THEN excluded.actor ELSE s.actor END,
				first_day = CASE WHEN s.first_day IS NULL OR excluded.first_day < s.first_day THEN excluded.first_day ELSE s.first_day END,
				last_day = CASE WHEN s.last_day IS NULL OR excluded.last_day > s.last_day THEN excluded.last_day ELSE s.last_day END`,
			id, x.e.Type, x.e.Name, x.e.Role, x.e.Country, x.e.Actor, day)
	}
	for i, p := range a.Places {
		b.Queue(`INSERT INTO places (doc, idx, name, name_norm, kind, geonameid, lat, lon, country, admin1, confidence)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			docID, i, p.Name, norm(p.Name), p.Kind, p.GeonameID, p.Lat, p.Lon, p.Country, p.Admin1, p.Confidence)
	}
	for i, e := range a.Events {
		eday := day
		if len(e.Date) >= 10 {
			eday = e.Date[:10]
		}
		b.Queue(`INSERT INTO events (doc, idx, code, base_code, root_code, plover, src_actor, tgt_actor, src_text, tgt_text, goldstein, quad_class, status, day)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
			docID, i, e.Code, e.BaseCode, e.RootCode, strings.ToUpper(e.PLOVER), e.Source.Code, e.Target.Code,
			e.Source.Text, e.Target.Text, e.Goldstein, e.QuadClass, e.Status, nullStr(eday))
	}
	themes := map[string]float64{}
	var torder []string
	for _, t := range a.Scores {
		if _, ok := themes[t.Theme]; !ok {
			torder = append(torder, t.Theme)
		}
		themes[t.Theme] = max(themes[t.Theme], t.Score)
	}
	for _, t := range a.Themes {
		if _, ok := themes[t.Theme]; !ok {
			torder = append(torder, t.Theme)
			themes[t.Theme] = 0
		}
		if len(a.Scores) == 0 {
			themes[t.Theme] += t.Weight
		}
	}
	for _, t := range torder {
		b.Queue(`INSERT INTO themes (doc, theme, score) VALUES ($1, $2, $3)`, docID, t, themes[t])
	}
	for i, q := range a.Quotes {
		text := ""
		if q.Start >= 0 && q.End <= len(a.Text) && q.Start <= q.End {
			text = a.Text[q.Start:q.End]
		}
		b.Queue(`INSERT INTO quotes (doc, idx, speaker, actor, quote, direct) VALUES ($1, $2, $3, $4, $5, $6)`,
			docID, i, q.SpeakerName, q.Actor, text, q.Direct)
	}
	return docID, nil
}

func ts(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func dayOf(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format("2006-01-02")
}

func nullStr(v any) any {
	if s, ok := v.(string); ok && s == "" {
		return nil
	}
	return v
}

// clean makes s storable as PostgreSQL text, which holds neither NUL nor
// invalid UTF-8, without moving any byte: NUL becomes a space and each
// invalid byte a '?', so annotation spans stay valid.
func clean(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && w == 1:
			b = append(b, '?')
		case r == 0:
			b = append(b, ' ')
		default:
			b = append(b, s[i:i+w]...)
		}
		i += w
	}
	return string(b)
}

// cleanArticle cleans every string of a that goes into a text column.
func cleanArticle(a *doc.Article) {
	for _, p := range []*string{&a.ID, &a.URL, &a.Source, &a.Title, &a.Byline, &a.Origin, &a.Lang, &a.Text, &a.Hash, &a.SimHash, &a.EventDate} {
		*p = clean(*p)
	}
	for i := range a.Entities {
		e := &a.Entities[i]
		e.Name, e.Type, e.Role, e.Country, e.Actor = clean(e.Name), clean(e.Type), clean(e.Role), clean(e.Country), clean(e.Actor)
	}
	for i := range a.Places {
		p := &a.Places[i]
		p.Name, p.Kind, p.Country, p.Admin1 = clean(p.Name), clean(p.Kind), clean(p.Country), clean(p.Admin1)
	}
	for i := range a.Events {
		e := &a.Events[i]
		e.Code, e.BaseCode, e.RootCode, e.PLOVER = clean(e.Code), clean(e.BaseCode), clean(e.RootCode), clean(e.PLOVER)
		e.Source.Code, e.Target.Code, e.Source.Text, e.Target.Text = clean(e.Source.Code), clean(e.Target.Code), clean(e.Source.Text), clean(e.Target.Text)
		e.Status, e.Date = clean(e.Status), clean(e.Date)
	}
	for i := range a.Scores {
		a.Scores[i].Theme = clean(a.Scores[i].Theme)
	}
	for i := range a.Themes {
		a.Themes[i].Theme = clean(a.Themes[i].Theme)
	}
	for i := range a.Quotes {
		a.Quotes[i].SpeakerName, a.Quotes[i].Actor = clean(a.Quotes[i].SpeakerName), clean(a.Quotes[i].Actor)
	}
}

func norm(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// hostNorm lower-cases a host and drops a leading "www.".
func hostNorm(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.TrimPrefix(h, "www.")
}
