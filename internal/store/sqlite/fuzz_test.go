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
