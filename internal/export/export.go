// Package export writes analysed articles in the formats analysts load
// elsewhere: CSV (one row per article, annotations summarised), JSONL (the
// full doc.Article contract), Parquet (the CSV columns plus the text,
// typed, for DuckDB/pandas/Spark) and GDELT 2.0's events, mentions and GKG
// tables (delegated to package gdelt).
//
// A Writer takes articles one at a time, so an export of a million stored
// stories streams in constant memory (Parquet buffers one row group).
package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/parquet-go/parquet-go"

	"newsgraph/internal/doc"
	"newsgraph/internal/gdelt"
)

// Formats lists every format name NewWriter accepts.
var Formats = []string{"csv", "jsonl", "parquet", "gdelt-events", "gdelt-mentions", "gdelt-gkg"}

// ErrUnknownFormat is returned (wrapped) for a format not in Formats.
var ErrUnknownFormat = errors.New("unknown export format")

// Writer writes articles in one format. Close flushes; it does not close
// the underlying io.Writer.
type Writer interface {
	Write(a *doc.Article) error
	Close() error
}

// Options tune writers.
type Options struct {
	// GDELT carries FIPS codes and country names for the GDELT tables
	// (gdelt.LoadOptions on data/geo/countries.tsv); zero keeps ISO codes.
	GDELT gdelt.Options
}

// NewWriter returns a Writer of format onto w with default options.
func NewWriter(format string, w io.Writer) (Writer, error) {
	return NewWriterWith(format, w, Options{})
}

// ContentType is the MIME type of a format's output (for HTTP exports).
func ContentType(format string) string {
	switch format {
	case "csv":
		return "text/csv; charset=utf-8"
	case "jsonl":
		return "application/x-ndjson"
	case "parquet":
		return "application/vnd.apache.parquet"
	}
	return "text/tab-separated-values; charset=utf-8"
}

// Ext is a format's usual file extension.
func Ext(format string) string {
	switch format {
	case "csv", "jsonl", "parquet":
		return format
	case "gdelt-events":
		return "export.CSV"
	case "gdelt-mentions":
		return "mentions.CSV"
	}
	return "gkg.csv"
}

// NewWriterWith returns a Writer of format onto w.
func NewWriterWith(format string, w io.Writer, opt Options) (Writer, error) {
	switch format {
	case "csv":
		return newCSV(w)
	case "jsonl":
		bw := bufio.NewWriterSize(w, 64<<10)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		return &jsonlWriter{bw: bw, enc: enc}, nil
	case "parquet":
		return &parquetWriter{w: parquet.NewGenericWriter[Row](w, parquet.Compression(&parquet.Zstd))}, nil
	case "gdelt-events", "gdelt-mentions", "gdelt-gkg":
		return newGDELT(format, w, opt.GDELT)
	}
	return nil, fmt.Errorf("%w %q; one of: %s", ErrUnknownFormat, format, strings.Join(Formats, ", "))
}

type jsonlWriter struct {
	bw  *bufio.Writer
	enc *json.Encoder
}

func (j *jsonlWriter) Write(a *doc.Article) error { return j.enc.Encode(a) }
func (j *jsonlWriter) Close() error               { return j.bw.Flush() }

// Row is the flat, one-row-per-article form shared by CSV and Parquet.
// List-valued columns are ";"-joined in CSV.
type Row struct {
	ID           string   `parquet:"id" json:"id"`
	Published    string   `parquet:"published" json:"published"` // RFC 3339, "" unknown
	Source       string   `parquet:"source" json:"source"`
	URL          string   `parquet:"url" json:"url"`
	Title        string   `parquet:"title" json:"title"`
	Lang         string   `parquet:"lang" json:"lang"`
	Hash         string   `parquet:"hash" json:"hash"`
	Tone         float64  `parquet:"tone" json:"tone"`
	WordCount    int64    `parquet:"word_count" json:"word_count"`
	FocusCountry string   `parquet:"focus_country" json:"focus_country"`
	Countries    []string `parquet:"countries,list" json:"countries"` // ISO2 of resolved places, distinct
	Places       []string `parquet:"places,list" json:"places"`
	Persons      []string `parquet:"persons,list" json:"persons"`
	Orgs         []string `parquet:"orgs,list" json:"orgs"`
	Themes       []string `parquet:"themes,list" json:"themes"`
	EventCodes   []string `parquet:"event_codes,list" json:"event_codes"` // CAMEO codes of asserted events
	Actors       []string `parquet:"actors,list" json:"actors"`
	Quotes       int64    `parquet:"quotes" json:"quotes"`
	Text         string   `parquet:"text" json:"text"` // Parquet only
}

// Flatten summarises an article into a Row.
func Flatten(a *doc.Article) Row {
	r := Row{ID: a.ID, Source: a.Source, URL: a.URL, Title: a.Title, Lang: a.Lang, Hash: a.Hash, Text: a.Text, Quotes: int64(len(a.Quotes))}
	if !a.Published.IsZero() {
		r.Published = a.Published.UTC().Format(time.RFC3339)
	}
	if a.Tone != nil {
		r.Tone, r.WordCount = a.Tone.Tone, int64(a.Tone.WordCount)
	}
	if a.Focus != nil {
		r.FocusCountry = a.Focus.Country
	}
	var countries, places, persons, orgs, themes, codes, actors set
	for _, p := range a.Places {
		countries.add(p.Country)
		places.add(p.Name)
	}
	for _, e := range a.Entities {
		switch e.Type {
		case doc.PER:
			persons.add(e.Name)
		case doc.ORG:
			orgs.add(e.Name)
		}
	}
	if len(a.Scores) > 0 {
		for _, t := range a.Scores {
			themes.add(t.Theme)
		}
	} else {
		for _, t := range a.Themes {
			themes.add(t.Theme)
		}
	}
	for _, e := range a.Events {
		if e.Status != "" && e.Status != "asserted" {
			continue
		}
		codes.add(e.Code)
		actors.add(e.Source.Code)
		actors.add(e.Target.Code)
	}
	r.Countries, r.Places, r.Persons, r.Orgs = countries.list(), places.list(), persons.list(), orgs.list()
	r.Themes, r.EventCodes, r.Actors = themes.list(), codes.list(), actors.list()
	return r
}

// set keeps distinct non-empty strings in first-seen order.
type set struct {
	seen map[string]bool
	vals []string
}

func (s *set) add(v string) {
	if v == "" || s.seen[v] {
		return
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[v] = true
	s.vals = append(s.vals, v)
}

func (s *set) list() []string {
	if s.vals == nil {
		return []string{}
	}
	return s.vals
}

// CSVHeader is the CSV column order.
var CSVHeader = []string{"id", "published", "source", "url", "title", "lang", "hash", "tone", "word_count", "focus_country",
	"countries", "places", "persons", "orgs", "themes", "event_codes", "actors", "quotes"}

type csvWriter struct {
	w *csv.Writer
}

func newCSV(w io.Writer) (*csvWriter, error) {
	c := &csvWriter{w: csv.NewWriter(w)}
	if err := c.w.Write(CSVHeader); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *csvWriter) Write(a *doc.Article) error {
	r := Flatten(a)
	j := func(v []string) string { return strings.Join(v, ";") }
	return c.w.Write([]string{r.ID, r.Published, r.Source, r.URL, csvSafe(r.Title), r.Lang, r.Hash,
		strconv.FormatFloat(r.Tone, 'f', -1, 64), strconv.FormatInt(r.WordCount, 10), r.FocusCountry,
		j(r.Countries), csvSafe(j(r.Places)), csvSafe(j(r.Persons)), csvSafe(j(r.Orgs)), j(r.Themes), j(r.EventCodes), j(r.Actors),
		strconv.FormatInt(r.Quotes, 10)})
}

// csvSafe defuses spreadsheet formula injection: a cell from article text
// starting with = + - @ is prefixed with a quote, as OWASP advises.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	return c.w.Error()
}

type parquetWriter struct {
	w   *parquet.GenericWriter[Row]
	buf []Row
}

func (p *parquetWriter) Write(a *doc.Article) error {
	p.buf = append(p.buf, Flatten(a))
	if len(p.buf) >= 1024 {
		return p.flush()
	}
	return nil
}

func (p *parquetWriter) flush() error {
	if len(p.buf) == 0 {
		return nil
	}
	_, err := p.w.Write(p.buf)
	p.buf = p.buf[:0]
	return err
}

func (p *parquetWriter) Close() error {
	if err := p.flush(); err != nil {
		return err
	}
	return p.w.Close()
}
