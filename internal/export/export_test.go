package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"newsgraph/internal/doc"
	"newsgraph/internal/store/storetest"
)

func writeAll(t *testing.T, format string, as []*doc.Article) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(format, &buf)
	if err != nil {
		t.Fatalf("NewWriter(%s): %v", format, err)
	}
	for _, a := range as {
		if err := w.Write(a); err != nil {
			t.Fatalf("%s: Write: %v", format, err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatalf("%s: Close: %v", format, err)
	}
	return buf.Bytes()
}

func TestCSV(t *testing.T) {
	fx := storetest.Fixture()
	fx[1].Title = "=HYPERLINK(\"http://evil\")"
	recs, err := csv.NewReader(bytes.NewReader(writeAll(t, "csv", fx))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 4 || strings.Join(recs[0], ",") != strings.Join(CSVHeader, ",") {
		t.Fatalf("csv: %d records, header %v", len(recs), recs[0])
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	r := recs[1]
	checks := map[string]string{"id": "a1", "published": "2026-11-25T12:00:00Z", "source": "Reuters", "focus_country": "MX",
		"countries": "MX", "persons": "Marco Rubio;Claudia Sheinbaum", "themes": "ECON_TRADE;SECURITY_SERVICES",
		"event_codes": "040", "actors": "USAGOV;MEXGOV", "quotes": "1", "tone": "1.5"}
	for k, want := range checks {
		if got := r[col[k]]; got != want {
			t.Errorf("csv a1 %s = %q, want %q", k, got, want)
		}
	}
	if got := recs[2][col["title"]]; !strings.HasPrefix(got, "'=") {
		t.Errorf("formula title not defused: %q", got)
	}
	if got := recs[2][col["themes"]]; got != "ECON_PENSIONS;STRIKE" {
		t.Errorf("themes from hits = %q", got)
	}
}

func TestJSONL(t *testing.T) {
	fx := storetest.Fixture()
	lines := strings.Split(strings.TrimSpace(string(writeAll(t, "jsonl", fx))), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines", len(lines))
	}
	var a doc.Article
	if err := json.Unmarshal([]byte(lines[0]), &a); err != nil {
		t.Fatal(err)
	}
	if a.ID != "a1" || a.Text != fx[0].Text || len(a.Events) != 1 || a.Events[0].Code != "040" {
		t.Errorf("jsonl round trip lost data: %+v", a)
	}
}

func TestParquet(t *testing.T) {
	fx := storetest.Fixture()
	b := writeAll(t, "parquet", fx)
	rows, err := parquet.Read[Row](bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("%d rows", len(rows))
	}
	if rows[0].ID != "a1" || rows[0].Text != fx[0].Text || strings.Join(rows[0].Persons, ";") != "Marco Rubio;Claudia Sheinbaum" ||
		rows[2].FocusCountry != "" || strings.Join(rows[2].EventCodes, ";") != "036;040" {
		t.Errorf("parquet rows = %+v", rows[0])
	}
}

func TestGDELT(t *testing.T) {
	fx := storetest.Fixture()
	events := strings.Split(strings.TrimSpace(string(writeAll(t, "gdelt-events", fx))), "\n")
	if len(events) != 4 {
		t.Errorf("gdelt-events: %d rows, want one per event (4)", len(events))
	}
	for _, e := range events {
		if n := len(strings.Split(e, "\t")); n != 61 {
			t.Errorf("gdelt-events row has %d columns, want 61", n)
		}
	}
	gkg := strings.Split(strings.TrimSpace(string(writeAll(t, "gdelt-gkg", fx))), "\n")
	ids := map[string]bool{}
	for _, r := range gkg {
		f := strings.Split(r, "\t")
		if len(f) != 27 {
			t.Errorf("gkg record has %d columns, want 27", len(f))
		}
		ids[f[0]] = true
	}
	if len(gkg) != 3 || len(ids) != 3 {
		t.Errorf("gkg: %d records, %d distinct ids", len(gkg), len(ids))
	}
	if m := writeAll(t, "gdelt-mentions", fx); len(m) == 0 {
		t.Error("gdelt-mentions wrote nothing")
	}
}

func TestUnknownFormat(t *testing.T) {
	if _, err := NewWriter("xml", &bytes.Buffer{}); !errors.Is(err, ErrUnknownFormat) {
		t.Errorf("err = %v", err)
	}
}
