package themes

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Theme is one node of the taxonomy.
type Theme struct {
	Name   string
	Parent string // "" for a top-level theme
	Terms  []Term
}

// Term is one weighted word or phrase of a theme, as written in the data
// file: words separated by spaces, a trailing "*" on a word matches any
// word starting with it, a leading "=" matches the word's exact case (for
// acronyms such as "=WHO" that are also common words).
type Term struct {
	Text   string
	Weight float64
}

// Taxonomy is a parsed theme file.
type Taxonomy struct {
	Themes []Theme
	byName map[string]int
}

// Parent returns the parent of theme name, or "".
func (t *Taxonomy) Parent(name string) string {
	if i, ok := t.byName[name]; ok {
		return t.Themes[i].Parent
	}
	return ""
}

// ParseTaxonomy reads the theme file format:
//
//	# comment
//	THEME DRUG_TRAFFICKING < ORGANIZED_CRIME
//	3 drug trafficking | narcotráfico | tráfico de drogas
//	2 narcotics | narcóticos
//
// Each theme line names a theme and optionally its parent; each following
// line gives a weight (how strongly the words signal the theme, 1 weak to 3
// unambiguous) and terms in any language, separated by "|".
func ParseTaxonomy(r io.Reader, name string) (*Taxonomy, error) {
	t := &Taxonomy{byName: map[string]int{}}
	sc := bufio.NewScanner(r)
	line := 0
	cur := -1
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(s, "THEME "); ok {
			nm, parent, _ := strings.Cut(rest, "<")
			nm, parent = strings.TrimSpace(nm), strings.TrimSpace(parent)
			if nm == "" || strings.ContainsAny(nm, " \t") {
				return nil, fmt.Errorf("%s:%d: bad theme name %q", name, line, nm)
			}
			if _, dup := t.byName[nm]; dup {
				return nil, fmt.Errorf("%s:%d: theme %s defined twice", name, line, nm)
			}
			t.byName[nm] = len(t.Themes)
			cur = len(t.Themes)
			t.Themes = append(t.Themes, Theme{Name: nm, Parent: parent})
			continue
		}
		if cur < 0 {
			return nil, fmt.Errorf("%s:%d: terms before the first THEME line", name, line)
		}
		ws, terms, ok := strings.Cut(s, " ")
		w, err := strconv.ParseFloat(ws, 64)
		if !ok || err != nil || w <= 0 {
			return nil, fmt.Errorf("%s:%d: want \"WEIGHT term | term\", got %q", name, line, s)
		}
		for _, term := range strings.Split(terms, "|") {
			term = strings.Join(strings.Fields(term), " ")
			if term == "" {
				continue
			}
			t.Themes[cur].Terms = append(t.Themes[cur].Terms, Term{Text: term, Weight: w})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	for _, th := range t.Themes {
		if th.Parent == "" {
			continue
		}
		if _, ok := t.byName[th.Parent]; !ok {
			return nil, fmt.Errorf("%s: theme %s has unknown parent %s", name, th.Name, th.Parent)
		}
	}
	// reject parent cycles
	for _, th := range t.Themes {
		seen := map[string]bool{}
		for p := th.Name; p != ""; p = t.Parent(p) {
			if seen[p] {
				return nil, fmt.Errorf("%s: theme %s is its own ancestor", name, th.Name)
			}
			seen[p] = true
		}
	}
	return t, nil
}

// Names returns the theme names in sorted order.
func (t *Taxonomy) Names() []string {
	names := make([]string, 0, len(t.Themes))
	for _, th := range t.Themes {
		names = append(names, th.Name)
	}
	sort.Strings(names)
	return names
}
