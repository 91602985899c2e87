package event

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestCapitals: a capital acting is its government, after a locative
// preposition it stays the country.
func TestCapitals(t *testing.T) {
	dir, geo := shared+"/cameo/petrarch2", shared+"/geo/countries.tsv"
	for _, p := range []string{dir, geo} {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("no %s", p)
		}
	}
	s, err := Load(Config{Dir: dir, Capitals: geo})
	if err != nil {
		t.Fatal(err)
	}
	caps := s.coder.opt.Capitals
	t.Logf("%d capitals the dictionary codes as their country", len(caps))
	for name, want := range map[string]string{"BERLIN": "DEU", "MOSCOW": "RUS", "TEHRAN": "IRN", "WASHINGTON": "USA"} {
		if caps[name] != want {
			t.Errorf("capital %s: %q, want %q", name, caps[name], want)
		}
	}
	pub := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		text, source, target string
	}{
		{"Berlin rejected the French proposal on Monday.", "DEUGOV", "FRA"},
		{"Moscow condemned Germany on Monday.", "RUSGOV", "DEU"},
		{"Washington criticized Iran on Tuesday.", "USAGOV", "IRN"},
		{"Moscow's envoy", "", ""}, // no event, must not panic
		{"France condemned Germany in Berlin on Monday.", "FRA", "DEU"},
		{"From Tehran, Iran condemned Germany on Monday.", "IRN", "DEU"},
	} {
		a := analyse(t, s, tc.text, pub, nil)
		if tc.source == "" {
			continue
		}
		if len(a.Events) == 0 {
			t.Errorf("%q: no event", tc.text)
			continue
		}
		e := a.Events[0]
		if e.Source.Code != tc.source || e.Target.Code != tc.target {
			t.Errorf("%q: %s>%s, want %s>%s\n%s", tc.text, e.Source.Code, e.Target.Code, tc.source, tc.target, dump(a))
		}
	}
	// a locative capital next to an acting one
	a := analyse(t, s, "Tehran accused Washington of plotting at talks in Berlin.", pub, nil)
	for _, e := range a.Events {
		if e.Source.Code == "DEUGOV" || e.Target.Code == "DEUGOV" {
			t.Errorf("Berlin after IN coded as a government:\n%s", dump(a))
		}
	}
}

// TestCountryNames checks that the country table fills the 2014 lists'
// gaps with proper names and demonyms only.
func TestCountryNames(t *testing.T) {
	d := loadDict(t, shared+"/cameo/petrarch2")
	path := shared + "/geo/countries.tsv"
	if _, err := os.Stat(path); err != nil {
		t.Skip(err)
	}
	b, err := CountryNames(path, d)
	if err != nil {
		t.Fatal(err)
	}
	got := "\n" + string(b)
	for _, want := range []string{"SWEDISH_ [SWE]", "EMIRATES_ [ARE]", "ESWATINI_ [SWZ]", "DRC_ [COD]"} {
		if !strings.Contains(got, "\n"+want+"\n") {
			t.Errorf("missing %q", want)
		}
	}
	for _, bad := range []string{"ISLAND_ ", "REUNION_ ", "THE_STATES_ ", "TAIWAN_ ", "MANN_ "} {
		if strings.Contains(got, "\n"+bad) {
			t.Errorf("unwanted %q", bad)
		}
	}
}
