package syntax_test

import (
	"context"
	"os"
	"testing"

	"newsgraph/internal/doc"
	"newsgraph/internal/syntax"
	"newsgraph/internal/tagger"
	"newsgraph/internal/text"
)

func TestStage(t *testing.T) {
	const dir = "../../data"
	if _, err := os.Stat(dir + "/" + tagger.ClustersFile); err != nil {
		t.Skip("data folder not set up (make setup)")
	}
	res, err := tagger.LoadResources(dir)
	if err != nil {
		t.Fatal(err)
	}
	s, err := syntax.Load(res)
	if err != nil {
		t.Fatal(err)
	}
	a := &doc.Article{Text: "The minister said the talks were constructive. Washington’s determination is clear."}
	ts, _ := text.New()
	if err := ts.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if err := s.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{ // word -> POS, chunk
		"The":      {"DT", "B-NP"},
		"minister": {"NN", "I-NP"},
		"said":     {"VBD", "B-VP"},
		"talks":    {"NNS", "I-NP"},
		"’s":       {"POS", ""},
	}
	for _, tok := range a.Tokens {
		w := a.Slice(tok.Span)
		if exp, ok := want[w]; ok {
			if tok.POS != exp[0] || (exp[1] != "" && tok.Chunk != exp[1]) {
				t.Errorf("%q: POS %s chunk %s, want %s %s", w, tok.POS, tok.Chunk, exp[0], exp[1])
			}
		}
		if tok.POS == "" || tok.Chunk == "" {
			t.Errorf("%q: untagged", w)
		}
	}
}
