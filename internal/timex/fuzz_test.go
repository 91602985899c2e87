package timex

import (
	"testing"
	"time"
)

// FuzzExtract checks that any input yields in-bounds, ordered,
// non-overlapping spans and never panics.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{"today", "Nov. 26", "2026-11-26", "hace tres años", "el próximo 19 de", "3 p.", "1990s", "\xff\xfe", "in 2 weeks ago", "April of", "26 de"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, ref := range []time.Time{ref, {}} {
			end := 0
			for _, d := range Extract(s, ref) {
				if d.Start < end || d.Start >= d.End || d.End > len(s) {
					t.Fatalf("%q: bad span %+v", s, d)
				}
				end = d.End
			}
		}
	})
}
