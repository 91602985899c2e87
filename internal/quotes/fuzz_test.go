package quotes

import (
	"context"
	"testing"

	"newsgraph/internal/doc"
	"newsgraph/internal/text"
)

// FuzzQuotes checks that any text yields in-bounds quote and speaker spans.
func FuzzQuotes(f *testing.F) {
	for _, s := range []string{`"a b c," said X.`, `“unclosed quote said`, `, said.`, `according to`, `" " " "`, `X said that`} {
		f.Add(s)
	}
	ts, _ := text.New()
	st, _ := New()
	f.Fuzz(func(t *testing.T, s string) {
		a := &doc.Article{Text: s}
		if err := ts.Process(context.Background(), a); err != nil {
			t.Skip()
		}
		if err := st.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		for _, q := range a.Quotes {
			for _, sp := range []doc.Span{q.Span, q.Speaker} {
				if sp.Start < 0 || sp.Start > sp.End || sp.End > len(s) {
					t.Fatalf("%q: bad span %+v", s, q)
				}
			}
		}
	})
}
