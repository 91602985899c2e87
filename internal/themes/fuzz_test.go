package themes

import "testing"

// FuzzMatch checks that any input yields in-bounds spans of known themes.
func FuzzMatch(f *testing.F) {
	for _, s := range []string{"drug trafficking", "T-MEC", "narcotráfico", "WHO who", "\xffsecurity", "aranceles"} {
		f.Add(s)
	}
	s, err := New()
	if err != nil {
		f.Fatal(err)
	}
	m := s.Matcher()
	names := map[string]bool{}
	for _, n := range m.Taxonomy().Names() {
		names[n] = true
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, h := range m.Match(text, nil) {
			if h.Start < 0 || h.Start >= h.End || h.End > len(text) || !names[h.Theme] || h.Weight <= 0 {
				t.Fatalf("%q: bad hit %+v", text, h)
			}
		}
	})
}
