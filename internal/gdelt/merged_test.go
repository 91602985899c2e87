package gdelt

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/eventmerge"
)

// mergedFixture: one kidnapping reported by two stories (the first also
// run word for word by a second outlet, stored once), and a meeting.
func mergedFixture() ([]*doc.Article, []eventmerge.Mention) {
	day := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, time.UTC) }
	text := "Gunmen kidnapped an American aid worker in Kabul on Monday, police said."
	kabul := doc.Place{Span: doc.Span{Start: 43, End: 48}, Name: "Kabul", Kind: "city", Country: "AF", Lat: 34.53, Lon: 69.17, GeonameID: 1138958}
	ev := func(id, src, srcText, code, tgt string, trig int) doc.Event {
		return doc.Event{ID: id, Source: doc.Actor{Code: src, Text: srcText, Span: &doc.Span{Start: 0, End: 6}},
			Target: doc.Actor{Code: tgt, Text: "aid worker", Span: &doc.Span{Start: 20, End: 39}}, Code: code, BaseCode: code[:3],
			RootCode: code[:2], QuadClass: 4, Goldstein: -9, Status: "asserted", Confidence: 0.8, Trigger: doc.Span{Start: trig, End: trig + 9}, Location: 1}
	}
	wire := &doc.Article{ID: "wire-1", URL: "https://wire.example/k", Source: "Wire", Published: day(2, 9, 7), Text: text,
		Places: []doc.Place{kabul}, Tone: &doc.Tone{Tone: -6},
		Events: []doc.Event{ev("e1", "AFG", "Afghan", "181", "USA", 7)}}
	times := &doc.Article{ID: "times-1", URL: "https://times.example/k", Source: "Times", Published: day(3, 8, 0), Text: text,
		Places: []doc.Place{kabul}, Tone: &doc.Tone{Tone: -4},
		Events: []doc.Event{ev("e1", "AFGINS", "Gunmen", "181", "USACVL", 7), ev("e2", "AFGGOV", "Kabul", "040", "PAKGOV", 50)}}
	var ms []eventmerge.Mention
	add := func(a *doc.Article, article, outlet string, pub time.Time) {
		for _, e := range a.Events {
			m := eventmerge.Mention{Article: article, Story: a.ID, Outlet: outlet, Published: pub, Event: e}
			m.Place = &a.Places[e.Location-1]
			ms = append(ms, m)
		}
	}
	add(wire, "wire-1", "Wire", wire.Published)
	add(wire, "daily-1", "Other Daily", day(2, 11, 40)) // the copy, not among the articles
	add(times, "times-1", "Times", times.Published)
	return []*doc.Article{wire, times}, ms
}

var (
	mergedInt   = regexp.MustCompile(`^-?[0-9]+$`)
	mergedFloat = regexp.MustCompile(`^-?[0-9]+\.[0-9]+$`)
	mergedStamp = regexp.MustCompile(`^20[0-9]{12}$`)
)

func TestMergedEvents(t *testing.T) {
	arts, ms := mergedFixture()
	events := eventmerge.Merge(ms, eventmerge.Options{})
	if len(events) != 2 {
		t.Fatalf("%d merged events, want 2 (kidnapping, meeting)", len(events))
	}
	w := New(Options{})
	var eb, mb bytes.Buffer
	if err := w.MergedEvents(&eb, arts, events, ms); err != nil {
		t.Fatal(err)
	}
	if err := w.MergedMentions(&mb, arts, events, ms); err != nil {
		t.Fatal(err)
	}
	evRows := mergedRows(t, eb.String(), 61)
	mRows := mergedRows(t, mb.String(), 16)
	if len(evRows) != len(events) || len(mRows) != len(ms) {
		t.Fatalf("%d event rows, %d mention rows, want %d and %d", len(evRows), len(mRows), len(events), len(ms))
	}
	types := map[int]*regexp.Regexp{0: mergedInt, 1: mergedInt, 2: mergedInt, 3: mergedInt, 4: mergedFloat, 25: mergedInt,
		29: mergedInt, 30: mergedFloat, 31: mergedInt, 32: mergedInt, 33: mergedInt, 34: mergedFloat, 51: mergedInt,
		56: mergedFloat, 57: mergedFloat, 59: mergedStamp}
	added := map[string]string{} // event id → DATEADDED
	byCode := map[string][]string{}
	for _, r := range evRows {
		for col, re := range types {
			if !re.MatchString(r[col]) {
				t.Errorf("events column %d = %q, not %s", col, r[col], re)
			}
		}
		added[r[0]] = r[59]
		byCode[r[26]] = r
	}
	k := byCode["181"]
	if k == nil {
		t.Fatal("no kidnapping row")
	}
	// One event, three mentions, three outlets, two distinct stories.
	if k[31] != "3" || k[32] != "3" || k[33] != "2" {
		t.Errorf("kidnapping NumMentions/NumSources/NumArticles = %s/%s/%s, want 3/3/2", k[31], k[32], k[33])
	}
	if want := strconv.FormatInt(EventID(arts[0], 0), 10); k[0] != want {
		t.Errorf("kidnapping GLOBALEVENTID %s, want its first mention's %s", k[0], want)
	}
	if k[1] != "20261102" || k[59] != "20261102090000" {
		t.Errorf("kidnapping dated %s added %s, want 20261102 and the first sighting 20261102090000", k[1], k[59])
	}
	// The merged actors are the most specific seen.
	if k[5] != "AFGINS" || k[6] != "GUNMEN" || k[15] != "USACVL" || k[17] != "USA" || k[22] != "CVL" {
		t.Errorf("kidnapping actors %q %q → %q (type %q)", k[5], k[6], k[15], k[22])
	}
	if k[34] != "-5.000000" || k[52] != "Kabul" || k[56] != "34.5300" {
		t.Errorf("kidnapping AvgTone %s (want mean of -6 and -4), ActionGeo %q", k[34], k[52])
	}
	// Every mention links to a merged event, at its first sighting.
	outlets := map[string]bool{}
	for _, r := range mRows {
		for _, col := range []int{0, 3, 6, 7, 8, 9, 10, 11, 12} {
			if !mergedInt.MatchString(r[col]) {
				t.Errorf("mentions column %d = %q, not an integer", col, r[col])
			}
		}
		if !mergedStamp.MatchString(r[1]) || !mergedStamp.MatchString(r[2]) || !mergedFloat.MatchString(r[13]) {
			t.Errorf("mentions row times/tone: %q %q %q", r[1], r[2], r[13])
		}
		if a, ok := added[r[0]]; !ok || a != r[1] {
			t.Errorf("mention of %s (EventTimeDate %s) does not link to a merged event (%v)", r[0], r[1], added)
		}
		if r[0] == k[0] {
			outlets[r[4]+"@"+r[2]] = true
		}
	}
	for _, want := range []string{"Wire@20261102090000", "Other Daily@20261102113000", "Times@20261103080000"} {
		if !outlets[want] {
			t.Errorf("kidnapping mentions lack %s: %v", want, outlets)
		}
	}
}

func TestMergedEventsUnknownArticle(t *testing.T) {
	arts, ms := mergedFixture()
	events := eventmerge.Merge(ms, eventmerge.Options{})
	if err := New(Options{}).MergedEvents(&bytes.Buffer{}, arts[:1], events, ms); err == nil {
		t.Error("events whose mentions are in no article were written without error")
	}
}

func mergedRows(t *testing.T, s string, cols int) [][]string {
	t.Helper()
	var out [][]string
	for _, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != cols {
			t.Fatalf("row has %d columns, want %d: %q", len(f), cols, line)
		}
		out = append(out, f)
	}
	return out
}
