package geo

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"

	"newsgraph/internal/doc"
	"newsgraph/internal/text"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Mexico City", "mexico city"},
		{"MEXICO CITY", "mexico city"},
		{"Ciudad de México", "ciudad de mexico"},
		{"St. Louis", "saint louis"},
		{"Saint Louis", "saint louis"},
		{"Mt. Kenya", "mount kenya"},
		{"U.S.", "us"},
		{"Côte d’Ivoire", "cote divoire"},
		{"Côte d'Ivoire", "cote divoire"},
		{"The Hague", "hague"},
		{"Winston-Salem", "winston salem"},
		{"Kraków", "krakow"},
		{"Düsseldorf", "dusseldorf"},
		{"Straße", "strasse"},
		{"", ""},
	} {
		if got := Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// gazPath is the gazetteer `make setup` compiles; tests that need it skip
// when it is absent.
const gazPath = "../../data/" + FileName

var (
	gazOnce sync.Once
	gaz     *Gazetteer
	gazErr  error
)

func testGazetteer(t testing.TB) *Gazetteer {
	t.Helper()
	if _, err := os.Stat(gazPath); err != nil {
		t.Skip("compiled gazetteer absent (run `make setup`):", err)
	}
	gazOnce.Do(func() { gaz, gazErr = LoadGazetteer(gazPath) })
	if gazErr != nil {
		t.Fatal(gazErr)
	}
	return gaz
}

func TestLookup(t *testing.T) {
	g := testGazetteer(t)
	for _, tc := range []struct {
		name string
		id   int
	}{
		{"Mexico City", 3530597},
		{"Ciudad de México", 3530597},
		{"MEXICO CITY", 3530597},
		{"St. Louis", 4407066},
		{"Saint Louis", 4407066},
		{"Mexico", 3996063},
		{"U.S.", 6252001},
		{"Guadalajara", 4005539},
	} {
		found := false
		for _, m := range g.Lookup(tc.name) {
			if g.Entry(m.Entry).ID == tc.id {
				found = true
			}
		}
		if !found {
			t.Errorf("Lookup(%q): no entry %d", tc.name, tc.id)
		}
	}
	if ms := g.Lookup("Xyzzyville"); len(ms) != 0 {
		t.Errorf("Lookup(Xyzzyville) = %v, want none", ms)
	}
}

func parse(t *testing.T, g *Gazetteer, s string) ([]doc.Place, *doc.Focus) {
	t.Helper()
	st, err := New(g)
	if err != nil {
		t.Fatal(err)
	}
	a := &doc.Article{Text: s, Tokens: text.Tokenize(s)}
	if err := st.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return a.Places, a.Focus
}

// placeAt returns the place whose span covers the n-th occurrence (from 0)
// of sub in s.
func placeAt(s string, places []doc.Place, sub string, n int) *doc.Place {
	off := 0
	for k := 0; ; k++ {
		i := indexFrom(s, sub, off)
		if i < 0 {
			return nil
		}
		if k == n {
			for j := range places {
				if places[j].Overlaps(doc.Span{Start: i, End: i + len(sub)}) {
					return &places[j]
				}
			}
			return nil
		}
		off = i + len(sub)
	}
}

func indexFrom(s, sub string, off int) int {
	for i := off; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestResolveSentences(t *testing.T) {
	g := testGazetteer(t)
	for _, tc := range []struct {
		text, name string
		id         int    // 0: must not be a place
		country    string // checked when id is -1
	}{
		{"The mayor of Paris, Texas, spoke on Monday.", "Paris", 4717560, ""},
		{"Police in Paris said the suspect fled.", "Paris", 2988507, ""},
		{"Protesters gathered in Guadalajara, Jalisco, on Sunday.", "Guadalajara", 4005539, ""},
		{"Officials in Mobile said the storm passed.", "Mobile", 4076598, ""},
		{"Mobile phones were banned.", "Mobile", 0, ""},
		{"Senator Marco Rubio spoke. Rubio later left.", "Rubio", 0, ""},
		{"May was a busy month.", "May", 0, ""},
		{"Mexican officials met in Madrid.", "Mexican", -1, "MX"},
		{"The talks in Ankara ended.", "Ankara", 323786, ""},
		// a town's own name before a big town's nickname: the largest
		// Whitehall of cities500 (Ohio), not Atlanta, which GeoNames also
		// calls "Whitehall" (London's Whitehall is a street, not in it)
		{"Officials in Whitehall said the plan was delayed.", "Whitehall", 4528291, ""},
	} {
		places, _ := parse(t, g, tc.text)
		p := placeAt(tc.text, places, tc.name, 0)
		switch {
		case tc.id == 0:
			if p != nil {
				t.Errorf("%q: %s resolved to %s %d, want no place", tc.text, tc.name, p.Name, p.GeonameID)
			}
		case p == nil:
			t.Errorf("%q: %s not found", tc.text, tc.name)
		case tc.id == -1:
			if p.Country != tc.country || p.Kind != "demonym" {
				t.Errorf("%q: %s = %s %s, want demonym of %s", tc.text, tc.name, p.Kind, p.Country, tc.country)
			}
		case p.GeonameID != tc.id:
			t.Errorf("%q: %s = %s %s/%s %d, want %d", tc.text, tc.name, p.Name, p.Country, p.Admin1, p.GeonameID, tc.id)
		}
	}
}

// TestRubioExample checks the "must show" list on the shared
// example article, through the stage.
func TestRubioExample(t *testing.T) {
	g := testGazetteer(t)
	b, err := os.ReadFile("../../../shared/examples/rubio-mexico.txt")
	if err != nil {
		t.Skip("shared example absent:", err)
	}
	s := string(b)
	places, focus := parse(t, g, s)
	mc := placeAt(s, places, "Mexico City", 1) // "arrived in Mexico City"
	if mc == nil || mc.GeonameID != 3530597 || mc.Country != "MX" || mc.Admin1 != "09" ||
		mc.Lat < 19.4 || mc.Lat > 19.46 || mc.Lon < -99.16 || mc.Lon > -99.1 {
		t.Errorf("Mexico City = %+v, want GeoNames 3530597 (19.43, -99.13, MX, 09)", mc)
	}
	for _, tc := range []struct{ name, cc, kind string }{
		{"Mexico", "MX", "country"}, {"Ecuador", "EC", "country"}, {"United States", "US", "country"},
		{"Mexican", "MX", "demonym"}, {"Latin America", "", "region"},
	} {
		// the first occurrence that is not part of a longer name
		var p *doc.Place
		for n := 0; n < 10; n++ {
			if q := placeAt(s, places, tc.name, n); q != nil && s[q.Start:q.End] == tc.name {
				p = q
				break
			}
		}
		if p == nil || p.Country != tc.cc || p.Kind != tc.kind {
			t.Errorf("%s = %+v, want %s %s", tc.name, p, tc.kind, tc.cc)
		}
	}
	if p := placeAt(s, places, "Latin America", 0); p == nil || len(p.Members) == 0 {
		t.Errorf("Latin America has no member countries: %+v", p)
	}
	for n := 0; n < 3; n++ {
		if p := placeAt(s, places, "Washington", n); p != nil && (p.Role != RoleActor || p.GeonameID != 4140963) {
			t.Errorf("Washington #%d = %+v, want left out or an actor for Washington, D.C.", n, p)
		}
	}
	if focus == nil || focus.Country != "MX" || focus.City != "Mexico City" || focus.GeonameID != 3530597 {
		t.Errorf("focus = %+v, want MX / Mexico City", focus)
	}
}

func TestLoadErrors(t *testing.T) {
	if _, err := LoadGazetteer(t.TempDir() + "/missing.gaz"); err == nil {
		t.Error("missing file: want error")
	}
	bad := t.TempDir() + "/bad.gaz"
	os.WriteFile(bad, []byte("not a gazetteer"), 0o644)
	if _, err := LoadGazetteer(bad); err == nil {
		t.Error("bad magic: want error")
	}
	trunc := t.TempDir() + "/trunc.gaz"
	os.WriteFile(trunc, []byte(magic+"\xff\xff\xff\x00"), 0o644)
	if _, err := LoadGazetteer(trunc); err == nil {
		t.Error("truncated: want error")
	}
}

// TestParseOddInput checks that odd text and tokens never panic and that
// every place span lies inside the text.
func TestParseOddInput(t *testing.T) {
	g := testGazetteer(t)
	texts := []string{
		"", " ", "....", "\xff\xfe Paris \xff", "Mexico", "MEXICO CITY —", "U.S.-led", "St.", "d'", "’s",
		"In In In In In In In In Paris Paris Paris", "Saint Saint Saint Saint Saint Saint Saint Saint",
		"Côte d’Ivoire, Ciudad de México y São Paulo.",
	}
	for _, s := range texts {
		for _, toks := range [][]doc.Token{text.Tokenize(s), nil, {{Span: doc.Span{Start: 0, End: len(s) + 5}}}, {{Span: doc.Span{Start: 3, End: 1}}}} {
			places, _ := g.Parse(s, toks, []doc.Mention{{Span: doc.Span{Start: 0, End: len(s)}, Type: doc.PER}})
			for _, p := range places {
				if p.Start < 0 || p.End > len(s) || p.Start >= p.End {
					t.Errorf("%q: place span %v out of range", s, p.Span)
				}
			}
		}
	}
}

// TestStageConcurrent runs the stage from several goroutines (go test -race).
func TestStageConcurrent(t *testing.T) {
	g := testGazetteer(t)
	st, _ := New(g)
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 20; j++ {
				s := "Officials in Guadalajara, Jalisco, and Mexico City met Canadian envoys."
				a := &doc.Article{Text: s, Tokens: text.Tokenize(s)}
				if err := st.Process(context.Background(), a); err != nil {
					t.Error(err)
					return
				}
				if a.Focus == nil || a.Focus.Country != "MX" {
					t.Errorf("focus = %+v, want MX", a.Focus)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestMetonymy(t *testing.T) {
	g := testGazetteer(t)
	for _, tc := range []struct {
		text  string
		actor bool
	}{
		{"Washington said the talks would go on.", true},
		{"Beijing rejected the proposal.", true},
		{"Moscow’s decision surprised Kyiv.", true},
		{"Moscow’s suburbs flooded.", false},
		{"Paris is beautiful in spring.", false},
		{"He flew to Washington on Monday.", false},
	} {
		places, _ := parse(t, g, tc.text)
		if len(places) == 0 {
			t.Errorf("%q: no place", tc.text)
			continue
		}
		if got := places[0].Role == RoleActor; got != tc.actor {
			t.Errorf("%q: actor = %v, want %v (%+v)", tc.text, got, tc.actor, places[0])
		}
	}
}

func TestRegions(t *testing.T) {
	g := testGazetteer(t)
	s := "Tensions rose in the Gulf, the Sahel and the Balkans, and across the Middle East and Latin America."
	places, _ := parse(t, g, s)
	for _, name := range []string{"Gulf", "Sahel", "Balkans", "Middle East", "Latin America"} {
		p := placeAt(s, places, name, 0)
		if p == nil || p.Kind != "region" || len(p.Members) == 0 {
			t.Errorf("%s = %+v, want a region with member countries", name, p)
		}
	}
}

// TestNeighbouringNames checks that two names that can both be read as
// neighbouring towns are read so, against bigger namesakes far apart.
func TestNeighbouringNames(t *testing.T) {
	g := testGazetteer(t)
	for _, tc := range []struct {
		text, name, country string
	}{
		{"Pupils from a school in Edmonton planted flowers; the council of Enfield paid for the trees.", "Edmonton", "GB"},
		{"Pupils from a school in Edmonton planted flowers.", "Edmonton", "CA"},
		// a big city of its own name pairs too, and a Barbados parish with
		// no towns does not crush St. Thomas, Ontario as a "small twin"
		{"Police in London said the drug was spreading. Police in St. Thomas confirmed an overdose.", "London", "CA"},
		{"Police in London said the drug was spreading. Police in St. Thomas confirmed an overdose.", "St. Thomas", "CA"},
		{"Police in London said the drug was spreading.", "London", "GB"},
	} {
		places, _ := parse(t, g, tc.text)
		p := placeAt(tc.text, places, tc.name, 0)
		if p == nil || p.Country != tc.country {
			t.Errorf("%q: %s = %+v, want one in %s", tc.text, tc.name, p, tc.country)
		}
	}
}

// TestDatelines checks the dateline forms, with and without the dash that
// scraped wire copy often loses.
func TestDatelines(t *testing.T) {
	g := testGazetteer(t)
	for _, tc := range []struct {
		text, name string
		dateline   bool
		country    string
	}{
		{"MEXICO CITY — The talks went on.", "MEXICO CITY", true, "MX"},
		{"LONDON, Nov 26 (Reuters) - Talks went on.", "LONDON", true, "GB"},
		{"Washington (CNN)\nThe pick was announced on Monday.", "Washington", true, "US"},
		{"WASHINGTON Barack Obama pardoned his last turkey.", "WASHINGTON", true, "US"},
		{"The Paris Agreement (PA) was signed.", "Paris", false, "FR"},
		// a local paper's headline line before the dateline
		{"Bingham to offer plan to combat drugs.\n  TORRINGTON — Mayor Ryan Bingham will speak at Cumberland Farms.", "TORRINGTON", true, "US"},
		{"Paris (left) and Rome met.", "Paris", false, "FR"},
	} {
		places, _ := parse(t, g, tc.text)
		p := placeAt(tc.text, places, tc.name, 0)
		if p == nil || (p.Role == RoleDateline) != tc.dateline || p.Country != tc.country {
			t.Errorf("%q: %s = %+v, want dateline %v in %s", tc.text, tc.name, p, tc.dateline, tc.country)
		}
	}
	// a dateline names the city, not the state of the same name
	s := "WASHINGTON (RNS) Evangelical leaders praised the decision."
	places, _ := parse(t, g, s)
	if p := placeAt(s, places, "WASHINGTON", 0); p == nil || p.Kind != "city" || p.Admin1 != "DC" {
		t.Errorf("%q: WASHINGTON = %+v, want the city in DC", s, p)
	}
}

// TestQualifierOrList tells "Town, State" from a list of states.
func TestQualifierOrList(t *testing.T) {
	g := testGazetteer(t)
	for _, tc := range []struct {
		text, name, kind, admin1 string
	}{
		{"Officials are investigating cases in Washington, Pennsylvania and California.", "Washington", "admin1", "WA"},
		{"He grew up in Washington, Pennsylvania, near the river.", "Washington", "city", "PA"},
		{"She moved from Paris, Texas, and Dallas to Chicago.", "Paris", "city", "TX"},
	} {
		places, _ := parse(t, g, tc.text)
		p := placeAt(tc.text, places, tc.name, 0)
		if p == nil || p.Kind != tc.kind || p.Admin1 != tc.admin1 {
			t.Errorf("%q: %s = %+v, want %s in %s", tc.text, tc.name, p, tc.kind, tc.admin1)
		}
	}
}

// TestBareDirections checks that a bare direction is no admin area of
// some far country unless qualified.
func TestBareDirections(t *testing.T) {
	g := testGazetteer(t)
	for _, s := range []string{
		"Trade with the West has grown.",
		"A street fight broke out in North London.",
		"Many species live in the jungles of Central and South America.",
		"The coalition is strong in South West England.",
	} {
		places, _ := parse(t, g, s)
		for _, p := range places {
			if p.Kind == "admin1" && p.Country != "GB" {
				t.Errorf("%q: %q read as %s, %s", s, s[p.Start:p.End], p.Name, p.Country)
			}
		}
	}
	s := "Floods hit Cape Coast in Central, Ghana, on Monday."
	places, _ := parse(t, g, s)
	if p := placeAt(s, places, "Central", 0); p == nil || p.Country != "GH" {
		t.Errorf("%q: Central = %+v, want Ghana's Central region", s, p)
	}
}

// TestTaggedOrganisations: a name the tagger calls an organisation is a
// place only under a town's own name or a short form of it.
func TestTaggedOrganisations(t *testing.T) {
	g := testGazetteer(t)
	st, err := New(g)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text, org string
		place     bool
	}{
		// GeoNames lists "Google" among Topeka's names
		{"Its profit was dwarfed by the $204m announced by rival Google this week.", "Google", false},
		// the club stands for its city, Newcastle upon Tyne
		{"Newcastle beat Chelsea 2-1 at home.", "Newcastle", true},
	} {
		i := strings.Index(tc.text, tc.org)
		a := &doc.Article{Text: tc.text, Tokens: text.Tokenize(tc.text),
			Mentions: []doc.Mention{{Span: doc.Span{Start: i, End: i + len(tc.org)}, Type: doc.ORG, Entity: -1}}}
		if err := st.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		p := placeAt(tc.text, a.Places, tc.org, 0)
		if (p != nil) != tc.place {
			t.Errorf("%q: %s as a place = %+v, want place %v", tc.text, tc.org, p, tc.place)
		}
	}
}

// TestSentenceInitialCommonWords: a common word opening a sentence is that
// word even where the tagger would call it a place.
func TestSentenceInitialCommonWords(t *testing.T) {
	g := testGazetteer(t)
	s := "The plan is ready. City agencies will share information."
	ms := []doc.Mention{{Span: doc.Span{Start: strings.Index(s, "City"), End: strings.Index(s, "City") + 4}, Type: doc.LOC}}
	places, _ := g.Parse(s, text.Tokenize(s), ms)
	if p := placeAt(s, places, "City", 0); p != nil {
		t.Errorf("%q: City = %+v, want no place", s, p)
	}
}

// TestStrays: a far-off small town in a country the story never names is
// left out rather than pinned; a qualifier keeps it.
func TestStrays(t *testing.T) {
	g := testGazetteer(t)
	for _, tc := range []struct {
		text, name string
		want       string // country, "" for no place
	}{
		{"Fog hit London airports. Flights at Heathrow were cancelled, and trains in England and Scotland ran late.", "Heathrow", ""},
		{"Fog hit London airports. A family from Heathrow, Florida, waited, and trains in England and Scotland ran late.", "Heathrow", "US"},
		// a many-word name under an article is a building, not a small town
		{"The attack was condemned by the White House and the United Nations.", "White House", ""},
		{"She grew up in White House, Tennessee.", "White House", "US"},
		{"Officials discussed it at a White House meeting in Ankara and in Turkey's capital.", "White House", ""},
		// a newspaper's name, not its city
		{"Mr. Kemp told the New York Times in Kenya and Uganda after the floods in Nairobi.", "New York", ""},
		// a currency, not a place
		{"The UN appealed for US$42 million for Kenya and Uganda after the floods in Nairobi.", "US", ""},
		{"The crop value is $US 15 billion in Kenya and Uganda after the floods in Nairobi.", "US", ""},
		// a saint's name in the possessive is a dedication; a town after an
		// institution's "of" belongs to the institution's name
		{"She was taken to St. Michael's Hospital in Toronto.", "St. Michael", ""},
		{"The University of Michigan Center for Computer Security said so.", "Michigan Center", ""},
		// a name that is only an alternate (here a translation) of a town in
		// a country the story never names
		{"In Cairo, Egypt's capital, crowds filled Tahrir Square as Egyptian police watched the Soul of the city.", "Soul", ""},
	} {
		places, _ := parse(t, g, tc.text)
		p := placeAt(tc.text, places, tc.name, 0)
		switch {
		case tc.want == "" && p != nil:
			t.Errorf("%q: %s = %+v, want no place", tc.text, tc.name, p)
		case tc.want != "" && (p == nil || p.Country != tc.want):
			t.Errorf("%q: %s = %+v, want one in %s", tc.text, tc.name, p, tc.want)
		}
	}
}

// TestTaggerOutweighed: rules that overrule a wrong tag of the tagger.
func TestTaggerOutweighed(t *testing.T) {
	g := testGazetteer(t)
	span := func(s, sub string, n int) doc.Span {
		i := 0
		for ; n >= 0; n-- {
			j := strings.Index(s[i:], sub)
			if j < 0 {
				t.Fatalf("%q not in %q", sub, s)
			}
			i += j
			if n > 0 {
				i += len(sub)
			}
		}
		return doc.Span{Start: i, End: i + len(sub)}
	}
	for _, tc := range []struct {
		text, name string
		n          int // occurrence of name
		ms         func(s string) []doc.Mention
	}{
		// the tagger's own full name "George W Bush" outweighs its LOC tag
		// on the bare surname
		{"President George W Bush sent his budget. The Bush budget cuts spending in the US.", "Bush", 1,
			func(s string) []doc.Mention {
				return []doc.Mention{{Span: span(s, "George W Bush", 0), Type: doc.PER}, {Span: span(s, "Bush", 1), Type: doc.LOC}}
			}},
		// a town's alias inside an organisation's name, even after "to"
		{"The banks were linked to Bank One, which JP Morgan bought in New York.", "Bank", 0,
			func(s string) []doc.Mention {
				return []doc.Mention{{Span: span(s, "Bank One", 0), Type: doc.ORG}}
			}},
		// an airport code of a town in a country the story never names
		{"The NAO report said the sale in London and Manchester cost Britain money.", "NAO", 0,
			func(string) []doc.Mention { return nil }},
	} {
		places, _ := g.Parse(tc.text, text.Tokenize(tc.text), tc.ms(tc.text))
		if p := placeAt(tc.text, places, tc.name, tc.n); p != nil {
			t.Errorf("%q: %s = %+v, want no place", tc.text, tc.name, p)
		}
	}
}

// TestPersonTagOverruled: a first name that is a place where the text says
// it is one keeps the place whatever the tagger says.
func TestPersonTagOverruled(t *testing.T) {
	g := testGazetteer(t)
	for _, tc := range []struct{ text, name, country, admin1 string }{
		{"He said the pair are from Alvin, Texas, a Houston suburb.", "Alvin", "US", "TX"},
		{"Police in Regina charged a teenager on Monday.", "Regina", "CA", "11"},
	} {
		i := strings.Index(tc.text, tc.name)
		ms := []doc.Mention{{Span: doc.Span{Start: i, End: i + len(tc.name)}, Type: doc.PER}}
		places, _ := g.Parse(tc.text, text.Tokenize(tc.text), ms)
		p := placeAt(tc.text, places, tc.name, 0)
		if p == nil || p.Country != tc.country || p.Admin1 != tc.admin1 {
			t.Errorf("%q: %s = %+v, want one in %s/%s", tc.text, tc.name, p, tc.country, tc.admin1)
		}
	}
}

// TestProvinceAbbreviations: Canadian Press abbreviations whose dot the
// tokeniser splits off, and a curated plain alias.
func TestProvinceAbbreviations(t *testing.T) {
	g := testGazetteer(t)
	for _, tc := range []struct{ text, name, admin1 string }{
		{"A couple from Melville, Sask. believes the cat came by truck.", "Sask.", "11"},
		{"He lives in Winnipeg, Man. with his wife.", "Man.", "03"},
		{"Prices fell in Alberta, Saskatchewan and Newfoundland as oil fell.", "Newfoundland", "05"},
	} {
		places, _ := parse(t, g, tc.text)
		p := placeAt(tc.text, places, tc.name, 0)
		if p == nil || p.Kind != "admin1" || p.Country != "CA" || p.Admin1 != tc.admin1 {
			t.Errorf("%q: %s = %+v, want admin1 CA.%s", tc.text, tc.name, p, tc.admin1)
		}
	}
	s := "They called it The Man. Human beings agreed."
	places, _ := parse(t, g, s)
	if p := placeAt(s, places, "Man", 0); p != nil {
		t.Errorf("%q: Man = %+v, want no place", s, p)
	}
}

// TestCountyAbbreviation: "X Co." is X County.
func TestCountyAbbreviation(t *testing.T) {
	g := testGazetteer(t)
	s := "PLYMOUTH CO. - A suspect in a theft near Hinton, Iowa, was caught."
	places, _ := parse(t, g, s)
	p := placeAt(s, places, "PLYMOUTH CO.", 0)
	if p == nil || p.Kind != "admin2" || p.Admin1 != "IA" || p.End != strings.Index(s, " -") {
		t.Errorf("%q: PLYMOUTH CO. = %+v, want Plymouth County, Iowa, over the whole span", s, p)
	}
}
