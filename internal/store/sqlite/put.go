package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"

	"newsgraph/internal/dedup"
	"newsgraph/internal/doc"
	"newsgraph/internal/store"
)

// minNearText is the shortest text (bytes) merged by SimHash: below it a
// few shared shingles decide, so only exact duplicates are merged.
const minNearText = 200

// maxVars bounds the placeholders of one multi-row INSERT (SQLite's limit
// is 32766; smaller statements parse faster and still amortise the
// per-statement cost over hundreds of rows).
const maxVars = 8000

// Put stores one article.
func (s *Store) Put(ctx context.Context, a *doc.Article) (store.PutResult, error) {
	rs, err := s.PutBatch(ctx, []*doc.Article{a})
	if err != nil {
		return store.PutResult{}, err
	}
	return rs[0], nil
}

// item is one article of a batch with what the writer needs computed
// before the write lock is taken.
type item struct {
	a       *doc.Article
	fp      uint64
	near    bool // long enough text with a fingerprint: merged by SimHash
	hasText bool
	bands   [4]int64
	blob    []byte // annotations JSON (the article without Text)
	day     any    // "YYYY-MM-DD" or nil
}

// candidate is a stored story an article may be a copy of.
type candidate struct {
	doc  int64
	id   string
	dist int
}

func (c *candidate) offer(doc int64, id string, dist int) {
	if dist > dedup.MaxDistance {
		return
	}
	if c.dist < 0 || dist < c.dist || dist == c.dist && doc < c.doc {
		*c = candidate{doc: doc, id: id, dist: dist}
	}
}

// PutBatch stores articles in one transaction, and their text in one
// transaction of the full-text index's own file (index.go), which may
// commit just after PutBatch returns.
//
// The batch is written set-wise, not row by row: fingerprints are split
// before the write lock is taken; which ids are already stored and which
// stored stories share a SimHash band (or the exact hash) with any article
// of the batch are two queries for the whole batch; copies within the
// batch are found in memory; new stories get their rowids up front (the
// IMMEDIATE transaction holds the only write lock), so their text goes to
// the index on the other connection while stories, mentions and
// annotations go in as multi-row INSERTs; per-day and per-entity
// aggregates are summed per batch and upserted once per key. Row-by-row,
// the fixed cost of a statement (database/sql, bind, VDBE setup) was paid
// ~6 times per article.
func (s *Store) PutBatch(ctx context.Context, as []*doc.Article) ([]store.PutResult, error) {
	items := make([]item, len(as))
	for i, a := range as {
		if err := store.Prepare(a); err != nil {
			return nil, fmt.Errorf("put article %d: %w", i, err)
		}
		it := &items[i]
		it.a = a
		it.fp, _ = dedup.ParseSimHash(a.SimHash)
		it.hasText = strings.TrimSpace(a.Text) != ""
		it.near = it.hasText && len(a.Text) >= minNearText && it.fp != 0
		if it.near {
			it.bands = bands(it.fp)
		}
		it.day = dayOf(a)
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
	idx, err := s.putItems(ctx, tx, items, res)
	if err == nil {
		// The stories commit once the index holds its lock (see startIndex),
		// while their text may still be being indexed.
		if ierr := idx.started(); ierr != nil {
			err = fmt.Errorf("index text: %w", ierr)
		}
	}
	if err == nil {
		if cerr := tx.Commit(); cerr != nil {
			err = fmt.Errorf("commit: %w", cerr)
		}
	}
	idx.resolve(err == nil)
	if err != nil {
		return nil, fmt.Errorf("put: %w", err)
	}
	s.stmts.warm(ctx)
	return res, nil
}

func bands(fp uint64) [4]int64 {
	return [4]int64{int64(fp & 0xffff), int64(fp >> 16 & 0xffff), int64(fp >> 32 & 0xffff), int64(fp >> 48)}
}

// putItems writes the batch in tx and starts indexing its new stories'
// text on the index writer (see index.go); the caller waits for the index
// and commits both, or drops both.
func (s *Store) putItems(ctx context.Context, tx *sql.Tx, items []item, res []store.PutResult) (*pendingIndex, error) {
	idx := s.startIndex(ctx, nil)
	stored, err := storedIDs(ctx, tx, &s.stmts, items)
	if err != nil {
		return idx, err
	}
	cands, err := storedCandidates(ctx, tx, &s.stmts, items, stored)
	if err != nil {
		return idx, err
	}
	var next int64
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(rowid), 0) + 1 FROM articles`).Scan(&next); err != nil {
		return idx, fmt.Errorf("next rowid: %w", err)
	}
	first := next

	var (
		batchIDs  = map[string]string{}  // id stored by this batch → its story id
		bandIndex = map[[2]int64][]int{} // (band, value) → new stories of this batch (item index)
		hashIndex = map[string]int{}     // hash → first new story of this batch
		docOf     = map[int]int64{}      // item index → rowid of a new story
		newDocs   []int                  // item indexes of new stories, in rowid order
		extra     = map[int64]int{}      // new story rowid → mentions beyond its own
		bumps     = map[int64]int{}      // stored story rowid → new mentions
		bumpOrder []int64
		mentions  = bulk{head: `INSERT INTO mentions(id, doc, url, source, source_norm, host, title, published, origin, distance)`, cols: 10}
	)
	for i := range items {
		it := &items[i]
		a := it.a
		r := store.PutResult{ID: a.ID}
		if story, ok := batchIDs[a.ID]; ok {
			r.Story, r.Status = story, store.Existing
			res[i] = r
			continue
		}
		if story, ok := stored[a.ID]; ok {
			r.Story, r.Status = story, store.Existing
			res[i] = r
			continue
		}
		// Is it a copy of a stored story, or of a story of this batch?
		c := cands[i]
		if c.dist < 0 {
			c = candidate{dist: -1}
		}
		switch {
		case it.near:
			for b, v := range it.bands {
				for _, j := range bandIndex[[2]int64{int64(b), v}] {
					d := dedup.Distance(it.fp, items[j].fp)
					if items[j].a.Hash == a.Hash {
						d = 0
					}
					c.offer(docOf[j], items[j].a.ID, d)
				}
			}
		case it.hasText:
			if c.dist < 0 {
				if j, ok := hashIndex[a.Hash]; ok {
					c.offer(docOf[j], items[j].a.ID, 0)
				}
			}
		}
		if c.dist >= 0 {
			mentions.add(mentionRow(a, c.doc, c.dist)...)
			if c.doc >= first {
				extra[c.doc]++
			} else {
				if bumps[c.doc] == 0 {
					bumpOrder = append(bumpOrder, c.doc)
				}
				bumps[c.doc]++
			}
			r.Story, r.Status = c.id, store.Mentioned
			batchIDs[a.ID] = c.id
			res[i] = r
			continue
		}
		// A new story.
		docID := next
		next++
		docOf[i] = docID
		newDocs = append(newDocs, i)
		if it.near {
			for b, v := range it.bands {
				k := [2]int64{int64(b), v}
				bandIndex[k] = append(bandIndex[k], i)
			}
		}
		if it.hasText {
			if _, ok := hashIndex[a.Hash]; !ok {
				hashIndex[a.Hash] = i
			}
		}
		mentions.add(mentionRow(a, docID, 0)...)
		r.Story, r.Status = a.ID, store.Added
		batchIDs[a.ID] = a.ID
		res[i] = r
	}

	if len(newDocs) > 0 {
		text := ftsRows()
		for _, i := range newDocs {
			text.add(docOf[i], items[i].a.Title, items[i].a.Text)
		}
		idx = s.startIndex(ctx, &text)
		arts := bulk{head: `INSERT INTO articles(rowid, id, url, source, title, text, published, day, lang, hash, simhash, b0, b1, b2, b3, focus_country, tone, mentions, ann)`, cols: 19}
		var ann annotations
		for _, i := range newDocs {
			it := &items[i]
			a := it.a
			copyA := *a
			copyA.Text = ""
			blob, err := json.Marshal(&copyA)
			if err != nil {
				return idx, fmt.Errorf("put %s (%s): encode annotations: %w", a.ID, a.Origin, err)
			}
			var b [4]any
			if it.near {
				for k, v := range it.bands {
					b[k] = v
				}
			}
			var focus string
			if a.Focus != nil {
				focus = a.Focus.Country
			}
			var tone any
			if a.Tone != nil {
				tone = a.Tone.Tone
			}
			docID := docOf[i]
			arts.add(docID, a.ID, a.URL, a.Source, a.Title, a.Text, unix(a.Published), it.day, a.Lang,
				a.Hash, int64(it.fp), b[0], b[1], b[2], b[3], focus, tone, 1+extra[docID], blob)
			ann.add(a, docID, it.day)
		}
		if err := arts.exec(ctx, tx, &s.stmts); err != nil {
			return idx, fmt.Errorf("insert stories: %w", err)
		}
		if err := ann.exec(ctx, tx, &s.stmts); err != nil {
			return idx, err
		}
	}
	if err := mentions.exec(ctx, tx, &s.stmts); err != nil {
		return idx, fmt.Errorf("insert mentions: %w", err)
	}
	if len(bumpOrder) > 0 {
		st, err := tx.PrepareContext(ctx, `UPDATE articles SET mentions = mentions + ? WHERE rowid = ?`)
		if err != nil {
			return idx, err
		}
		defer st.Close()
		for _, d := range bumpOrder {
			if _, err := st.ExecContext(ctx, bumps[d], d); err != nil {
				return idx, fmt.Errorf("count mentions: %w", err)
			}
		}
	}
	return idx, nil
}

// storedIDs returns, for the batch's ids already stored (as story or
// mention), their story's id: a few IN-list queries for the whole batch.
// The ids are bound as they are (not through JSON, which would replace
// invalid UTF-8 and could not match such an id).
func storedIDs(ctx context.Context, tx *sql.Tx, c *stmtCache, items []item) (map[string]string, error) {
	out := map[string]string{}
	for off := 0; off < len(items); {
		k := maxRows
		for k > len(items)-off {
			k /= 2
		}
		st, err := c.get(ctx, tx, `SELECT m.id, a.id FROM mentions m CROSS JOIN articles a ON a.rowid = m.doc WHERE m.id IN (?`+
			strings.Repeat(",?", k-1)+`)`)
		if err != nil {
			return nil, fmt.Errorf("stored ids: %w", err)
		}
		args := make([]any, k)
		for i := range args {
			args[i] = items[off+i].a.ID
		}
		rows, err := st.QueryContext(ctx, args...)
		if err != nil {
			return nil, fmt.Errorf("stored ids: %w", err)
		}
		for rows.Next() {
			var id, story string
			if err := rows.Scan(&id, &story); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = story
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("stored ids: %w", err)
		}
		off += k
	}
	return out, nil
}

// storedCandidates finds, for each article not yet stored, the closest
// stored story it duplicates: by SimHash band (a story within distance 3
// shares at least one of the four 16-bit bands) for long texts, by exact
// hash for short ones. Two queries for the whole batch.
func storedCandidates(ctx context.Context, tx *sql.Tx, c *stmtCache, items []item, stored map[string]string) ([]candidate, error) {
	out := make([]candidate, len(items))
	var nearIdx, hashIdx []int
	var nearArg [][4]int64
	var hashArg []string
	for i := range items {
		out[i].dist = -1
		it := &items[i]
		if _, ok := stored[it.a.ID]; ok {
			continue
		}
		switch {
		case it.near:
			nearIdx = append(nearIdx, i)
			nearArg = append(nearArg, it.bands)
		case it.hasText:
			hashIdx = append(hashIdx, i)
			hashArg = append(hashArg, it.a.Hash)
		}
	}
	if len(nearIdx) > 0 {
		js, err := json.Marshal(nearArg)
		if err != nil {
			return nil, err
		}
		var q strings.Builder
		q.WriteString(`WITH q(i, b0, b1, b2, b3) AS MATERIALIZED (SELECT key, value->>0, value->>1, value->>2, value->>3 FROM json_each(?))`)
		for b := 0; b < 4; b++ {
			if b > 0 {
				q.WriteString(" UNION ALL")
			}
			fmt.Fprintf(&q, ` SELECT q.i, a.rowid, a.id, a.simhash, a.hash FROM q CROSS JOIN articles a INDEXED BY articles_b%d ON a.b%d = q.b%d`, b, b, b)
		}
		rows, err := tx.QueryContext(ctx, q.String(), string(js))
		if err != nil {
			return nil, fmt.Errorf("near duplicates: %w", err)
		}
		for rows.Next() {
			var (
				k, doc, sim int64
				id, h       string
			)
			if err := rows.Scan(&k, &doc, &id, &sim, &h); err != nil {
				rows.Close()
				return nil, err
			}
			i := nearIdx[k]
			d := dedup.Distance(items[i].fp, uint64(sim))
			if h == items[i].a.Hash {
				d = 0
			}
			out[i].offer(doc, id, d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("near duplicates: %w", err)
		}
	}
	// Exact hashes as an IN list (bound as they are: a hash given by a
	// client need not be valid UTF-8, which JSON would alter).
	byHash := map[string][]int{}
	for k, i := range hashIdx {
		byHash[hashArg[k]] = append(byHash[hashArg[k]], i)
	}
	for off := 0; off < len(hashArg); {
		k := maxRows
		for k > len(hashArg)-off {
			k /= 2
		}
		st, err := c.get(ctx, tx, `SELECT hash, rowid, id FROM articles INDEXED BY articles_hash WHERE hash IN (?`+strings.Repeat(",?", k-1)+`)`)
		if err != nil {
			return nil, fmt.Errorf("exact duplicates: %w", err)
		}
		args := make([]any, k)
		for i := range args {
			args[i] = hashArg[off+i]
		}
		rows, err := st.QueryContext(ctx, args...)
		if err != nil {
			return nil, fmt.Errorf("exact duplicates: %w", err)
		}
		for rows.Next() {
			var (
				h   string
				doc int64
				id  string
			)
			if err := rows.Scan(&h, &doc, &id); err != nil {
				rows.Close()
				return nil, err
			}
			for _, i := range byHash[h] {
				out[i].offer(doc, id, 0)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("exact duplicates: %w", err)
		}
		off += k
	}
	return out, nil
}

// bulk accumulates the rows of one INSERT and runs it as multi-row
// statements of a power-of-two number of rows (at most maxRows, and at
// most maxVars placeholders), so a table needs only a handful of distinct
// statements, each prepared once per Store and reused by every batch
// (parsing a statement with thousands of placeholders costs more than
// running it).
type bulk struct {
	head string // INSERT INTO t(cols)
	tail string // e.g. ON CONFLICT ...
	cols int
	args []any
}

const maxRows = 256

func (b *bulk) add(vals ...any) { b.args = append(b.args, vals...) }

func (b *bulk) exec(ctx context.Context, tx *sql.Tx, c *stmtCache) error {
	n := len(b.args) / b.cols
	per := 1
	for per*2 <= maxRows && per*2*b.cols <= maxVars {
		per *= 2
	}
	row := "(?" + strings.Repeat(",?", b.cols-1) + ")"
	for off := 0; off < n; {
		k := per
		for k > n-off {
			k /= 2
		}
		st, err := c.get(ctx, tx, b.head+" VALUES "+row+strings.Repeat(","+row, k-1)+" "+b.tail)
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(ctx, b.args[off*b.cols:(off+k)*b.cols]...); err != nil {
			return err
		}
		off += k
	}
	return nil
}

// stmtCache keeps the writer's prepared statements for the life of the
// Store, so a statement is parsed once, not once per batch. The writer
// pool has one connection, held by the transaction while a batch runs: a
// statement not yet cached is prepared on the transaction for this use,
// noted, and prepared on the pool after the commit (warm).
type stmtCache struct {
	mu      sync.Mutex
	db      *sql.DB
	m       map[string]*sql.Stmt
	missing []string
	closed  bool
}

func (c *stmtCache) get(ctx context.Context, tx *sql.Tx, q string) (*sql.Stmt, error) {
	c.mu.Lock()
	st, ok := c.m[q]
	if !ok {
		c.missing = append(c.missing, q)
	}
	c.mu.Unlock()
	if ok {
		return tx.StmtContext(ctx, st), nil
	}
	return tx.PrepareContext(ctx, q)
}

// warm prepares the statements missed by the last transaction; called
// with no transaction of this goroutine open, and without holding c.mu
// while preparing (another batch may hold the connection meanwhile). A
// failure only means they are prepared on a transaction again.
func (c *stmtCache) warm(ctx context.Context) {
	c.mu.Lock()
	todo := c.missing
	c.missing = nil
	c.mu.Unlock()
	for _, q := range todo {
		c.mu.Lock()
		_, ok := c.m[q]
		c.mu.Unlock()
		if ok {
			continue
		}
		st, err := c.db.PrepareContext(ctx, q)
		if err != nil {
			return
		}
		c.mu.Lock()
		if _, ok := c.m[q]; ok || c.m == nil && c.closed {
			st.Close()
		} else {
			if c.m == nil {
				c.m = map[string]*sql.Stmt{}
			}
			c.m[q] = st
		}
		c.mu.Unlock()
	}
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m, c.closed = nil, true
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

func mentionRow(a *doc.Article, docID int64, dist int) []any {
	return []any{a.ID, docID, a.URL, a.Source, norm(a.Source), hostOf(a.URL), a.Title, unix(a.Published), a.Origin, dist}
}

// slice returns the text of a span, or "" when the span is out of range
// (annotations come from other processes: never trust them to be sane).
func slice(a *doc.Article, sp doc.Span) string {
	if sp.Start < 0 || sp.End > len(a.Text) || sp.Start > sp.End {
		return ""
	}
	return a.Text[sp.Start:sp.End]
}

// annotations collects the annotation rows of a batch's new stories and
// the batch's contribution to the aggregates (entity_stats, daily).
type annotations struct {
	entities, places, events, themes, quotes bulk
	stats                                    map[string]*entityStat
	statOrder                                []string
	daily                                    map[[3]string]int
	dailyOrder                               [][3]string
}

type entityStat struct {
	typ, name, role, country, actor string
	n                               int
	first, last                     any
}

func (an *annotations) init() {
	if an.stats != nil {
		return
	}
	an.entities = bulk{head: `INSERT INTO entities(doc, ent, type, name, name_norm, role, country, actor, n)`, cols: 9}
	an.places = bulk{head: `INSERT INTO places(doc, idx, name, name_norm, kind, geonameid, lat, lon, country, admin1, confidence)`, cols: 11}
	an.events = bulk{head: `INSERT INTO events(doc, idx, code, base_code, root_code, plover, src_actor, tgt_actor, src_text, tgt_text, goldstein, quad_class, status, day)`, cols: 14}
	an.themes = bulk{head: `INSERT INTO themes(doc, theme, score)`, tail: `ON CONFLICT(doc, theme) DO UPDATE SET score = score + excluded.score`, cols: 3}
	an.quotes = bulk{head: `INSERT INTO quotes(doc, idx, speaker, actor, quote, direct)`, cols: 6}
	an.stats = map[string]*entityStat{}
	an.daily = map[[3]string]int{}
}

func (an *annotations) add(a *doc.Article, docID int64, day any) {
	an.init()
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
		an.entities.add(docID, id, x.e.Type, x.e.Name, norm(x.e.Name), x.e.Role, x.e.Country, x.e.Actor, x.n)
		st := an.stats[id]
		if st == nil {
			st = &entityStat{typ: x.e.Type, name: x.e.Name}
			an.stats[id] = st
			an.statOrder = append(an.statOrder, id)
		}
		st.n++
		if st.role == "" {
			st.role = x.e.Role
		}
		if st.country == "" {
			st.country = x.e.Country
		}
		if st.actor == "" {
			st.actor = x.e.Actor
		}
		if day != nil {
			d := day.(string)
			if st.first == nil || d < st.first.(string) {
				st.first = d
			}
			if st.last == nil || d > st.last.(string) {
				st.last = d
			}
		}
	}
	for i, p := range a.Places {
		an.places.add(docID, i, p.Name, norm(p.Name), p.Kind, p.GeonameID, p.Lat, p.Lon,
			strings.ToUpper(p.Country), p.Admin1, p.Confidence)
	}
	for i, e := range a.Events {
		if e.Code == "" {
			continue
		}
		eday := day
		if len(e.Date) >= 10 {
			eday = e.Date[:10]
		}
		an.events.add(docID, i, e.Code, e.BaseCode, e.RootCode, strings.ToUpper(e.PLOVER),
			e.Source.Code, e.Target.Code, e.Source.Text, e.Target.Text, e.Goldstein, e.QuadClass, e.Status, eday)
	}
	// Themes: article scores when given, else the summed weight of hits.
	if len(a.Scores) > 0 {
		for _, t := range a.Scores {
			an.themes.add(docID, strings.ToUpper(t.Theme), t.Score)
		}
	} else {
		for _, t := range a.Themes {
			w := t.Weight
			if w == 0 {
				w = 1
			}
			an.themes.add(docID, strings.ToUpper(t.Theme), w)
		}
	}
	an.addDaily(a, day)
	for i, q := range a.Quotes {
		speaker := q.SpeakerName
		if speaker == "" {
			speaker = slice(a, q.Speaker)
		}
		direct := 0
		if q.Direct {
			direct = 1
		}
		an.quotes.add(docID, i, speaker, q.Actor, slice(a, q.Span), direct)
	}
}

// addDaily counts a new story in the per-day aggregates (dimension keys
// counted once per story, as the live timeline query does).
func (an *annotations) addDaily(a *doc.Article, day any) {
	if day == nil {
		return
	}
	d := day.(string)
	seen := map[[2]string]bool{}
	add := func(dim, key string) {
		k := [2]string{dim, key}
		if (key != "" || dim == "") && !seen[k] {
			seen[k] = true
			dk := [3]string{dim, key, d}
			if an.daily[dk] == 0 {
				an.dailyOrder = append(an.dailyOrder, dk)
			}
			an.daily[dk]++
		}
	}
	add("", "")
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
}

func (an *annotations) exec(ctx context.Context, tx *sql.Tx, c *stmtCache) error {
	if an.stats == nil {
		return nil
	}
	for _, x := range []struct {
		what string
		b    *bulk
	}{{"entities", &an.entities}, {"places", &an.places}, {"events", &an.events}, {"themes", &an.themes}, {"quotes", &an.quotes}} {
		if err := x.b.exec(ctx, tx, c); err != nil {
			return fmt.Errorf("insert %s: %w", x.what, err)
		}
	}
	stats := bulk{head: `INSERT INTO entity_stats(ent, type, name, role, country, actor, articles, first_day, last_day)`,
		tail: `ON CONFLICT(ent) DO UPDATE SET articles = articles + excluded.articles,
			role = CASE WHEN role = '' THEN excluded.role ELSE role END,
			country = CASE WHEN country = '' THEN excluded.country ELSE country END,
			actor = CASE WHEN actor = '' THEN excluded.actor ELSE actor END,
			first_day = coalesce(min(first_day, excluded.first_day), first_day, excluded.first_day),
			last_day = coalesce(max(last_day, excluded.last_day), last_day, excluded.last_day)`, cols: 9}
	for _, id := range an.statOrder {
		st := an.stats[id]
		stats.add(id, st.typ, st.name, st.role, st.country, st.actor, st.n, st.first, st.last)
	}
	if err := stats.exec(ctx, tx, c); err != nil {
		return fmt.Errorf("entity stats: %w", err)
	}
	daily := bulk{head: `INSERT INTO daily(dim, key, day, n)`, tail: `ON CONFLICT(dim, key, day) DO UPDATE SET n = n + excluded.n`, cols: 4}
	for _, k := range an.dailyOrder {
		daily.add(k[0], k[1], k[2], an.daily[k])
	}
	if err := daily.exec(ctx, tx, c); err != nil {
		return fmt.Errorf("daily counts: %w", err)
	}
	return nil
}
