package itinerary

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/text"
	"newsgraph/internal/timex"
)

var published = time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)

// prepare runs the text and dates stages, the layers this stage always has.
func prepare(t testing.TB, txt string) *doc.Article {
	t.Helper()
	a := &doc.Article{Text: txt, Published: published}
	ts, _ := text.New()
	ds, _ := timex.New()
	for _, s := range []interface {
		Process(context.Context, *doc.Article) error
	}{ts, ds} {
		if err := s.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func legs(tr doc.Trip) string {
	var b []string
	for _, l := range tr.Legs {
		b = append(b, fmt.Sprintf("%s/%s/%s/%s", l.Place, l.Role, l.Status, l.Date))
	}
	return tr.Person + ": " + strings.Join(b, " -> ")
}

func TestWithoutEntities(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Foreign Minister Ana Ruiz arrived in Quito today for talks.",
			"Ana Ruiz: Quito/arrival/ongoing/2026-11-26"},
		{"Ana Ruiz visited Lima on Monday and will travel to Bogota next week.",
			"Ana Ruiz: Lima/visit/past/2026-11-23 -> Bogota/next/planned/2026-W49"},
		{"Secretary Rubio’s tour will continue to Ecuador.",
			"Rubio: Ecuador/next/planned/"},
		{"El canciller Juan Pérez llegó a Madrid ayer.",
			"Juan Pérez: Madrid/arrival/past/2026-11-25"},
	}
	s, _ := New(nil)
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			a := prepare(t, tt.text)
			if err := s.Process(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			if len(a.Trips) != 1 {
				t.Fatalf("trips %+v", a.Trips)
			}
			if got := legs(a.Trips[0]); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestNoTrip(t *testing.T) {
	s, _ := New(nil)
	for _, txt := range []string{
		"Prices arrived at a record high.",
		"The visit was postponed.",
		"Shipments of grain left the port.",
	} {
		a := prepare(t, txt)
		_ = s.Process(context.Background(), a)
		if len(a.Trips) != 0 {
			t.Errorf("%q: unexpected %v", txt, legs(a.Trips[0]))
		}
	}
}

// With entities and places (as the ner and geo stages leave them), the
// traveller is the canonical entity, pronouns resolve, and an official's
// capital named in the text becomes the origin.
func TestOriginFromRoleCountry(t *testing.T) {
	txt := "U.S. Secretary of State Marco Rubio arrived in Mexico City today. Washington wants results. As he departs Mexico City, his tour will continue to Ecuador."
	a := prepare(t, txt)
	at := func(s string, n int) doc.Span {
		i := -1
		for ; n > 0; n-- {
			i += 1 + strings.Index(txt[i+1:], s)
		}
		return doc.Span{Start: i, End: i + len(s)}
	}
	a.Entities = []doc.Entity{{ID: "e1", Type: doc.PER, Name: "Marco Rubio", Role: "Secretary of State", Country: "US"}}
	a.Mentions = []doc.Mention{
		{Span: at("Marco Rubio", 1), Type: doc.PER, Entity: 0, Kind: "name"},
		{Span: at("he", 1), Type: doc.PER, Entity: 0, Kind: "pronoun"},
		{Span: at("his", 1), Type: doc.PER, Entity: 0, Kind: "pronoun"},
	}
	a.Places = []doc.Place{
		{Span: at("Mexico City", 1), Name: "Mexico City", Kind: "city", Country: "MX", GeonameID: 3530597},
		{Span: at("Washington", 1), Name: "Washington", Kind: "city", Country: "US", GeonameID: 4140963},
		{Span: at("Mexico City", 2), Name: "Mexico City", Kind: "city", Country: "MX", GeonameID: 3530597},
		{Span: at("Ecuador", 1), Name: "Ecuador", Kind: "country", Country: "EC", GeonameID: 3658394},
	}
	s, _ := New(map[string]string{"US": "Washington", "MX": "Mexico City"})
	if err := s.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if len(a.Trips) != 1 {
		t.Fatalf("trips %+v", a.Trips)
	}
	want := "Marco Rubio: Washington/origin/past/ -> Mexico City/arrival/ongoing/2026-11-26 -> Ecuador/next/planned/"
	if got := legs(a.Trips[0]); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if a.Trips[0].Entity != 1 || a.Trips[0].Legs[1].PlaceRef != 1 {
		t.Errorf("entity/place refs: %+v", a.Trips[0])
	}
}

func TestLoadCapitals(t *testing.T) {
	s, err := Load("../../../shared/data/geo/countries.tsv")
	if err != nil {
		if _, statErr := os.Stat("../../../shared/data/geo/countries.tsv"); statErr != nil {
			t.Skip(statErr)
		}
		t.Fatal(err)
	}
	if s.capitals["US"] != "Washington" || s.capitals["EC"] != "Quito" {
		t.Errorf("capitals: US=%q EC=%q", s.capitals["US"], s.capitals["EC"])
	}
	if _, err := Load("/nonexistent/countries.tsv"); err == nil {
		t.Error("no error for a missing file")
	}
}
