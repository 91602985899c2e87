package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"newsgraph/internal/doc"
)

// cameoRoots names the 20 CAMEO root codes, for human-readable output.
var cameoRoots = map[string]string{
	"01": "make statement", "02": "appeal", "03": "intend to cooperate", "04": "consult",
	"05": "diplomatic cooperation", "06": "material cooperation", "07": "provide aid", "08": "yield",
	"09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten",
	"14": "protest", "15": "exhibit force", "16": "reduce relations", "17": "coerce", "18": "assault",
	"19": "fight", "20": "mass violence",
}

// writeSummary prints an analysed article for a person to read: what
// `analyze --summary` shows instead of the JSON.
func writeSummary(w io.Writer, a *doc.Article) error {
	var b strings.Builder
	title := a.Title
	if title == "" {
		title = firstWords(a.Text, 12)
	}
	fmt.Fprintf(&b, "%s\n", title)
	var meta []string
	if !a.Published.IsZero() {
		meta = append(meta, "published "+a.Published.Format("2006-01-02"))
	}
	if a.Lang != "" {
		meta = append(meta, "lang "+a.Lang)
	}
	meta = append(meta, fmt.Sprintf("%d sentences", len(a.Sentences)), fmt.Sprintf("%d tokens", len(a.Tokens)))
	fmt.Fprintf(&b, "  %s\n", strings.Join(meta, " · "))

	if len(a.Entities) > 0 {
		b.WriteString("\nEntities\n")
		for _, e := range a.Entities {
			var extra []string
			if e.Role != "" {
				extra = append(extra, e.Role)
			}
			if e.Country != "" {
				extra = append(extra, e.Country)
			}
			if e.Actor != "" {
				extra = append(extra, "actor "+e.Actor)
			}
			x := ""
			if len(extra) > 0 {
				x = " — " + strings.Join(extra, ", ")
			}
			fmt.Fprintf(&b, "  %-4s %s%s · %d mentions\n", e.Type, e.Name, x, len(e.Mentions))
		}
	}
	if len(a.Places) > 0 {
		b.WriteString("\nPlaces")
		if f := a.Focus; f != nil {
			fmt.Fprintf(&b, " (focus: %s", f.Country)
			if f.City != "" {
				fmt.Fprintf(&b, " / %s", f.City)
			}
			b.WriteString(")")
		}
		b.WriteString("\n")
		type row struct {
			p doc.Place
			n int
		}
		var rows []*row
		seen := map[string]*row{}
		for _, p := range a.Places {
			k := fmt.Sprintf("%s|%s|%d|%s", p.Name, p.Kind, p.GeonameID, p.Role)
			if r, ok := seen[k]; ok {
				r.n++
				continue
			}
			r := &row{p: p, n: 1}
			seen[k] = r
			rows = append(rows, r)
		}
		for _, r := range rows {
			p := r.p
			where := p.Country
			if p.Admin1 != "" {
				where += " " + p.Admin1
			}
			id := ""
			if p.GeonameID != 0 {
				id = fmt.Sprintf(" geonames %d", p.GeonameID)
			}
			role := ""
			if p.Role != "" {
				role = " (" + p.Role + ")" // "actor": a capital standing for its government
			}
			fmt.Fprintf(&b, "  %-16s %-8s %-6s %7.2f,%8.2f%s ×%d%s\n", p.Name, p.Kind, where, p.Lat, p.Lon, id, r.n, role)
		}
	}
	if len(a.Events) > 0 {
		b.WriteString("\nEvents\n")
		for _, e := range a.Events {
			where := ""
			if e.Location > 0 && e.Location <= len(a.Places) {
				where = " @ " + a.Places[e.Location-1].Name
			}
			status := e.Status
			if e.Reference {
				status += ", reference"
			}
			tgt := e.Target.Code
			if tgt == "" {
				tgt = "—"
			}
			fmt.Fprintf(&b, "  %-7s %-5s %-26s → %-7s%s %s [%s] %q\n", e.Source.Code, e.Code,
				"("+cameoRoots[e.RootCode]+")", tgt, where, e.Date, status, a.Slice(e.Trigger))
		}
	}
	if len(a.Dates) > 0 {
		b.WriteString("\nDates\n")
		for _, d := range a.Dates {
			v := d.Value
			if v == "" {
				v = "?"
			}
			fmt.Fprintf(&b, "  %q → %s (%s)\n", a.Slice(d.Span), v, d.Granularity)
		}
		if a.EventDate != "" {
			fmt.Fprintf(&b, "  event date %s\n", a.EventDate)
		}
	}
	if len(a.Quotes) > 0 {
		b.WriteString("\nQuotes\n")
		for _, q := range a.Quotes {
			who := q.SpeakerName
			if q.Actor != "" {
				who += " (" + q.Actor + ")"
			}
			fmt.Fprintf(&b, "  %s %s: %q\n", who, q.Verb, firstWords(a.Slice(q.Span), 18))
		}
	}
	for _, t := range a.Trips {
		var legs []string
		for _, l := range t.Legs {
			s := l.Place + " (" + l.Role + ", " + l.Status
			if l.Date != "" {
				s += ", " + l.Date
			}
			legs = append(legs, s+")")
		}
		fmt.Fprintf(&b, "\nItinerary of %s\n  %s\n", t.Person, strings.Join(legs, " → "))
	}
	if len(a.Scores) > 0 {
		scores := append([]doc.ThemeScore(nil), a.Scores...)
		sort.SliceStable(scores, func(i, j int) bool { return scores[i].Score > scores[j].Score })
		var ts []string
		for _, s := range scores {
			ts = append(ts, fmt.Sprintf("%s %.0f", s.Theme, s.Score))
		}
		fmt.Fprintf(&b, "\nThemes\n  %s\n", wrap(ts, 100, "  "))
	}
	if t := a.Tone; t != nil {
		fmt.Fprintf(&b, "\nTone %.2f (positive %.2f, negative %.2f, polarity %.2f, activity %.2f, self/group %.2f, %d words)\n",
			t.Tone, t.Positive, t.Negative, t.Polarity, t.ActivityDensity, t.SelfGroupDensity, t.WordCount)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// wrap joins items with ", " into lines of at most width bytes.
func wrap(items []string, width int, indent string) string {
	var out, line strings.Builder
	for i, it := range items {
		if i < len(items)-1 {
			it += ","
		}
		if line.Len() > 0 && line.Len()+1+len(it) > width {
			out.WriteString(line.String() + "\n" + indent)
			line.Reset()
		}
		if line.Len() > 0 {
			line.WriteByte(' ')
		}
		line.WriteString(it)
	}
	out.WriteString(line.String())
	return out.String()
}
