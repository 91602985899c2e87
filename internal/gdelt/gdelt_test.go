package gdelt

import (
	"bytes"
	"context"
	"errors"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/event"
	"newsgraph/internal/text"
)

const shared = "../../../shared"

// example analyses the rubio-mexico example with the text and event stages
// (places stand in for the geo stage).
func example(t *testing.T) *doc.Article {
	t.Helper()
	body, err := os.ReadFile(shared + "/examples/rubio-mexico.txt")
	if err != nil {
		t.Skip(err)
	}
	if _, err := os.Stat(shared + "/data/cameo/petrarch2"); err != nil {
		t.Skip(err)
	}
	st, err := event.Load(event.Config{Dir: shared + "/data/cameo/petrarch2"})
	if err != nil {
		t.Fatal(err)
	}
	a := &doc.Article{ID: "rubio", URL: "https://example.org/rubio-mexico", Text: string(body),
		Published: time.Date(2026, 11, 26, 9, 7, 0, 0, time.UTC)}
	ts, _ := text.New()
	if err := ts.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if i := strings.Index(a.Text, "Mexico City today"); i >= 0 {
		a.Places = append(a.Places, doc.Place{Span: doc.Span{Start: i, End: i + len("Mexico City")}, Name: "Mexico City",
			Kind: "city", Country: "MX", Admin1: "09", Admin1Name: "Mexico City", Lat: 19.4285, Lon: -99.1277, GeonameID: 3530597})
	}
	if err := st.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if len(a.Events) == 0 {
		t.Fatal("no events coded")
	}
	return a
}

var (
	isInt   = regexp.MustCompile(`^-?[0-9]+$`)
	isFloat = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	isCode3 = regexp.MustCompile(`^[A-Z]{3}$`)
)

// TestEventsColumns checks every row of the example for 61 columns and the
// type of each of them, as the GDELT 2.0 codebook gives them.
func TestEventsColumns(t *testing.T) {
	a := example(t)
	opt := Options{FIPS: map[string]string{"MX": "MX", "US": "US"}, Names: map[string]string{"MX": "Mexico"}}
	var buf bytes.Buffer
	if err := New(opt).Events(&buf, a); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(a.Events) {
		t.Fatalf("%d rows for %d events", len(lines), len(a.Events))
	}
	// column index → check ("" allowed where GDELT leaves fields empty)
	type check func(string) bool
	intReq := func(s string) bool { return isInt.MatchString(s) }
	intOpt := func(s string) bool { return s == "" || isInt.MatchString(s) }
	floatReq := func(s string) bool { return isFloat.MatchString(s) }
	floatOpt := func(s string) bool { return s == "" || isFloat.MatchString(s) }
	str := func(s string) bool { return !strings.ContainsAny(s, "\t\n") }
	code3 := func(s string) bool { return s == "" || isCode3.MatchString(s) }
	ymd := func(s string) bool { _, err := time.Parse("20060102", s); return err == nil }
	cols := map[int]check{0: intReq, 1: ymd, 2: intReq, 3: intReq, 4: floatReq, 25: func(s string) bool { return s == "0" || s == "1" },
		26: regexp.MustCompile(`^[0-9]{2,4}$`).MatchString, 27: regexp.MustCompile(`^[0-9]{2,3}$`).MatchString,
		28: regexp.MustCompile(`^[0-9]{2}$`).MatchString, 29: func(s string) bool { n, err := strconv.Atoi(s); return err == nil && n >= 1 && n <= 4 },
		30: func(s string) bool { f, err := strconv.ParseFloat(s, 64); return err == nil && f >= -10 && f <= 10 },
		31: intReq, 32: intReq, 33: intReq, 34: floatReq,
		59: func(s string) bool { _, err := time.Parse("20060102150405", s); return err == nil }, 60: func(s string) bool { return s != "" }}
	for _, base := range []int{5, 15} { // actor blocks
		cols[base] = str
		cols[base+1] = str
		cols[base+2] = code3
		cols[base+3] = code3
		cols[base+4] = str
		cols[base+5] = code3
		cols[base+6] = str
		cols[base+7] = code3
		cols[base+8] = code3
		cols[base+9] = code3
	}
	for _, base := range []int{35, 43, 51} { // geo blocks
		cols[base] = func(s string) bool { return s == "" || regexp.MustCompile(`^[1-5]$`).MatchString(s) }
		cols[base+1] = str
		cols[base+2] = func(s string) bool { return s == "" || regexp.MustCompile(`^[A-Z]{2}$`).MatchString(s) }
		cols[base+3] = str
		cols[base+4] = str
		cols[base+5] = floatOpt
		cols[base+6] = floatOpt
		cols[base+7] = intOpt
	}
	if len(cols) != 61 {
		t.Fatalf("checks cover %d columns", len(cols))
	}
	sawLocation := false
	for _, line := range lines {
		f := strings.Split(line, "\t")
		if len(f) != 61 {
			t.Fatalf("row has %d columns, want 61: %q", len(f), line)
		}
		for i, ok := range cols {
			if !ok(f[i]) {
				t.Errorf("column %d = %q fails its type check in %q", i, f[i], line)
			}
		}
		if f[5] == "" {
			t.Errorf("Actor1Code empty: %q", line)
		}
		if f[26] == "042" && f[7] == "USA" && f[51] == "4" && f[52] == "Mexico City, Mexico" && f[53] == "MX" {
			sawLocation = true
			if f[1] != "20261126" || f[59] != "20261126090000" {
				t.Errorf("visit dates: SQLDATE %s DATEADDED %s", f[1], f[59])
			}
		}
	}
	if !sawLocation {
		t.Errorf("no 042 USA row with ActionGeo Mexico City:\n%s", buf.String())
	}
}

func TestMentionsColumns(t *testing.T) {
	a := example(t)
	var buf bytes.Buffer
	if err := WriteMentions(&buf, a); err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 16 {
			t.Fatalf("mention row has %d columns: %q", len(f), line)
		}
		for _, i := range []int{0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 12} {
			if !isInt.MatchString(f[i]) {
				t.Errorf("mention column %d = %q, want an integer", i, f[i])
			}
		}
		if c, _ := strconv.Atoi(f[11]); c < 10 || c > 100 {
			t.Errorf("confidence %d out of 10..100", c)
		}
		if !isFloat.MatchString(f[13]) {
			t.Errorf("tone %q", f[13])
		}
	}
	// the action offset points at the trigger, in characters
	e := a.Events[0]
	runes := []rune(a.Text)
	off := chars(a.Text, e.Trigger.Start)
	if got := string(runes[off : off+3]); got != a.Text[e.Trigger.Start:e.Trigger.Start+3] {
		t.Errorf("action offset %d points at %q", off, got)
	}
}

func TestGKGColumns(t *testing.T) {
	a := example(t)
	a.Title = "Rubio in Mexico"
	a.Tone = &doc.Tone{Tone: -1.5, Positive: 2, Negative: 3.5, Polarity: 5.5, WordCount: 400}
	a.Dates = append(a.Dates, doc.Date{Span: doc.Span{Start: 0, End: 6}, Value: "2026-11-26", Granularity: "day"})
	var buf bytes.Buffer
	if err := WriteGKG(&buf, a); err != nil {
		t.Fatal(err)
	}
	f := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\t")
	if len(f) != 27 {
		t.Fatalf("GKG record has %d columns, want 27", len(f))
	}
	if !regexp.MustCompile(`^[0-9]{14}-0$`).MatchString(f[0]) || !regexp.MustCompile(`^[0-9]{14}$`).MatchString(f[1]) {
		t.Errorf("record id/date %q %q", f[0], f[1])
	}
	if tone := strings.Split(f[15], ","); len(tone) != 7 {
		t.Errorf("V2Tone has %d values: %q", len(tone), f[15])
	}
	if !strings.HasPrefix(f[10], "4#Mexico City") {
		t.Errorf("V2Locations %q", f[10])
	}
	if f[16] != "4#11#26#2026#0" {
		t.Errorf("dates %q", f[16])
	}
	if f[26] != "<PAGE_TITLE>Rubio in Mexico</PAGE_TITLE>" {
		t.Errorf("extras %q", f[26])
	}
}

// TestLoadOptionsCountryCodes reads GeoNames' country table: ISO2 keys,
// FIPS 10-4 values (GDELT's country codes) and English names.
func TestLoadOptionsCountryCodes(t *testing.T) {
	opt, err := LoadOptions("../../../shared/data/geo/countries.tsv")
	if errors.Is(err, os.ErrNotExist) {
		t.Skip("shared geo data absent")
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ iso2, fips, name string }{
		{"IL", "IS", "Israel"}, {"IS", "IC", "Iceland"}, {"MM", "BM", "Myanmar"}, {"MX", "MX", "Mexico"}, {"US", "US", "United States"},
	} {
		if opt.FIPS[tt.iso2] != tt.fips || opt.Names[tt.iso2] != tt.name {
			t.Errorf("%s: FIPS %q name %q, want %q %q", tt.iso2, opt.FIPS[tt.iso2], opt.Names[tt.iso2], tt.fips, tt.name)
		}
	}
}
