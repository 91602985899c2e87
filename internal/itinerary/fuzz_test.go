package itinerary

import (
	"context"
	"testing"
)

// FuzzTrips checks that any text yields in-bounds leg spans.
func FuzzTrips(f *testing.F) {
	for _, s := range []string{"Ana arrived in Quito today.", "arrived in", "X will continue to", "trip to Y Z W V U T", "He left for"} {
		f.Add(s)
	}
	st, _ := New(map[string]string{"US": "Washington"})
	f.Fuzz(func(t *testing.T, s string) {
		a := prepare(t, s)
		if err := st.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		for _, tr := range a.Trips {
			for _, l := range tr.Legs {
				if l.Span.Start < 0 || l.Span.Start > l.Span.End || l.Span.End > len(s) || l.Place == "" {
					t.Fatalf("%q: bad leg %+v", s, l)
				}
			}
		}
	})
}
