package event

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/text"
	"newsgraph/internal/timex"
)

func loadStage(t testing.TB) *Stage {
	t.Helper()
	dir := shared + "/cameo/petrarch2"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no dictionaries at %s", dir)
	}
	s, err := Load(Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// analyse runs the text stage and the event stage; places stand in for the
// geo stage (its contract: Places with spans) so the test does not need
// the compiled gazetteer.
func analyse(t testing.TB, s *Stage, body string, pub time.Time, places map[string]doc.Place) *doc.Article {
	t.Helper()
	a := &doc.Article{ID: "t", Text: body, Published: pub}
	ts, _ := text.New()
	if err := ts.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	for name, p := range places {
		for i := 0; ; {
			j := strings.Index(body[i:], name)
			if j < 0 {
				break
			}
			p.Span = doc.Span{Start: i + j, End: i + j + len(name)}
			a.Places = append(a.Places, p)
			i += j + len(name)
		}
	}
	if err := s.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a
}

func dump(a *doc.Article) string {
	var b strings.Builder
	for _, e := range a.Events {
		fmt.Fprintf(&b, "s%d %s>%s %s %s plover=%s ref=%v date=%s(inh=%v) loc=%d(inh=%v) %q rule=%q\n", e.Sentence, e.Source.Code, e.Target.Code, e.Code,
			e.Status, e.PLOVER, e.Reference, e.Date, e.DateInherited, e.Location, e.LocationInherited, a.Text[e.Trigger.Start:e.Trigger.End], e.Rule)
	}
	return b.String()
}

func TestRubioMexico(t *testing.T) {
	body, err := os.ReadFile("../../../shared/examples/rubio-mexico.txt")
	if err != nil {
		t.Skip(err)
	}
	s := loadStage(t)
	pub := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	a := analyse(t, s, string(body), pub, map[string]doc.Place{
		"Mexico City": {Name: "Mexico City", Kind: "city", Country: "MX", GeonameID: 3530597},
		"Ecuador":     {Name: "Ecuador", Kind: "country", Country: "EC", GeonameID: 3658394},
	})
	t.Log("\n" + dump(a))
	has := func(what string, ok func(e doc.Event) bool) *doc.Event {
		for i, e := range a.Events {
			if ok(e) {
				return &a.Events[i]
			}
		}
		t.Errorf("missing %s", what)
		return nil
	}
	if e := has("visit 042 USAGOV→MEX", func(e doc.Event) bool {
		return e.Code == "042" && e.Source.Code == "USAGOV" && strings.HasPrefix(e.Target.Code, "MEX") && e.Status == "asserted"
	}); e != nil {
		if e.Location == 0 || a.Places[e.Location-1].Name != "Mexico City" {
			t.Errorf("visit location = %d, want Mexico City", e.Location)
		}
		if e.Date != "2026-11-26" {
			t.Errorf("visit date = %q", e.Date)
		}
	}
	has("meeting USAGOV↔MEXGOV", func(e doc.Event) bool {
		return e.RootCode == "04" && e.Source.Code == "USAGOV" && e.Target.Code == "MEXGOV"
	})
	has("agreement/intent to cooperate", func(e doc.Event) bool {
		return e.RootCode == "03" && (e.Source.Code == "USA" || e.Source.Code == "MEX" || strings.HasPrefix(e.Source.Code, "USAGOV") || strings.HasPrefix(e.Source.Code, "MEXGOV"))
	})
	has("intelligence sharing", func(e doc.Event) bool { return e.Code == "0314" || e.Code == "064" })
	has("Mexico's concern about US migration enforcement", func(e doc.Event) bool {
		se := a.Sentences[e.Sentence]
		return strings.HasPrefix(e.Source.Code, "MEX") && strings.HasPrefix(e.Target.Code, "USA") &&
			(e.RootCode == "01" || e.RootCode == "11" || e.RootCode == "10") &&
			strings.Contains(a.Text[se.Start:se.End], "concern")
	})
	has("US military operations as a reference", func(e doc.Event) bool {
		return strings.HasPrefix(e.Source.Code, "USAMIL") && e.Reference && !e.DateInherited
	})
	has("Ecuador visit flagged future", func(e doc.Event) bool {
		return e.Code == "042" && e.Target.Code == "ECU" && e.Status == "future"
	})
	for _, e := range a.Events {
		if e.Target.Code == "ECU" && e.Status == "asserted" {
			t.Errorf("Ecuador leg coded as happened: %+v", e)
		}
	}
}

// TestStatus checks that negated and hypothetical clauses are not coded as
// events that happened.
func TestStatus(t *testing.T) {
	s := loadStage(t)
	pub := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		text, status string
		code         string // the event to check ("" = the first)
	}{
		{"France did not condemn Germany on Monday.", "negated", ""},
		{"France never criticized Germany.", "negated", ""},
		{"France could condemn Germany next week.", "hypothetical", ""},
		{"If France attacks Germany, the alliance will respond.", "hypothetical", ""},
		{"France will visit Germany next week.", "future", ""},
		{"France condemned Germany on Monday.", "asserted", ""},
		{"France said it would visit Germany next week.", "future", "042"},
		{"France would visit Germany if asked.", "hypothetical", ""},
	} {
		a := analyse(t, s, tc.text, pub, nil)
		if len(a.Events) == 0 {
			t.Errorf("%q: no event", tc.text)
			continue
		}
		e := a.Events[0]
		for _, x := range a.Events {
			if x.Code == tc.code {
				e = x
				break
			}
		}
		if got := e.Status; got != tc.status {
			t.Errorf("%q: status %s, want %s\n%s", tc.text, got, tc.status, dump(a))
		}
	}
}

// TestReferences checks background mentions: flagged, dated from the
// sentence, never given the publication date.
func TestReferences(t *testing.T) {
	s := loadStage(t)
	pub := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ text, date string }{
		{"Rebels attacked the Mexican army in 2019.", "2019"},
		{"Three years ago rebels attacked the Mexican army.", "2023"},
		{"The summit comes against the backdrop of recent Russian military units attacking Ukraine.", ""},
	} {
		a := analyse(t, s, tc.text, pub, nil)
		if len(a.Events) == 0 {
			t.Errorf("%q: no event", tc.text)
			continue
		}
		e := a.Events[0]
		if !e.Reference || e.Date != tc.date || e.DateInherited {
			t.Errorf("%q: reference=%v date=%q inherited=%v\n%s", tc.text, e.Reference, e.Date, e.DateInherited, dump(a))
		}
	}
	a := analyse(t, s, "Rebels attacked the Mexican army on Monday.", pub, nil)
	if len(a.Events) == 0 || a.Events[0].Reference || a.Events[0].Date != "2026-11-26" || !a.Events[0].DateInherited {
		t.Errorf("a fresh event must not be a reference:\n%s", dump(a))
	}
}

// TestUserActors checks that the data folder's actors.user.txt (what
// `newsgraph actors add` writes) is read and wins over the dictionaries.
func TestUserActors(t *testing.T) {
	src, err := filepath.Abs(shared + "/cameo")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(src + "/petrarch2"); err != nil {
		t.Skip(err)
	}
	data := t.TempDir()
	if err := os.Mkdir(filepath.Join(data, "cameo"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"petrarch2", "gdelt-lookups", "plover", "countries.tsv"} {
		if err := os.Symlink(filepath.Join(src, n), filepath.Join(data, "cameo", n)); err != nil {
			t.Fatal(err)
		}
	}
	user := "ZORBLAX_QUUX_\n+QUUX_\n\t[MEXGOV >20241001]\nEMMANUEL_MACRON_\n\t[FRAELI]\n"
	if err := os.WriteFile(filepath.Join(data, UserActorsFile), []byte(user), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(Config{Dir: filepath.Join(data, "cameo", "petrarch2")})
	if err != nil {
		t.Fatal(err)
	}
	a := analyse(t, s, "Zorblax Quux met with Emmanuel Macron in Paris.", time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), nil)
	if len(a.Events) == 0 || a.Events[0].Source.Code != "MEXGOV" || a.Events[0].Target.Code != "FRAELI" {
		t.Errorf("user actors not applied:\n%s", dump(a))
	}
}

func TestDaysBefore(t *testing.T) {
	pub := time.Date(2026, 11, 26, 15, 4, 0, 0, time.UTC)
	for _, tt := range []struct {
		v    string
		want int
		ref  bool
	}{
		{"2026-11-26", 0, false}, // today: news
		{"2026-11-25", 1, false}, // yesterday: news in today's wire story
		{"2026-11-24", 2, true},  // "on Tuesday" in Thursday's story: background
		{"2026-11", -4, false},   // this month may still be news
		{"2026-10", 26, true},    // "in October"
		{"2019", 2522, true},     // "the 2019 attack"
		{"2026-11-30", -4, false},
		{"2026-W47", 4, true},    // "last week" (ends Sunday 22 November)
		{"2026-W48", -3, false},  // "this week"
		{"2020-W53", 2153, true}, // ends Sunday 3 January 2021
		{"2026-W99", 0, false},
		{"soon", 0, false},
	} {
		got := daysBefore(tt.v, pub)
		if got != tt.want || (got >= referenceDays) != tt.ref {
			t.Errorf("daysBefore(%q) = %d (reference %v), want %d (%v)", tt.v, got, got >= referenceDays, tt.want, tt.ref)
		}
	}
}

// TestReportDates checks that a date next to a reporting verb dates the
// report and the act reported takes the date of its own clause.
func TestReportDates(t *testing.T) {
	s := loadStage(t)
	pub := time.Date(1987, 4, 9, 0, 0, 0, 0, time.UTC)
	body := "Iraq said today it repelled an Iranian attack near Basra last night."
	a := &doc.Article{ID: "t", Text: body, Published: pub}
	ts, _ := text.New()
	if err := ts.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	a.Dates = timex.Extract(body, pub)
	if err := s.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"said": "1987-04-09", "repelled": "1987-04-08"}
	seen := 0
	for _, e := range a.Events {
		w := body[e.Trigger.Start:e.Trigger.End]
		if d, ok := want[w]; ok {
			seen++
			if e.Date != d {
				t.Errorf("%s dated %s, want %s\n%s", w, e.Date, d, dump(a))
			}
		}
	}
	if seen == 0 {
		t.Errorf("no event coded:\n%s", dump(a))
	}
}

// TestSurnames checks that a bare surname is the person the document named
// in full, not a dictionary namesake (King Hussein of Jordan).
func TestSurnames(t *testing.T) {
	s := loadStage(t)
	pub := time.Date(1987, 3, 22, 0, 0, 0, 0, time.UTC)
	a := analyse(t, s, "Iraqi President Saddam Hussein said Iraq had foiled Iran's offensive. Hussein warned Iran of further attacks.", pub, nil)
	wantSource(t, a, 1, "warned", "IRQ")
}

// TestOwnSide checks that unnamed warplanes are not given the country they
// strike but the one the story leads with.
func TestOwnSide(t *testing.T) {
	s := loadStage(t)
	pub := time.Date(1987, 3, 23, 0, 0, 0, 0, time.UTC)
	a := analyse(t, s, "Iraq said today it had attacked four Iranian oil sites. A communique said warplanes hit the jetty at Iran's Kharg island.", pub, nil)
	wantSource(t, a, -1, "hit", "IRQ")
}

// wantSource checks that the event triggered by word (in sentence sent,
// or any when sent < 0) has a source code starting with prefix.
func wantSource(t *testing.T, a *doc.Article, sent int, word, prefix string) {
	t.Helper()
	for _, e := range a.Events {
		if (sent < 0 || e.Sentence == sent) && a.Text[e.Trigger.Start:e.Trigger.End] == word {
			if !strings.HasPrefix(e.Source.Code, prefix) {
				t.Errorf("%q coded from %s, want %s...\n%s", word, e.Source.Code, prefix, dump(a))
			}
			return
		}
	}
	t.Errorf("no event triggered by %q:\n%s", word, dump(a))
}
