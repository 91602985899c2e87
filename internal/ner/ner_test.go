package ner_test

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"newsgraph/internal/doc"
	"newsgraph/internal/ner"
	"newsgraph/internal/pipeline"
	"newsgraph/internal/syntax"
	"newsgraph/internal/tagger"
	"newsgraph/internal/text"
)

// dataDir is the data folder `make setup` fills (the repository's ./data).
const dataDir = "../../data"

var (
	flowOnce sync.Once
	flow     *pipeline.Pipeline
	flowErr  error
)

// newFlow builds text -> syntax -> ner, skipping when the data folder has
// not been set up.
func newFlow(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	if _, err := os.Stat(dataDir + "/" + tagger.ClustersFile); err != nil {
		t.Skip("data folder not set up (make setup)")
	}
	flowOnce.Do(func() {
		res, err := ner.LoadResources(dataDir)
		if err != nil {
			flowErr = err
			return
		}
		ts, _ := text.New()
		sy, err := syntax.Load(res)
		if err != nil {
			flowErr = err
			return
		}
		ns, err := ner.New(dataDir, res)
		if err != nil {
			flowErr = err
			return
		}
		flow, flowErr = pipeline.New(ts, sy, ns)
	})
	if flowErr != nil {
		t.Fatal(flowErr)
	}
	return flow
}

func analyze(t *testing.T, txt string) *doc.Article {
	t.Helper()
	a := &doc.Article{ID: "t", Text: txt}
	if err := newFlow(t).Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func persons(a *doc.Article) []doc.Entity {
	var out []doc.Entity
	for _, e := range a.Entities {
		if e.Type == doc.PER {
			out = append(out, e)
		}
	}
	return out
}

// TestRubioMexico runs the shared example article through the stages: it
// must yield exactly two persons, canonical, with roles and countries, and
// every mention of Rubio linked to one entity.
func TestRubioMexico(t *testing.T) {
	b, err := os.ReadFile("../../../shared/examples/rubio-mexico.txt")
	if err != nil {
		t.Skip("shared example not present")
	}
	a := analyze(t, string(b))
	ps := persons(a)
	if len(ps) != 2 {
		for _, e := range ps {
			t.Logf("person %+v", e)
		}
		t.Fatalf("got %d persons, want 2", len(ps))
	}
	want := map[string][2]string{
		"Marco Rubio":       {"Secretary of State", "US"},
		"Claudia Sheinbaum": {"President", "MX"},
	}
	for _, e := range ps {
		w, ok := want[e.Name]
		if !ok {
			t.Errorf("unexpected person %q", e.Name)
			continue
		}
		if e.Role != w[0] || e.Country != w[1] {
			t.Errorf("%s: role %q country %q, want %q %q", e.Name, e.Role, e.Country, w[0], w[1])
		}
	}
	// Every "Rubio" in the text lies in a mention of the Rubio entity.
	rubio := -1
	for i, e := range a.Entities {
		if e.Name == "Marco Rubio" {
			rubio = i
		}
	}
	n := 0
	for off := 0; ; {
		k := strings.Index(a.Text[off:], "Rubio")
		if k < 0 {
			break
		}
		at := off + k
		off = at + 1
		n++
		linked := false
		for _, m := range a.Mentions {
			if m.Start <= at && at < m.End && m.Entity == rubio {
				linked = true
			}
		}
		if !linked {
			t.Errorf("Rubio at byte %d not linked to the Rubio entity", at)
		}
	}
	if n < 5 {
		t.Errorf("found %d Rubio strings, want >= 5", n)
	}
	// "he" in the last paragraph is Rubio.
	he := strings.LastIndex(a.Text, " he ") + 1
	for _, m := range a.Mentions {
		if m.Start == he && m.Kind == "pronoun" && m.Entity != rubio {
			t.Errorf("'he' linked to %d, want Rubio (%d)", m.Entity, rubio)
		}
	}
	// Washington's determination: the US government.
	gov := false
	for _, e := range a.Entities {
		if e.Actor == "USAGOV" && e.Country == "US" && e.Type == doc.ORG {
			gov = true
		}
	}
	if !gov {
		t.Error("no USAGOV entity for Washington as an actor")
	}
}

func TestTitlesAndCoref(t *testing.T) {
	tests := []struct {
		name, text         string
		person, role, ctry string
		mentions           int // mentions linked to the person
	}{
		{"prefix title and country", "German Chancellor Olaf Scholz met workers in Berlin on Monday. Scholz said he was pleased.",
			"Olaf Scholz", "Chancellor", "DE", 3},
		{"title of country", "President of France Emmanuel Macron arrived in Rome. Macron spoke to reporters.",
			"Emmanuel Macron", "President", "FR", 2},
		{"apposition", "Keir Starmer, the British prime minister, visited Paris on Friday. Mr. Starmer met officials.",
			"Keir Starmer", "Prime Minister", "GB", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := analyze(t, tc.text)
			var got *doc.Entity
			for i, e := range a.Entities {
				if e.Name == tc.person {
					got = &a.Entities[i]
				}
			}
			if got == nil {
				t.Fatalf("no entity %q in %+v", tc.person, a.Entities)
			}
			if got.Role != tc.role || got.Country != tc.ctry {
				t.Errorf("role %q country %q, want %q %q", got.Role, got.Country, tc.role, tc.ctry)
			}
			if len(got.Mentions) != tc.mentions {
				t.Errorf("%d mentions, want %d", len(got.Mentions), tc.mentions)
			}
		})
	}
}

// TestSpanish checks that a Spanish article is tagged by the Spanish model
// (chosen by Article.Lang).
func TestSpanish(t *testing.T) {
	a := &doc.Article{ID: "es", Lang: "es",
		Text: "El presidente del Gobierno, José María Aznar, se reunió ayer en Madrid con los dirigentes de la Unión Europea."}
	if err := newFlow(t).Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range a.Mentions {
		got[a.Slice(m.Span)] = m.Type
	}
	for name, typ := range map[string]string{"José María Aznar": "PER", "Madrid": "LOC", "Unión Europea": "ORG"} {
		if got[name] != typ {
			t.Errorf("%s: %q, want %s (mentions %v)", name, got[name], typ, got)
		}
	}
}

// TestPronounGender: "She" skips the more recent male subject.
func TestPronounGender(t *testing.T) {
	a := analyze(t, "Mexican President Claudia Sheinbaum met Secretary of State Marco Rubio on Thursday. She said the talks were useful, and he agreed.")
	ent := map[string]int{}
	for i, e := range a.Entities {
		ent[e.Name] = i
	}
	for _, m := range a.Mentions {
		if m.Kind != "pronoun" {
			continue
		}
		want := map[string]string{"She": "Claudia Sheinbaum", "he": "Marco Rubio"}[a.Slice(m.Span)]
		if want == "" {
			continue
		}
		if m.Entity != ent[want] {
			t.Errorf("%q linked to %d, want %s (%d)", a.Slice(m.Span), m.Entity, want, ent[want])
		}
	}
}

// TestOddInputs: the stages never fail or panic on degenerate text.
func TestOddInputs(t *testing.T) {
	for _, txt := range []string{
		"", " ", "he", "He said. She said. His.", "’s ’s ’s", "Washington", "Washington’s",
		strings.Repeat("WASHINGTON SAID ", 400), "of of of President", "U.S. Secretary of",
		"Mr. ", "\xff\xfe invalid utf8 Obama",
	} {
		a := analyze(t, txt)
		for _, m := range a.Mentions {
			if m.Start < 0 || m.End > len(a.Text) || m.Start > m.End {
				t.Errorf("%q: bad mention span %+v", txt, m.Span)
			}
			if m.Entity >= len(a.Entities) {
				t.Errorf("%q: mention entity %d out of range", txt, m.Entity)
			}
		}
	}
}
