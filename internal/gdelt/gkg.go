package gdelt

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"newsgraph/internal/doc"
)

// gkgClean strips the GKG's own delimiters from a value.
func gkgClean(s string) string {
	return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ", ";", ",", "#", " ").Replace(s)
}

// GKGRow returns the 27 fields of one GKG 2.1 record for article a; n
// numbers the records of a batch (GKGRECORDID is DATE-n).
func (w *Writer) GKGRow(a *doc.Article, n int) []string {
	t := w.added(a).Format("20060102150405")
	row := make([]string, 27)
	row[0] = t + "-" + strconv.Itoa(n)
	row[1] = t
	row[2] = "1"
	row[3] = clean(sourceName(a))
	row[4] = clean(sourceURL(a))
	// themes: V1 distinct list, V2 with offsets
	var v1, v2 []string
	seen := map[string]bool{}
	for _, h := range a.Themes {
		v2 = append(v2, gkgClean(h.Theme)+","+strconv.Itoa(chars(a.Text, h.Start)))
		if !seen[h.Theme] {
			seen[h.Theme] = true
			v1 = append(v1, gkgClean(h.Theme))
		}
	}
	for _, sc := range a.Scores {
		if !seen[sc.Theme] {
			seen[sc.Theme] = true
			v1 = append(v1, gkgClean(sc.Theme))
		}
	}
	row[7], row[8] = strings.Join(v1, ";"), strings.Join(v2, ";")
	// locations
	v1, v2 = nil, nil
	seen = map[string]bool{}
	for i := range a.Places {
		p := &a.Places[i]
		g := w.geoFields(p)
		v2 = append(v2, strings.Join([]string{g[0], gkgClean(g[1]), g[2], g[3], g[4], g[5], g[6], g[7],
			strconv.Itoa(chars(a.Text, p.Start))}, "#"))
		key := g[1] + g[7]
		if !seen[key] {
			seen[key] = true
			v1 = append(v1, strings.Join([]string{g[0], gkgClean(g[1]), g[2], g[3], g[5], g[6], g[7]}, "#"))
		}
	}
	row[9], row[10] = strings.Join(v1, ";"), strings.Join(v2, ";")
	// persons, organisations, all names
	names := func(typ string) (string, string) {
		var d1, d2 []string
		seen := map[string]bool{}
		for _, m := range a.Mentions {
			if m.Type != typ || (m.Kind != "" && m.Kind != "name") {
				continue
			}
			name := gkgClean(a.Text[m.Start:m.End])
			if m.Entity >= 0 && m.Entity < len(a.Entities) && a.Entities[m.Entity].Name != "" {
				name = gkgClean(a.Entities[m.Entity].Name)
			}
			d2 = append(d2, name+","+strconv.Itoa(chars(a.Text, m.Start)))
			if !seen[name] {
				seen[name] = true
				d1 = append(d1, name)
			}
		}
		return strings.Join(d1, ";"), strings.Join(d2, ";")
	}
	row[11], row[12] = names(doc.PER)
	row[13], row[14] = names(doc.ORG)
	var all []string
	for _, m := range a.Mentions {
		if m.Kind == "" || m.Kind == "name" {
			all = append(all, gkgClean(a.Text[m.Start:m.End])+","+strconv.Itoa(chars(a.Text, m.Start)))
		}
	}
	row[23] = strings.Join(all, ";")
	// tone
	if tn := a.Tone; tn != nil {
		f := func(x float64) string { return strconv.FormatFloat(x, 'f', 6, 64) }
		row[15] = strings.Join([]string{f(tn.Tone), f(tn.Positive), f(tn.Negative), f(tn.Polarity),
			f(tn.ActivityDensity), f(tn.SelfGroupDensity), strconv.Itoa(tn.WordCount)}, ",")
	}
	// dates: resolution#month#day#year#offset (4 full date, 2 month+year, 1 year)
	var ds []string
	for _, d := range a.Dates {
		res, y, m, day := 0, 0, 0, 0
		switch p := strings.Split(d.Value, "-"); {
		case len(p) == 3 && len(p[0]) == 4:
			res = 4
			y, _ = strconv.Atoi(p[0])
			m, _ = strconv.Atoi(p[1])
			day, _ = strconv.Atoi(p[2][:min(2, len(p[2]))])
		case len(p) == 2 && len(p[0]) == 4 && !strings.HasPrefix(p[1], "W"):
			res = 2
			y, _ = strconv.Atoi(p[0])
			m, _ = strconv.Atoi(p[1])
		case len(p) == 1 && len(p[0]) == 4:
			res = 1
			y, _ = strconv.Atoi(p[0])
		}
		if res > 0 {
			ds = append(ds, fmt.Sprintf("%d#%d#%d#%d#%d", res, m, day, y, chars(a.Text, d.Start)))
		}
	}
	row[16] = strings.Join(ds, ";")
	row[17] = "wc:" + strconv.Itoa(len(strings.Fields(a.Text)))
	// quotations: offset|length|verb|quote, records separated by '#'
	var qs []string
	for _, q := range a.Quotes {
		text := strings.NewReplacer("|", " ", "#", " ", "\t", " ", "\n", " ").Replace(a.Text[q.Start:q.End])
		qs = append(qs, fmt.Sprintf("%d|%d|%s|%s", chars(a.Text, q.Start), utf8.RuneCountInString(a.Text[q.Start:q.End]), clean(q.Verb), text))
	}
	row[22] = strings.Join(qs, "#")
	if a.Title != "" {
		row[26] = "<PAGE_TITLE>" + clean(strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(a.Title)) + "</PAGE_TITLE>"
	}
	return row
}

// GKG writes one GKG 2.1 record per article.
func (w *Writer) GKG(out io.Writer, articles ...*doc.Article) error {
	bw := bufio.NewWriter(out)
	for i, a := range articles {
		writeRow(bw, w.GKGRow(a, i))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gdelt gkg: %w", err)
	}
	return nil
}

// WriteGKG writes GKG 2.1 records with default options.
func WriteGKG(w io.Writer, articles ...*doc.Article) error {
	return New(Options{}).GKG(w, articles...)
}
