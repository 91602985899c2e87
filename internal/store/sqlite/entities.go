package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"newsgraph/internal/doc"
	"newsgraph/internal/store"
)

func scanEntity(sc interface{ Scan(...any) error }, e *store.EntitySummary) error {
	var first, last sql.NullString
	err := sc.Scan(&e.ID, &e.Type, &e.Name, &e.Role, &e.Country, &e.Actor, &e.Articles, &first, &last)
	e.FirstSeen, e.LastSeen = first.String, last.String
	return err
}

// Entities lists entities of the matching stories, most frequent first.
func (s *Store) Entities(ctx context.Context, q store.EntityQuery) ([]store.EntitySummary, error) {
	limit, offset := store.Page(q.Limit, q.Offset, 50)
	var (
		stmt string
		args []any
	)
	filter := " AND (? = '' OR %[1]stype = ?) AND (? = '' OR (lower(%[1]sname) >= ? AND lower(%[1]sname) < ?))"
	lo, hi := prefixRange(norm(q.Name))
	fargs := []any{strings.ToUpper(q.Type), strings.ToUpper(q.Type), lo, lo, hi}
	if strings.TrimSpace(q.Text) == "" {
		stmt = `SELECT ent, type, name, role, country, actor, articles, first_day, last_day FROM entity_stats WHERE 1` +
			fmt.Sprintf(filter, "") + ` ORDER BY articles DESC, ent LIMIT ? OFFSET ?`
		args = append(fargs, limit, offset)
	} else {
		s.awaitIndex()
		m, err := match(q.Text, nil)
		if err != nil {
			return nil, err
		}
		stmt = `SELECT e.ent, max(e.type), max(e.name), max(e.role), max(e.country), max(e.actor), count(*), min(a.day), max(a.day)
			FROM entities e JOIN articles a ON a.rowid = e.doc WHERE e.doc IN (` + m.docs() + `)` + fmt.Sprintf(filter, "e.") +
			` GROUP BY e.ent ORDER BY 7 DESC, 1 LIMIT ? OFFSET ?`
		args = append(append(m.args, fargs...), limit, offset)
	}
	rows, err := s.r.QueryContext(ctx, stmt, args...)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	defer rows.Close()
	out := []store.EntitySummary{}
	for rows.Next() {
		var e store.EntitySummary
		if err := scanEntity(rows, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Entity returns one entity with its timeline, co-occurring entities and
// most recent stories. q.Text, when set, restricts all three to matching
// stories.
func (s *Store) Entity(ctx context.Context, id string, q store.EntityQuery) (*store.EntityDetail, error) {
	d := &store.EntityDetail{Timeline: []store.Bucket{}, CoOccur: []store.CoEntity{}, Recent: []store.Hit{}}
	err := scanEntity(s.r.QueryRowContext(ctx, `SELECT ent, type, name, role, country, actor, articles, first_day, last_day
		FROM entity_stats WHERE ent = ?`, id), &d.EntitySummary)
	if isNotFound(err) {
		return nil, notFound("entity", id)
	}
	if err != nil {
		return nil, fmt.Errorf("entity %q: %w", id, err)
	}
	restrict, rargs := "", []any{}
	if strings.TrimSpace(q.Text) != "" {
		s.awaitIndex()
		m, err := match(q.Text, nil)
		if err != nil {
			return nil, err
		}
		restrict, rargs = " AND e.doc IN ("+m.docs()+")", m.args
	}
	with := func(args ...any) []any { return append(append([]any{id}, rargs...), args...) }

	// Dates come from the narrow articles_dates index: the story rows
	// (text, annotation JSON) are read only for the 10 recent stories.
	rows, err := s.r.QueryContext(ctx, `SELECT a.day, count(*) FROM entities e JOIN articles a INDEXED BY articles_dates ON a.rowid = e.doc
		WHERE e.ent = ?`+restrict+` AND a.day IS NOT NULL GROUP BY a.day ORDER BY a.day`, with()...)
	if err != nil {
		return nil, fmt.Errorf("entity %q timeline: %w", id, err)
	}
	for rows.Next() {
		var b store.Bucket
		if err := rows.Scan(&b.Day, &b.Count); err != nil {
			rows.Close()
			return nil, err
		}
		d.Timeline = append(d.Timeline, b)
	}
	rows.Close()

	limit, _ := store.Page(q.Limit, 0, 20)
	matching := d.Articles
	if restrict != "" {
		matching = 0
		for _, b := range d.Timeline {
			matching += b.Count
		}
	}
	if matching > store.CoOccurScan {
		d.CoOccurSample = store.CoOccurScan
	}
	rows, err = s.r.QueryContext(ctx, `SELECT s.ent, s.type, s.name, s.role, s.country, s.actor, s.articles, s.first_day, s.last_day, t.n
		FROM (SELECT e2.ent, count(*) AS n FROM (SELECT e.doc FROM entities e JOIN articles d INDEXED BY articles_dates ON d.rowid = e.doc
				WHERE e.ent = ?`+restrict+` ORDER BY d.published DESC, d.rowid DESC LIMIT ?) r
			JOIN entities e2 ON e2.doc = r.doc AND e2.ent <> ? GROUP BY e2.ent ORDER BY n DESC, e2.ent LIMIT ?) t
		JOIN entity_stats s ON s.ent = t.ent ORDER BY t.n DESC, s.ent`, with(store.CoOccurScan, id, limit)...)
	if err != nil {
		return nil, fmt.Errorf("entity %q co-occurrence: %w", id, err)
	}
	for rows.Next() {
		var c store.CoEntity
		var first, last sql.NullString
		if err := rows.Scan(&c.ID, &c.Type, &c.Name, &c.Role, &c.Country, &c.Actor, &c.Articles, &first, &last, &c.Together); err != nil {
			rows.Close()
			return nil, err
		}
		c.FirstSeen, c.LastSeen = first.String, last.String
		d.CoOccur = append(d.CoOccur, c)
	}
	rows.Close()

	rows, err = s.r.QueryContext(ctx, `SELECT a.id, a.title, a.url, a.source, a.published, a.lang, substr(a.text, 1, 280), a.mentions
		FROM articles a WHERE a.rowid IN (SELECT e.doc FROM entities e JOIN articles d INDEXED BY articles_dates ON d.rowid = e.doc
			WHERE e.ent = ?`+restrict+` ORDER BY d.published DESC, d.rowid DESC LIMIT 10)
		ORDER BY a.published DESC, a.rowid DESC`, with()...)
	if err != nil {
		return nil, fmt.Errorf("entity %q recent: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var h store.Hit
		var pub sql.NullInt64
		if err := rows.Scan(&h.ID, &h.Title, &h.URL, &h.Source, &pub, &h.Lang, &h.Snippet, &h.Mentions); err != nil {
			return nil, err
		}
		h.Published = fromUnix(pub)
		d.Recent = append(d.Recent, h)
	}
	return d, rows.Err()
}

// Events lists coded events of the matching stories, newest first.
func (s *Store) Events(ctx context.Context, q store.EventQuery) ([]store.EventRecord, error) {
	limit, offset := store.Page(q.Limit, q.Offset, 50)
	conds := []string{"1"}
	var args []any
	if strings.TrimSpace(q.Text) != "" {
		s.awaitIndex()
		m, err := match(q.Text, nil)
		if err != nil {
			return nil, err
		}
		conds = append(conds, "e.doc IN ("+m.docs()+")")
		args = append(args, m.args...)
	}
	if q.Root != "" {
		conds = append(conds, "e.root_code = ?")
		args = append(args, q.Root)
	}
	if q.Code != "" {
		lo, hi := prefixRange(q.Code)
		conds = append(conds, "e.code >= ? AND e.code < ?")
		args = append(args, lo, hi)
	}
	if q.Actor != "" {
		lo, hi := prefixRange(strings.ToUpper(q.Actor))
		conds = append(conds, "((e.src_actor >= ? AND e.src_actor < ?) OR (e.tgt_actor >= ? AND e.tgt_actor < ?))")
		args = append(args, lo, hi, lo, hi)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT e.doc, e.idx, a.id, a.published FROM events e JOIN articles a ON a.rowid = e.doc
		WHERE `+strings.Join(conds, " AND ")+` ORDER BY a.published DESC, e.doc DESC, e.idx LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	type ref struct {
		doc int64
		idx int
		id  string
		pub sql.NullInt64
	}
	var refs []ref
	for rows.Next() {
		var r ref
		if err := rows.Scan(&r.doc, &r.idx, &r.id, &r.pub); err != nil {
			rows.Close()
			return nil, err
		}
		refs = append(refs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	// The full event lives in the article's annotations.
	cache := map[int64]*doc.Article{}
	out := []store.EventRecord{}
	for _, r := range refs {
		a, ok := cache[r.doc]
		if !ok {
			var text string
			var ann []byte
			if err := s.r.QueryRowContext(ctx, `SELECT text, ann FROM articles WHERE rowid = ?`, r.doc).Scan(&text, &ann); err != nil {
				return nil, fmt.Errorf("events: load article: %w", err)
			}
			if a, err = decodeArticle(text, ann); err != nil {
				return nil, err
			}
			cache[r.doc] = a
		}
		if rec, ok := store.NewEventRecord(a, r.idx, r.id, fromUnix(r.pub)); ok {
			out = append(out, rec)
		}
	}
	return out, nil
}

// Places lists places of the matching stories, most frequent first.
func (s *Store) Places(ctx context.Context, q store.PlaceQuery) ([]store.PlaceSummary, error) {
	limit, offset := store.Page(q.Limit, q.Offset, 50)
	conds := []string{"1"}
	var args []any
	if strings.TrimSpace(q.Text) != "" {
		s.awaitIndex()
		m, err := match(q.Text, nil)
		if err != nil {
			return nil, err
		}
		conds = append(conds, "p.doc IN ("+m.docs()+")")
		args = append(args, m.args...)
	}
	if q.Country != "" {
		conds = append(conds, "p.country = ?")
		args = append(args, strings.ToUpper(q.Country))
	}
	stmt := `SELECT max(p.name), max(p.kind), p.geonameid, max(p.country), avg(p.lat), avg(p.lon), count(DISTINCT p.doc)
		FROM places p WHERE ` + strings.Join(conds, " AND ") + `
		GROUP BY p.geonameid, CASE WHEN p.geonameid = 0 THEN p.name_norm END ORDER BY 7 DESC, 1 LIMIT ? OFFSET ?`
	if len(conds) == 1 {
		// Unfiltered (the map's first view): the per-place aggregate kept
		// on insert, not a scan of every place row.
		stmt = `SELECT name, kind, geonameid, country, CASE WHEN lat_n > 0 THEN lat_sum / lat_n END,
			CASE WHEN lon_n > 0 THEN lon_sum / lon_n END, docs FROM place_stats ORDER BY 7 DESC, 1 LIMIT ? OFFSET ?`
	}
	rows, err := s.r.QueryContext(ctx, stmt, append(args, limit, offset)...)
	if err != nil {
		return nil, fmt.Errorf("places: %w", err)
	}
	defer rows.Close()
	out := []store.PlaceSummary{}
	for rows.Next() {
		var p store.PlaceSummary
		var lat, lon sql.NullFloat64
		if err := rows.Scan(&p.Name, &p.Kind, &p.GeonameID, &p.Country, &lat, &lon, &p.Articles); err != nil {
			return nil, err
		}
		p.Lat, p.Lon = lat.Float64, lon.Float64
		out = append(out, p)
	}
	return out, rows.Err()
}

// Network builds the actor graph of the matching stories' events.
func (s *Store) Network(ctx context.Context, q store.NetworkQuery) (*store.Network, error) {
	conds := []string{"e.src_actor <> ''", "e.tgt_actor <> ''", "e.src_actor <> e.tgt_actor"}
	var args []any
	if strings.TrimSpace(q.Text) != "" {
		s.awaitIndex()
		m, err := match(q.Text, nil)
		if err != nil {
			return nil, err
		}
		conds = append(conds, "e.doc IN ("+m.docs()+")")
		args = append(args, m.args...)
	}
	if q.Root != "" {
		conds = append(conds, "e.root_code = ?")
		args = append(args, q.Root)
	}
	stmt := `SELECT e.src_actor, e.tgt_actor, e.root_code, count(*), sum(e.goldstein), max(e.src_text), max(e.tgt_text)
		FROM events e WHERE ` + strings.Join(conds, " AND ") + ` GROUP BY 1, 2, 3`
	if strings.TrimSpace(q.Text) == "" {
		// No full-text part: the actor-pair aggregate kept on insert has
		// the same groups, so the graph costs its edges, not every event.
		stmt = `SELECT src, tgt, root, n, gsum, src_text, tgt_text FROM actor_pairs`
		if q.Root != "" {
			stmt += ` WHERE root = ?`
		}
	}
	rows, err := s.r.QueryContext(ctx, stmt, args...)
	if err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	defer rows.Close()
	type agg struct {
		edge  store.NetEdge
		sum   float64
		roots map[string]int
	}
	edges := map[[2]string]*agg{}
	labels := map[string]string{}
	for rows.Next() {
		var (
			src, tgt, root, st, tt string
			n                      int
			sum                    float64
		)
		if err := rows.Scan(&src, &tgt, &root, &n, &sum, &st, &tt); err != nil {
			return nil, err
		}
		k := [2]string{src, tgt}
		x := edges[k]
		if x == nil {
			x = &agg{edge: store.NetEdge{Source: src, Target: tgt}, roots: map[string]int{}}
			edges[k] = x
		}
		x.edge.Count += n
		x.sum += sum
		x.roots[root] += n
		if labels[src] == "" {
			labels[src] = st
		}
		if labels[tgt] == "" {
			labels[tgt] = tt
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("network: %w", err)
	}
	minCount := max(q.MinCount, 1)
	limit := q.Limit
	if limit <= 0 {
		limit = 200
	}
	limit = min(limit, 5000)
	var list []store.NetEdge
	for _, x := range edges {
		if x.edge.Count < minCount {
			continue
		}
		x.edge.Goldstein = x.sum / float64(x.edge.Count)
		best := -1
		for r, n := range x.roots {
			if n > best || n == best && r < x.edge.TopRoot {
				x.edge.TopRoot, best = r, n
			}
		}
		list = append(list, x.edge)
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].Count != list[j].Count {
			return list[i].Count > list[j].Count
		}
		if list[i].Source != list[j].Source {
			return list[i].Source < list[j].Source
		}
		return list[i].Target < list[j].Target
	})
	if len(list) > limit {
		list = list[:limit]
	}
	net := &store.Network{Nodes: []store.NetNode{}, Edges: []store.NetEdge{}}
	nodes := map[string]*store.NetNode{}
	var order []string
	for _, e := range list {
		net.Edges = append(net.Edges, e)
		for _, id := range []string{e.Source, e.Target} {
			n := nodes[id]
			if n == nil {
				n = &store.NetNode{ID: id, Label: labels[id]}
				nodes[id] = n
				order = append(order, id)
			}
			n.Events += e.Count
		}
	}
	for _, id := range order {
		net.Nodes = append(net.Nodes, *nodes[id])
	}
	sort.SliceStable(net.Nodes, func(i, j int) bool { return net.Nodes[i].Events > net.Nodes[j].Events })
	return net, nil
}
