package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/internal/query"
	"newsgraph/internal/store"
	"newsgraph/internal/store/storetest"
)

// checkParameterised asserts that compiled SQL carries no user text: the
// only string literals are the compiler's own, and every value is a bound
// parameter.
func checkParameterised(t *testing.T, q string, w where) {
	t.Helper()
	s := strings.ReplaceAll(w.sql, "'country','demonym'", "")
	if strings.ContainsAny(s, `'";`) || strings.Contains(s, "--") {
		t.Fatalf("query %q compiled to SQL with a literal: %s", q, w.sql)
	}
	if n := strings.Count(w.sql, "?"); n != len(w.args) {
		t.Fatalf("query %q: %d placeholders, %d args: %s", q, n, len(w.args), w.sql)
	}
}

func TestCompileParameterised(t *testing.T) {
	for _, q := range []string{`'; DROP TABLE articles; --`, `country:"x'; --"`, `actor:"a' OR 1=1"`, `theme:"%'"`,
		`source:"'"`, `a OR NOT (b country:MX)`} {
		n, err := query.Parse(q)
		if err != nil {
			t.Fatalf("Parse(%q): %v", q, err)
		}
		w, err := compile(n)
		if err != nil {
			t.Fatal(err)
		}
		checkParameterised(t, q, w)
	}
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"rubio", `"mexico city" OR paris`, "NOT (a OR b) country:MX", `place:"x y"`, "-a*",
		"event:04 from:2026-01", `'; DROP TABLE articles; --`, `NEAR(a b)`, `title:x`, `a"b`, "theme:%", "actor:USA"} {
		f.Add(s)
	}
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(f.TempDir(), "fuzz.db"), Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	if _, err := s.PutBatch(ctx, storetest.Fixture()); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, q string) {
		n, perr := query.Parse(q)
		if perr == nil {
			w, err := compile(n)
			if err != nil {
				t.Fatalf("compile(%q): %v", q, err)
			}
			checkParameterised(t, q, w)
		}
		res, err := s.Search(ctx, store.Query{Text: q, Limit: 5})
		if err != nil {
			if !errors.Is(err, query.ErrSyntax) {
				t.Fatalf("Search(%q): %v", q, err)
			}
			return
		}
		if res.Total > 3 {
			t.Fatalf("Search(%q) = %d stories of 3", q, res.Total)
		}
	})
}

// TestProbeFormAgrees checks that filters compiled as EXISTS probes (the
// date-index walk for large result sets) select the same stories as the
// IN-set form.
func TestProbeFormAgrees(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "probe.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.PutBatch(ctx, storetest.Fixture()); err != nil {
		t.Fatal(err)
	}
	ids := func(m sel) string {
		where := strings.Replace(m.where, "articles_fts MATCH ?", "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)", 1)
		rows, err := s.r.QueryContext(ctx, "SELECT a.id FROM articles a WHERE "+where+" ORDER BY a.id", m.args...)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id string
			rows.Scan(&id)
			out = append(out, id)
		}
		return strings.Join(out, ",")
	}
	for _, q := range []string{"actor:USA", `actor:"Claudia Sheinbaum"`, "actor:per-marco-rubio", "country:MX", "country:CAN", "country:France",
		`place:"mexico city"`, "place:2988507", "theme:ECON", "event:04", "event:141", "event:PROTEST", "source:reuters", "source:bbc.co.uk",
		"rubio country:CA", "trade OR event:14", "NOT (theme:ECON_TRADE OR source:bbc)", "rubio AND NOT actor:CANGOV", "from:2026-11-26 theme:ECON"} {
		in, err := matchMode(q, nil, false)
		if err != nil {
			t.Fatal(err)
		}
		probe, err := matchMode(q, nil, true)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := query.Parse(q)
		w, _ := compileMode(n, true)
		checkParameterised(t, q, w)
		if a, b := ids(in), ids(probe); a != b {
			t.Errorf("%s: IN form %q, probe form %q", q, a, b)
		}
	}
}
