// Package gdelt writes analysed articles as GDELT 2.0 files: the Events
// export (61 tab-separated columns) and the Mentions table (16 columns),
// so tools that read real GDELT files read ours. Each coded event mention
// is one Events row (newsgraph's deduplicated events are a separate view);
// its GLOBALEVENTID is a stable hash of the article and event ids, so
// re-exporting gives the same ids.
package gdelt

import (
	"bufio"

	"fmt"
	"hash/fnv"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"newsgraph/internal/datadir"
	"newsgraph/internal/doc"
)

// Options tune the writers.
type Options struct {
	// FIPS maps ISO 3166 alpha-2 to the FIPS 10-4 country codes GDELT's
	// geography columns use (LoadOptions); nil or a missing key keeps
	// the ISO code.
	FIPS map[string]string
	// Names maps ISO2 to country names for Geo_Fullname.
	Names map[string]string
	// Added is DATEADDED; zero uses each article's publication time
	// rounded down to the 15-minute batch, or the current time.
	Added time.Time
}

// LoadOptions reads FIPS codes and names from GeoNames' country table
// (geo/countries.tsv: iso2, fips and name columns). The countries.tsv that
// comes with the CAMEO data is not used: its ISO columns have copy errors
// (Israel's row is keyed IS, Iceland's code).
func LoadOptions(countriesTSV string) (Options, error) {
	opt := Options{FIPS: map[string]string{}, Names: map[string]string{}}
	err := datadir.ReadTable(countriesTSV, []string{"iso2", "fips", "name"}, func(col func(string) string) error {
		if iso2 := col("iso2"); iso2 != "" {
			opt.FIPS[iso2] = col("fips")
			opt.Names[iso2] = col("name")
		}
		return nil
	})
	if err != nil {
		return opt, fmt.Errorf("gdelt: load countries: %w", err)
	}
	return opt, nil
}

// Writer writes GDELT rows.
type Writer struct{ opt Options }

// New returns a writer.
func New(opt Options) *Writer { return &Writer{opt: opt} }

// WriteEvents writes the Events rows of articles with default options.
func WriteEvents(w io.Writer, articles ...*doc.Article) error {
	return New(Options{}).Events(w, articles...)
}

// WriteMentions writes the Mentions rows of articles with default options.
func WriteMentions(w io.Writer, articles ...*doc.Article) error {
	return New(Options{}).Mentions(w, articles...)
}

// EventID is the GLOBALEVENTID of event i of article a: a stable positive
// 62-bit hash of the article id and the event id.
func EventID(a *doc.Article, i int) int64 {
	h := fnv.New64a()
	h.Write([]byte(a.ID))
	h.Write([]byte{0})
	id := a.Events[i].ID
	if id == "" {
		id = strconv.Itoa(i)
	}
	h.Write([]byte(id))
	return int64(h.Sum64() >> 2)
}

// clean makes a field safe for a tab-separated line.
func clean(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	r := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	return r.Replace(s)
}

func (w *Writer) added(a *doc.Article) time.Time {
	if !w.opt.Added.IsZero() {
		return w.opt.Added.UTC()
	}
	t := a.Published
	if t.IsZero() {
		t = time.Now()
	}
	t = t.UTC()
	return t.Truncate(15 * time.Minute)
}

// eventDate is the event's day: its date when it has day precision, else
// the publication date.
func eventDate(a *doc.Article, e *doc.Event) time.Time {
	if len(e.Date) >= 10 {
		if t, err := time.Parse("2006-01-02", e.Date[:10]); err == nil {
			return t
		}
	}
	if !a.Published.IsZero() {
		return a.Published.UTC()
	}
	return time.Time{}
}

// actorFields are GDELT's ten actor columns from a CAMEO actor code.
func actorFields(ac doc.Actor) []string {
	f := make([]string, 10)
	code := ac.Code
	if code == "" || strings.HasPrefix(code, "---") && len(code) == 3 {
		return f
	}
	// an agent whose country is unknown ("---GOV") is a bare type code in
	// GDELT ("GOV")
	code = strings.TrimPrefix(code, "---")
	if code == "" {
		return f
	}
	f[0] = code
	f[1] = strings.ToUpper(clean(ac.Text))
	rest := code
	if len(code) >= 3 {
		head := code[:3]
		switch head {
		case "IGO", "NGO", "IMG", "MNC":
			// international actors: the group code follows the type
			if len(code) >= 6 {
				f[3] = code[3:6]
			}
			f[7] = head
			rest = ""
			if len(code) > 6 {
				rest = code[6:]
			}
		default:
			if len(ac.Code) == len(code) {
				f[2] = head
				rest = code[3:]
			}
		}
	}
	// type codes: up to three 3-letter chunks after the country
	slot := 7
	if f[7] != "" {
		slot = 8
	}
	for len(rest) >= 3 && slot <= 9 {
		f[slot] = rest[:3]
		rest = rest[3:]
		slot++
	}
	return f
}

// geoFields are GDELT's eight geography columns for place p (nil: empty).
func (w *Writer) geoFields(p *doc.Place) []string {
	f := make([]string, 8)
	if p == nil {
		return f
	}
	fips := p.Country
	if x, ok := w.opt.FIPS[p.Country]; ok && x != "" {
		fips = x
	}
	typ := 4 // WORLDCITY
	switch {
	case p.Kind == "country" || p.Kind == "region":
		typ = 1
	case p.Country == "US" && p.Kind == "admin1":
		typ = 2
	case p.Country == "US":
		typ = 3
	case p.Kind == "admin1":
		typ = 5
	}
	f[0] = strconv.Itoa(typ)
	parts := []string{}
	if typ != 1 {
		parts = append(parts, p.Name)
		if p.Admin1Name != "" && p.Admin1Name != p.Name {
			parts = append(parts, p.Admin1Name)
		}
	}
	country := w.opt.Names[p.Country]
	if country == "" && typ == 1 {
		country = p.Name
	}
	if country != "" {
		parts = append(parts, country)
	}
	f[1] = clean(strings.Join(parts, ", "))
	f[2] = fips
	if p.Admin1 != "" && typ != 1 {
		f[3] = fips + p.Admin1
	} else {
		f[3] = fips
	}
	f[4] = "" // ADM2 (GAUL) not known
	f[5] = strconv.FormatFloat(p.Lat, 'f', 4, 64)
	f[6] = strconv.FormatFloat(p.Lon, 'f', 4, 64)
	if p.GeonameID != 0 {
		f[7] = strconv.Itoa(p.GeonameID) // a GeoNames id, where GDELT has GNS ids
	}
	return f
}

// placeFor finds the place an actor was coded from, if its span is one.
func placeFor(a *doc.Article, ac doc.Actor) *doc.Place {
	if ac.Span == nil {
		return nil
	}
	for i := range a.Places {
		if a.Places[i].Span.Overlaps(*ac.Span) {
			return &a.Places[i]
		}
	}
	return nil
}

func sourceURL(a *doc.Article) string {
	switch {
	case a.URL != "":
		return a.URL
	case a.Origin != "":
		return a.Origin
	}
	return a.ID
}

// EventRow returns the 61 fields of event i of article a.
func (w *Writer) EventRow(a *doc.Article, i int) []string {
	e := &a.Events[i]
	row := make([]string, 0, 61)
	row = append(row, strconv.FormatInt(EventID(a, i), 10))
	d := eventDate(a, e)
	if d.IsZero() {
		row = append(row, "", "", "", "")
	} else {
		frac := float64(d.Year()) + float64(d.YearDay()-1)/365
		row = append(row, d.Format("20060102"), d.Format("200601"), d.Format("2006"),
			strconv.FormatFloat(frac, 'f', 4, 64))
	}
	row = append(row, actorFields(e.Source)...)
	row = append(row, actorFields(e.Target)...)
	root := "0"
	if e.IsRoot {
		root = "1"
	}
	row = append(row, root, e.Code, e.BaseCode, e.RootCode, strconv.Itoa(e.QuadClass),
		strconv.FormatFloat(e.Goldstein, 'f', 1, 64))
	tone := 0.0
	if a.Tone != nil {
		tone = a.Tone.Tone
	}
	row = append(row, "1", "1", "1", strconv.FormatFloat(tone, 'f', 6, 64))
	row = append(row, w.geoFields(placeFor(a, e.Source))...)
	row = append(row, w.geoFields(placeFor(a, e.Target))...)
	var loc *doc.Place
	if e.Location > 0 && e.Location <= len(a.Places) {
		loc = &a.Places[e.Location-1]
	}
	row = append(row, w.geoFields(loc)...)
	row = append(row, w.added(a).Format("20060102150405"), clean(sourceURL(a)))
	return row
}

// Events writes one Events row per coded event of each article.
func (w *Writer) Events(out io.Writer, articles ...*doc.Article) error {
	bw := bufio.NewWriter(out)
	for _, a := range articles {
		for i := range a.Events {
			writeRow(bw, w.EventRow(a, i))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gdelt events: %w", err)
	}
	return nil
}

func writeRow(bw *bufio.Writer, row []string) {
	for j, f := range row {
		if j > 0 {
			bw.WriteByte('\t')
		}
		bw.WriteString(f)
	}
	bw.WriteByte('\n')
}

// chars converts a byte offset into a character offset, as GDELT counts.
func chars(text string, off int) int {
	if off < 0 || off > len(text) {
		return -1
	}
	return utf8.RuneCountInString(text[:off])
}

func sourceName(a *doc.Article) string {
	if a.Source != "" {
		return a.Source
	}
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Host, "www.")
	}
	return ""
}

// MentionRow returns the 16 fields of the mention of event i of article a.
func (w *Writer) MentionRow(a *doc.Article, i int) []string {
	e := &a.Events[i]
	t := w.added(a).Format("20060102150405")
	off := func(ac doc.Actor) string {
		if ac.Span == nil {
			return "-1"
		}
		return strconv.Itoa(chars(a.Text, ac.Span.Start))
	}
	raw := "1"
	if e.Target.Code != "" && e.Target.Span == nil {
		raw = "0" // the target came from the previous sentence
	}
	conf := int(e.Confidence*100 + 0.5)
	conf = max(10, min(100, conf))
	tone := 0.0
	if a.Tone != nil {
		tone = a.Tone.Tone
	}
	return []string{
		strconv.FormatInt(EventID(a, i), 10), t, t, "1",
		clean(sourceName(a)), clean(sourceURL(a)),
		strconv.Itoa(e.Sentence + 1), off(e.Source), off(e.Target), strconv.Itoa(chars(a.Text, e.Trigger.Start)),
		raw, strconv.Itoa(conf), strconv.Itoa(utf8.RuneCountInString(a.Text)),
		strconv.FormatFloat(tone, 'f', 6, 64), "", "",
	}
}

// Mentions writes one Mentions row per coded event of each article.
func (w *Writer) Mentions(out io.Writer, articles ...*doc.Article) error {
	bw := bufio.NewWriter(out)
	for _, a := range articles {
		for i := range a.Events {
			writeRow(bw, w.MentionRow(a, i))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gdelt mentions: %w", err)
	}
	return nil
}
