package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"math/bits"
	"net/url"
	"sort"
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
	dups, err := newDupIndex(ctx, tx, as, known)
	if err != nil {
		return nil, err
	}
	var b pgx.Batch
	for i, a := range as {
		if story, ok := known[a.ID]; ok {
			out[i] = store.PutResult{ID: a.ID, Story: story, Status: store.Existing}
			continue
		}
		storyDoc, storyID, dist, found := dups.find(a)
		if !found {
			storyDoc = dups.newDoc()
			if err := insertStory(&b, a, storyDoc); err != nil {
				return nil, err
			}
			dups.added(a, storyDoc)
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

// dupIndex answers, for the articles of one batch, "which story is this a
// copy of?" without a query per article: the stored candidates of the
// whole batch (same normalised-text hash, or a shared SimHash band) are
// fetched in two queries, stories added earlier in the batch are kept in
// memory, and the batch's new stories get their doc ids from the identity
// sequence in one query, so their rows can be queued with everything else
// in one round trip.
type dupIndex struct {
	hash  map[string]dupStory     // hash -> lowest stored or batch story
	bands map[[2]int32][]dupStory // (band, value) -> stories
	docs  []int64                 // doc ids reserved for new stories
}

type dupStory struct {
	doc int64
	id  string
	fp  uint64
}

func newDupIndex(ctx context.Context, tx pgx.Tx, as []*doc.Article, known map[string]string) (*dupIndex, error) {
	d := &dupIndex{hash: map[string]dupStory{}, bands: map[[2]int32][]dupStory{}}
	var hashes []string
	var b0, b1, b2, b3 []int32
	need := 0
	for _, a := range as {
		if _, ok := known[a.ID]; ok {
			continue
		}
		need++
		if strings.TrimSpace(a.Text) == "" {
			continue
		}
		hashes = append(hashes, a.Hash)
		if bs, ok := nearBands(a); ok {
			b0, b1, b2, b3 = append(b0, bs[0]), append(b1, bs[1]), append(b2, bs[2]), append(b3, bs[3])
		}
	}
	if len(hashes) > 0 {
		rows, err := tx.Query(ctx, `SELECT DISTINCT ON (hash) hash, doc, id, simhash FROM articles WHERE hash = ANY($1) ORDER BY hash, doc`, hashes)
		if err != nil {
			return nil, fmt.Errorf("postgres put: exact duplicate lookup: %w", err)
		}
		for rows.Next() {
			var h string
			var st dupStory
			var sh int64
			if err := rows.Scan(&h, &st.doc, &st.id, &sh); err != nil {
				rows.Close()
				return nil, fmt.Errorf("postgres put: exact duplicate lookup: %w", err)
			}
			st.fp = uint64(sh)
			d.hash[h] = st
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("postgres put: exact duplicate lookup: %w", err)
		}
	}
	if len(b0) > 0 {
		rows, err := tx.Query(ctx, `WITH q AS (SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[]) AS q(b0, b1, b2, b3))
			SELECT a.doc, a.id, a.simhash, a.b0, a.b1, a.b2, a.b3 FROM articles a WHERE a.doc IN (
				SELECT a.doc FROM q JOIN articles a ON a.b0 = q.b0 UNION SELECT a.doc FROM q JOIN articles a ON a.b1 = q.b1
				UNION SELECT a.doc FROM q JOIN articles a ON a.b2 = q.b2 UNION SELECT a.doc FROM q JOIN articles a ON a.b3 = q.b3)`,
			b0, b1, b2, b3)
		if err != nil {
			return nil, fmt.Errorf("postgres put: near duplicate lookup: %w", err)
		}
		for rows.Next() {
			var st dupStory
			var sh int64
			var bs [4]int32
			if err := rows.Scan(&st.doc, &st.id, &sh, &bs[0], &bs[1], &bs[2], &bs[3]); err != nil {
				rows.Close()
				return nil, fmt.Errorf("postgres put: near duplicate lookup: %w", err)
			}
			st.fp = uint64(sh)
			for i, v := range bs {
				k := [2]int32{int32(i), v}
				d.bands[k] = append(d.bands[k], st)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("postgres put: near duplicate lookup: %w", err)
		}
	}
	if n := need; n > 0 {
		rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('articles', 'doc')) FROM generate_series(1, $1)`, n)
		if err != nil {
			return nil, fmt.Errorf("postgres put: reserve ids: %w", err)
		}
		d.docs, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return nil, fmt.Errorf("postgres put: reserve ids: %w", err)
		}
		sort.Slice(d.docs, func(i, j int) bool { return d.docs[i] > d.docs[j] }) // popped from the end: ascending
	}
	return d, nil
}

// find returns the story a is a copy of: the lowest-doc story with the
// same normalised text, else the closest (then lowest-doc) story within
// dedup.MaxDistance sharing a SimHash band, stored or added by this batch.
func (d *dupIndex) find(a *doc.Article) (docID int64, id string, dist int, found bool) {
	if strings.TrimSpace(a.Text) == "" {
		return 0, "", 0, false
	}
	if st, ok := d.hash[a.Hash]; ok {
		return st.doc, st.id, 0, true
	}
	bs, ok := nearBands(a)
	if !ok {
		return 0, "", 0, false
	}
	fp, _ := dedup.ParseSimHash(a.SimHash)
	best := dedup.MaxDistance + 1
	for i, v := range bs {
		for _, st := range d.bands[[2]int32{int32(i), v}] {
			dd := bits.OnesCount64(st.fp ^ fp)
			if dd < best || (dd == best && st.doc < docID) {
				best, docID, id = dd, st.doc, st.id
			}
		}
	}
	if best <= dedup.MaxDistance {
		return docID, id, best, true
	}
	return 0, "", 0, false
}

// newDoc hands out the next reserved doc id, in ascending order (one was
// reserved per article not already stored; unused ones are gaps, as a
// rolled-back insert would leave).
func (d *dupIndex) newDoc() int64 {
	n := len(d.docs)
	v := d.docs[n-1]
	d.docs = d.docs[:n-1]
	return v
}

// added records a new story of this batch for the articles after it.
func (d *dupIndex) added(a *doc.Article, docID int64) {
	st := dupStory{doc: docID, id: a.ID}
	st.fp, _ = dedup.ParseSimHash(a.SimHash)
	if strings.TrimSpace(a.Text) != "" {
		if _, ok := d.hash[a.Hash]; !ok {
			d.hash[a.Hash] = st
		}
	}
	if bs, ok := nearBands(a); ok {
		for i, v := range bs {
			k := [2]int32{int32(i), v}
			d.bands[k] = append(d.bands[k], st)
		}
	}
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

// insertStory queues a new story row with its reserved doc id, and its
// annotation rows, on b.
func insertStory(b *pgx.Batch, a *doc.Article, docID int64) error {
	ann := *a
	ann.Text = ""
	annJSON, err := json.Marshal(&ann)
	if err != nil {
		return fmt.Errorf("postgres put %s: encode annotations: %w", a.ID, err)
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
	b.Queue(`INSERT INTO articles
		(doc, id, url, source, title, text, published, day, lang, hash, simhash, b0, b1, b2, b3, focus_country, tone, ann)
		OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
		docID, a.ID, a.URL, a.Source, a.Title, a.Text, ts(a.Published), day, a.Lang, a.Hash, int64(fp),
		bands[0], bands[1], bands[2], bands[3], focus, tone, annJSON)

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
	return nil
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
