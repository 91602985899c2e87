package themes

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"newsgraph/internal/doc"
)

func newStage(t testing.TB) *Stage {
	t.Helper()
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestTaxonomy(t *testing.T) {
	s := newStage(t)
	tax := s.Matcher().Taxonomy()
	if n := len(tax.Themes); n < 60 {
		t.Errorf("taxonomy has %d themes, want at least 60", n)
	}
	for _, c := range [][2]string{{"FENTANYL", "DRUG_TRAFFICKING"}, {"TARIFFS", "TRADE"}, {"TRADE_AGREEMENT", "TRADE"}} {
		if p := tax.Parent(c[0]); p != c[1] {
			t.Errorf("parent of %s = %q, want %s", c[0], p, c[1])
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, bad := range []string{
		"1 orphan term",
		"THEME A < MISSING\n1 a",
		"THEME A\nx not a weight",
		"THEME A < B\nTHEME B < A",
		"THEME A\nTHEME A",
		"THEME A\n1 ab*",
	} {
		if _, err := Load(strings.NewReader(bad), "bad.txt"); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

func TestMatch(t *testing.T) {
	s := newStage(t)
	tests := []struct {
		text  string
		theme string
		span  string
	}{
		{"They discussed drug trafficking routes.", "DRUG_TRAFFICKING", "drug trafficking"},
		{"Seizures of fentanyl rose.", "FENTANYL", "fentanyl"},
		{"New tariffs on steel.", "TARIFFS", "tariffs"},
		{"Los aranceles subieron.", "TARIFFS", "aranceles"},
		{"El narcotrafico crece.", "DRUG_TRAFFICKING", "narcotrafico"},
		{"Reforms to the USMCA trade agreement.", "TRADE_AGREEMENT", "USMCA"},
		{"El T-MEC se revisa.", "TRADE_AGREEMENT", "T-MEC"},
		{"Narcotraffickers fled.", "DRUG_TRAFFICKING", "Narcotraffickers"},
		{"Los derechos humanos de los migrantes.", "HUMAN_RIGHTS", "derechos humanos"},
		{"The WHO warned of an outbreak.", "HEALTH", "WHO"},
		{"Protesters march on the capital.", "PROTEST", "march"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			hits := s.Matcher().Match(tt.text, nil)
			for _, h := range hits {
				if h.Theme == tt.theme && tt.text[h.Start:h.End] == tt.span {
					return
				}
			}
			t.Errorf("no %s hit on %q; got %v", tt.theme, tt.span, hits)
		})
	}
	// Case and longest match: "who" is not the WHO, "March 3" is not a protest,
	// "artificial intelligence" is not INTELLIGENCE.
	for _, tt := range []struct{ text, theme string }{
		{"Those who left.", "HEALTH"},
		{"Sales rose on March 3.", "PROTEST"},
		{"Advances in artificial intelligence.", "INTELLIGENCE"},
	} {
		for _, h := range s.Matcher().Match(tt.text, nil) {
			if h.Theme == tt.theme {
				t.Errorf("%q: unexpected %s hit %q", tt.text, tt.theme, tt.text[h.Start:h.End])
			}
		}
	}
}

func TestScoresPropagateToParent(t *testing.T) {
	s := newStage(t)
	a := &doc.Article{Text: "Fentanyl, fentanyl and more fentanyl."}
	if err := s.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, sc := range a.Scores {
		got[sc.Theme] = sc.Score
	}
	if got["FENTANYL"] != 9 || got["DRUG_TRAFFICKING"] != 4.5 || got["ORGANIZED_CRIME"] != 2.25 {
		t.Errorf("scores %v", a.Scores)
	}
}

func TestRubioExample(t *testing.T) {
	b, err := os.ReadFile("../../../shared/examples/rubio-mexico.txt")
	if err != nil {
		t.Skip("shared example absent:", err)
	}
	s := newStage(t)
	a := &doc.Article{Text: string(b)}
	if err := s.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, sc := range a.Scores {
		names = append(names, sc.Theme)
	}
	for _, want := range []string{"SECURITY", "ORGANIZED_CRIME", "DRUG_TRAFFICKING", "FENTANYL", "BORDER",
		"MIGRATION", "HUMAN_RIGHTS", "SOVEREIGNTY", "TRADE", "TARIFFS", "TRADE_AGREEMENT", "MILITARY",
		"DIPLOMACY", "INTELLIGENCE", "LAW_ENFORCEMENT"} {
		if !slices.Contains(names, want) {
			t.Errorf("theme %s missing; got %v", want, a.Scores)
		}
	}
	for _, h := range a.Themes {
		if h.Start < 0 || h.End > len(a.Text) || h.Start >= h.End {
			t.Fatalf("bad span %+v", h)
		}
	}
	t.Logf("scores: %v", a.Scores)
}

func BenchmarkStage(b *testing.B) {
	text, err := os.ReadFile("../../../shared/examples/rubio-mexico.txt")
	if err != nil {
		b.Skip(err)
	}
	s := newStage(b)
	a := &doc.Article{Text: string(text)}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		_ = s.Process(context.Background(), a)
	}
}
