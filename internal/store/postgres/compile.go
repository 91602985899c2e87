package postgres

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"newsgraph/internal/query"
)

// where is a compiled query: a SQL boolean over the articles table (alias
// a) and its bound arguments, plus the tsquery expression of its full-text
// part (for ranking). Every value is a $n parameter; full-text terms go
// through plainto_tsquery/phraseto_tsquery, which treat their input as
// words, so a user's tsquery syntax (&, |, !, <->, :*) is searched for,
// never executed.
type where struct {
	sql  string // "" means TRUE
	args []any
	rank string // tsquery SQL expression for ts_rank, "" none
}

func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

// compile turns a parsed query into a where whose placeholders start after
// the args already in w.
func (w *where) compile(n query.Node) error {
	if n == nil {
		return nil
	}
	if and, ok := n.(query.And); ok {
		// Full-text children first, as one tsquery: one GIN probe and the rank.
		var fts, rest []query.Node
		for _, c := range and.Nodes {
			if isFTS(c) || isNegFTS(c) {
				fts = append(fts, c)
			} else {
				rest = append(rest, c)
			}
		}
		var parts []string
		if hasPositive(fts) {
			e, _ := w.tsq(query.And{Nodes: fts})
			w.rank = e
			parts = append(parts, "a.tsv @@ "+e)
		} else {
			rest = append(rest, fts...)
		}
		for _, c := range rest {
			s, err := w.node(c)
			if err != nil {
				return err
			}
			parts = append(parts, s)
		}
		w.sql = strings.Join(parts, " AND ")
		return nil
	}
	if isFTS(n) {
		e, _ := w.tsq(n)
		w.rank = e
		w.sql = "a.tsv @@ " + e
		return nil
	}
	s, err := w.node(n)
	if err != nil {
		return err
	}
	w.sql = s
	return nil
}

func hasPositive(ns []query.Node) bool {
	for _, n := range ns {
		if isFTS(n) {
			return true
		}
	}
	return false
}

func isNegFTS(n query.Node) bool {
	nt, ok := n.(query.Not)
	return ok && isFTS(nt.Node)
}

// isFTS reports whether n is made only of terms (and NOTs of terms under an
// AND with a positive term), so it can be one tsquery.
func isFTS(n query.Node) bool {
	switch v := n.(type) {
	case query.Term:
		return true
	case query.Or:
		for _, c := range v.Nodes {
			if !isFTS(c) {
				return false
			}
		}
		return true
	case query.And:
		pos := false
		for _, c := range v.Nodes {
			if isFTS(c) {
				pos = true
			} else if !isNegFTS(c) {
				return false
			}
		}
		return pos
	}
	return false
}

// tsq renders a full-text node as a tsquery SQL expression.
func (w *where) tsq(n query.Node) (string, bool) {
	switch v := n.(type) {
	case query.Term:
		return w.term(v), true
	case query.Not:
		e, ok := w.tsq(v.Node)
		return "(!! " + e + ")", ok
	case query.Or:
		parts := make([]string, 0, len(v.Nodes))
		for _, c := range v.Nodes {
			e, ok := w.tsq(c)
			if !ok {
				return "", false
			}
			parts = append(parts, e)
		}
		return "(" + strings.Join(parts, " || ") + ")", true
	case query.And:
		parts := make([]string, 0, len(v.Nodes))
		for _, c := range v.Nodes {
			e, ok := w.tsq(c)
			if !ok {
				return "", false
			}
			parts = append(parts, e)
		}
		return "(" + strings.Join(parts, " && ") + ")", true
	}
	return "", false
}

// term is one word or phrase as a tsquery. A prefix word is reduced to its
// letters and digits (so nothing in it is tsquery syntax) before ":*".
func (w *where) term(t query.Term) string {
	switch {
	case t.Phrase:
		return "phraseto_tsquery('english', " + w.arg(t.Text) + ")"
	case t.Prefix:
		var b strings.Builder
		for _, r := range strings.ToLower(t.Text) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
		if b.Len() == 0 {
			return "plainto_tsquery('english', " + w.arg(t.Text) + ")"
		}
		return "to_tsquery('simple', " + w.arg(b.String()+":*") + ")"
	}
	return "plainto_tsquery('english', " + w.arg(t.Text) + ")"
}

func (w *where) node(n query.Node) (string, error) {
	if isFTS(n) {
		e, _ := w.tsq(n)
		return "a.tsv @@ " + e, nil
	}
	if s, ok, err := query.SQLBool(n, w.node); ok {
		return s, err
	}
	switch v := n.(type) {
	case query.Field:
		return w.field(v)
	}
	return "", fmt.Errorf("%w: unknown query node %T", query.ErrSyntax, n)
}

// prefix returns a LIKE pattern matching strings that start with p, with
// LIKE's own metacharacters escaped.
func prefix(p string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(p) + "%"
}

func isCode(s string) bool {
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return len(s) >= 3
}

func isLetter(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// field compiles a filter with the same meaning as the SQLite store's.
func (w *where) field(f query.Field) (string, error) {
	v := strings.TrimSpace(f.Value)
	switch f.Name {
	case "actor":
		if isCode(v) {
			p := w.arg(prefix(v))
			return "a.doc IN (SELECT doc FROM events WHERE src_actor LIKE " + p +
				" UNION ALL SELECT doc FROM events WHERE tgt_actor LIKE " + p +
				" UNION ALL SELECT doc FROM entities WHERE actor <> '' AND actor LIKE " + p + ")", nil
		}
		return "a.doc IN (SELECT doc FROM entities WHERE name_norm = " + w.arg(norm(v)) +
			" UNION ALL SELECT doc FROM entities WHERE ent = " + w.arg(strings.ToLower(v)) + ")", nil
	case "country":
		switch {
		case len(v) == 2 && isLetter(v):
			c := w.arg(strings.ToUpper(v))
			return "(a.focus_country = " + c + " OR a.doc IN (SELECT doc FROM places WHERE country = " + c + "))", nil
		case len(v) == 3 && isLetter(v):
			p := w.arg(prefix(strings.ToUpper(v)))
			return "a.doc IN (SELECT doc FROM events WHERE src_actor LIKE " + p +
				" UNION ALL SELECT doc FROM events WHERE tgt_actor LIKE " + p + ")", nil
		}
		return "a.doc IN (SELECT doc FROM places WHERE name_norm = " + w.arg(norm(v)) + " AND kind IN ('country', 'demonym'))", nil
	case "place":
		if id, err := strconv.Atoi(v); err == nil {
			return "a.doc IN (SELECT doc FROM places WHERE geonameid = " + w.arg(id) + ")", nil
		}
		return "a.doc IN (SELECT doc FROM places WHERE name_norm = " + w.arg(norm(v)) + ")", nil
	case "theme":
		t := strings.ToUpper(v)
		return "a.doc IN (SELECT doc FROM themes WHERE theme = " + w.arg(t) +
			" UNION ALL SELECT doc FROM themes WHERE theme LIKE " + w.arg(prefix(t+"_")) + ")", nil
	case "event":
		k, err := query.EventCode(v)
		if err != nil {
			return "", fmt.Errorf("%w: %v", query.ErrSyntax, err)
		}
		switch k {
		case query.EventRoot:
			return "a.doc IN (SELECT doc FROM events WHERE root_code = " + w.arg(v) + ")", nil
		case query.EventBase: // "042" is both a base code and a full code
			p := w.arg(v)
			return "a.doc IN (SELECT doc FROM events WHERE base_code = " + p + " UNION ALL SELECT doc FROM events WHERE code = " + p + ")", nil
		case query.EventCodeK:
			return "a.doc IN (SELECT doc FROM events WHERE code = " + w.arg(v) + ")", nil
		default:
			return "a.doc IN (SELECT doc FROM events WHERE plover = " + w.arg(strings.ToUpper(v)) + ")", nil
		}
	case "source":
		s := norm(v)
		return "a.doc IN (SELECT doc FROM mentions WHERE source_norm LIKE " + w.arg(prefix(s)) +
			" UNION ALL SELECT doc FROM mentions WHERE host = " + w.arg(hostNorm(s)) + ")", nil
	case "from", "to":
		start, end, err := query.DateRange(v)
		if err != nil {
			return "", fmt.Errorf("%w: %v", query.ErrSyntax, err)
		}
		if f.Name == "from" {
			return "a.published >= " + w.arg(start), nil
		}
		return "a.published < " + w.arg(end), nil
	}
	return "", fmt.Errorf("%w: unknown filter %q", query.ErrSyntax, f.Name)
}
