package quotes

import (
	"context"
	"os"
	"testing"

	"newsgraph/internal/doc"
	"newsgraph/internal/text"
)

func run(t testing.TB, txt string) *doc.Article {
	t.Helper()
	a := &doc.Article{Text: txt}
	ts, err := text.New()
	if err != nil {
		t.Fatal(err)
	}
	s, _ := New()
	if err := ts.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if err := s.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestQuotes(t *testing.T) {
	tests := []struct {
		text                   string
		content, speaker, verb string
		direct                 bool
		actor                  string
	}{
		{`"We will not accept any intervention," said President Claudia Sheinbaum.`,
			"We will not accept any intervention", "President Claudia Sheinbaum", "said", true, ""},
		{`"The cooperation is strong," Rubio told reporters.`,
			"The cooperation is strong", "Rubio", "told", true, ""},
		{`Rubio said: "We are here to work together."`,
			"We are here to work together.", "Rubio", "said", true, ""},
		{`“Security is a shared responsibility,” the minister said on Tuesday.`,
			"Security is a shared responsibility", "the minister", "said", true, ""},
		{`Mexican authorities have voiced concern over the aggressive approach, calling for balanced measures.`,
			"the aggressive approach, calling for balanced measures", "Mexican authorities", "voiced concern", false, "MEXGOV"},
		{`Officials described the discussions as constructive, although differences remain.`,
			"the discussions as constructive, although differences remain", "Officials", "described", false, ""},
		{`The finance minister said on Monday that inflation would fall.`,
			"inflation would fall", "The finance minister", "said", false, ""},
		{`Prices will rise next year, the central bank said.`,
			"Prices will rise next year", "the central bank", "said", false, ""},
		{`The economy shrank in the third quarter, according to government figures.`,
			"The economy shrank in the third quarter", "government figures", "according to", false, ""},
		{`The new health minister for Wales says there are lessons to learn.`,
			"there are lessons to learn", "The new health minister for Wales", "says", false, ""},
		{`Both countries said in a statement.`, "", "", "", false, ""},
		{`El canciller mexicano dijo que la reunión fue productiva.`,
			"la reunión fue productiva", "El canciller mexicano", "dijo", false, "MEXGOV"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			a := run(t, tt.text)
			if tt.speaker == "" {
				if len(a.Quotes) != 0 {
					t.Fatalf("unexpected quotes: %+v", a.Quotes)
				}
				return
			}
			if len(a.Quotes) != 1 {
				t.Fatalf("got %d quotes: %+v", len(a.Quotes), a.Quotes)
			}
			q := a.Quotes[0]
			got := [3]string{a.Slice(q.Span), a.Slice(q.Speaker), q.Verb}
			want := [3]string{tt.content, tt.speaker, tt.verb}
			if got != want || q.Direct != tt.direct || q.Actor != tt.actor {
				t.Errorf("got %q direct=%v actor=%q, want %q direct=%v actor=%q", got, q.Direct, q.Actor, want, tt.direct, tt.actor)
			}
		})
	}
}

func TestNotQuotes(t *testing.T) {
	for _, txt := range []string{
		`The so-called "deal" collapsed.`,
		`He wants to say more about the plan.`,
		`Prices rose 5 pct in March.`,
		`The said agreement expires in May.`,
	} {
		if a := run(t, txt); len(a.Quotes) != 0 {
			t.Errorf("%q: unexpected quotes %+v", txt, a.Quotes)
		}
	}
}

// With entities present, the speaker resolves to the canonical entity,
// pronouns included.
func TestSpeakerEntity(t *testing.T) {
	txt := `Marco Rubio arrived on Monday. "We have work to do," he said.`
	a := &doc.Article{Text: txt}
	ts, _ := text.New()
	_ = ts.Process(context.Background(), a)
	a.Entities = []doc.Entity{{ID: "e1", Type: doc.PER, Name: "Marco Rubio", Actor: "USAGOV", Mentions: []int{0, 1}}}
	he := len("Marco Rubio arrived on Monday. \"We have work to do,\" ")
	a.Mentions = []doc.Mention{
		{Span: doc.Span{Start: 0, End: 11}, Type: doc.PER, Entity: 0, Kind: "name"},
		{Span: doc.Span{Start: he, End: he + 2}, Type: doc.PER, Entity: 0, Kind: "pronoun"},
	}
	s, _ := New()
	_ = s.Process(context.Background(), a)
	if len(a.Quotes) != 1 {
		t.Fatalf("quotes %+v", a.Quotes)
	}
	q := a.Quotes[0]
	if q.SpeakerName != "Marco Rubio" || q.Entity != 1 || q.Actor != "USAGOV" || a.Slice(q.Speaker) != "he" {
		t.Errorf("got %+v", q)
	}
}

func TestRubioExample(t *testing.T) {
	b, err := os.ReadFile("../../../shared/examples/rubio-mexico.txt")
	if err != nil {
		t.Skip(err)
	}
	a := run(t, string(b))
	for _, q := range a.Quotes {
		t.Logf("%q —%s— %q (%s)", a.Slice(q.Speaker), q.Verb, a.Slice(q.Span), q.Actor)
	}
	found := map[string]bool{}
	for _, q := range a.Quotes {
		found[a.Slice(q.Speaker)+"|"+q.Verb] = true
	}
	for _, want := range []string{"Officials|described", "Mexican authorities|voiced concern"} {
		if !found[want] {
			t.Errorf("missing %s", want)
		}
	}
}

func BenchmarkStage(b *testing.B) {
	text, err := os.ReadFile("../../../shared/examples/rubio-mexico.txt")
	if err != nil {
		b.Skip(err)
	}
	a := run(b, string(text))
	s, _ := New()
	for b.Loop() {
		_ = s.Process(context.Background(), a)
	}
}

func TestActorFromCountryTable(t *testing.T) {
	s, err := Load("../../../shared/data/geo/countries.tsv")
	if err != nil {
		t.Skip(err)
	}
	txt := `Mexico has emphasized its sovereignty. Defense Secretary Jim Smith said that troops would stay. Ecuadorian officials said that talks went well.`
	a := &doc.Article{Text: txt}
	ts, _ := text.New()
	_ = ts.Process(context.Background(), a)
	a.Entities = []doc.Entity{
		{ID: "e1", Type: doc.LOC, Name: "Mexico", Country: "MX", Mentions: []int{0}},
		{ID: "e2", Type: doc.PER, Name: "Jim Smith", Role: "Defense Secretary", Country: "US", Mentions: []int{1}},
	}
	js := len("Mexico has emphasized its sovereignty. Defense Secretary ")
	a.Mentions = []doc.Mention{
		{Span: doc.Span{Start: 0, End: 6}, Type: doc.LOC, Entity: 0, Kind: "metonym"},
		{Span: doc.Span{Start: js, End: js + 9}, Type: doc.PER, Entity: 1, Kind: "name"},
	}
	if err := s.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, q := range a.Quotes {
		got[q.SpeakerName] = q.Actor
	}
	want := map[string]string{"Mexico": "MEX", "Jim Smith": "USAMIL", "Ecuadorian officials": "ECUGOV"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: actor %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
}
