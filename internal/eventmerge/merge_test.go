package eventmerge

import (
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/doc"
)

func day(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.UTC) }

func m(article, outlet string, pub int, src, code, tgt string, place *doc.Place, opts ...func(*Mention)) Mention {
	x := Mention{Article: article, Outlet: outlet, Published: day(pub),
		Event: doc.Event{Source: doc.Actor{Code: src}, Target: doc.Actor{Code: tgt}, Code: code, RootCode: code[:2], Status: "asserted"},
		Place: place}
	for _, o := range opts {
		o(&x)
	}
	return x
}

var (
	kabul  = &doc.Place{Name: "Kabul", Kind: "city", Lat: 34.53, Lon: 69.17}
	kandah = &doc.Place{Name: "Kandahar", Kind: "city", Lat: 31.61, Lon: 65.71}
	afg    = &doc.Place{Name: "Afghanistan", Kind: "country", Lat: 33, Lon: 65}
)

func story(s string) func(*Mention)   { return func(x *Mention) { x.Story = s } }
func dated(d string) func(*Mention)   { return func(x *Mention) { x.Event.Date = d } }
func status(s string) func(*Mention)  { return func(x *Mention) { x.Event.Status = s } }
func ref(x *Mention)                  { x.Event.Reference = true }
func text(s string) func(*Mention)    { return func(x *Mention) { x.Text = s } }
func speaker(s string) func(*Mention) { return func(x *Mention) { x.Event.Source.Text = s } }

// textAt gives the mention its sentence s, at byte 0 of the article, with
// the trigger on the first occurrence of trigger.
func textAt(s, trigger string) func(*Mention) {
	return func(x *Mention) {
		i := strings.Index(s, trigger)
		x.Text, x.TextSpan = s, doc.Span{End: len(s)}
		x.Event.Trigger = doc.Span{Start: i, End: i + len(trigger)}
	}
}

// inherited dates a mention by its publication, as the coder does when the
// sentence gives no date.
func inherited(x *Mention) {
	x.Event.Date, x.Event.DateInherited = x.Published.Format("2006-01-02"), true
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name string
		in   []Mention
		want string // events as groups of mention indexes
	}{
		{"one kidnapping, many outlets", []Mention{
			m("a1", "Wire", 1, "AFGINS", "181", "USACVL", kabul),
			m("a2", "Daily", 1, "AFGINS", "181", "USA", kabul),
			m("a3", "Times", 2, "AFGINS", "181", "USACVL", nil),
			m("a4", "Post", 2, "AFG", "181", "USACVL", afg),
		}, "[0 1 2 3]"},
		{"different places are different events", []Mention{
			m("a1", "Wire", 1, "AFGINS", "181", "USACVL", kabul),
			m("a2", "Daily", 1, "AFGINS", "181", "USACVL", kandah),
		}, "[0] [1]"},
		{"different agents are different events", []Mention{
			m("a1", "Wire", 1, "USAGOV", "042", "MEX", nil),
			m("a2", "Wire", 1, "USAMIL", "042", "MEX", nil),
		}, "[0] [1]"},
		{"different roots are different events", []Mention{
			m("a1", "Wire", 1, "USAGOV", "042", "MEX", nil),
			m("a2", "Wire", 1, "USAGOV", "036", "MEX", nil),
		}, "[0] [1]"},
		{"outside the window", []Mention{
			m("a1", "Wire", 1, "IRN", "190", "IRQ", nil),
			m("a2", "Wire", 9, "IRN", "190", "IRQ", nil),
		}, "[0] [1]"},
		{"sentence date beats publication date", []Mention{
			m("a1", "Wire", 1, "IRN", "190", "IRQ", nil),
			m("a2", "Wire", 9, "IRN", "190", "IRQ", nil, dated("2026-11-02")),
		}, "[0 1]"},
		{"a reference joins the event it recalls", []Mention{
			m("a1", "Wire", 3, "USAMIL", "190", "IRN", nil),
			m("a2", "Wire", 4, "USAMIL", "190", "IRN", nil, ref),
		}, "[0 1]"},
		{"fighting is mutual", []Mention{
			m("a1", "Wire", 3, "IRQMIL", "190", "IRN", nil),
			m("a2", "Daily", 3, "IRN", "193", "IRQ", nil),
		}, "[0 1]"},
		{"a statement is its speaker's, whatever it is about", []Mention{
			m("a1", "Wire", 3, "IRQMIL", "010", "IRN", nil),
			m("a2", "Daily", 3, "IRQ", "012", "USA", nil),
			m("a3", "Daily", 3, "IRN", "012", "IRQ", nil),
		}, "[0 1] [2]"},
		{"daily reports do not chain into one event", []Mention{
			m("a1", "Wire", 1, "IRN", "190", "IRQ", nil),
			m("a2", "Wire", 2, "IRN", "190", "IRQ", nil),
			m("a3", "Wire", 3, "IRN", "190", "IRQ", nil),
		}, "[0 1] [2]"},
		{"a warning and a statement of one speaker in one story are one event", []Mention{
			m("a1", "Wire", 3, "IRN", "130", "USA", nil),
			m("a1", "Wire", 3, "IRNGOV", "010", "IRN", nil),
		}, "[0 1]"},
		{"a statement and the attack it reports are two events", []Mention{
			m("a1", "Wire", 3, "IRQ", "010", "IRQMIL", nil),
			m("a1", "Wire", 3, "IRQMIL", "195", "IRN", nil),
		}, "[0] [1]"},
		{"one battle coded as fighting and as coercion", []Mention{
			m("a1", "Wire", 3, "IRNMIL", "190", "IRQ", nil),
			m("a2", "Daily", 3, "IRN", "170", "IRQ", nil),
		}, "[0 1]"},
		{"two stories' statements of one speaker merge when they say the same", []Mention{
			m("a1", "Wire", 3, "IRQ", "010", "IRQMIL", nil, text("Iraq said its warplanes attacked a supertanker near Kharg island.")),
			m("a2", "Daily", 3, "IRQ", "010", "IRN", nil, text("Baghdad accused Tehran of shelling civilians in Basra.")),
			m("a3", "Times", 3, "IRQGOV", "012", "IRN", nil, text("Baghdad said warplanes hit a supertanker off Kharg island.")),
		}, "[0 2] [1]"},
		{"a guessed speaker's country costs half, a named one the pair", []Mention{
			m("a1", "Wire", 3, "IRQ", "010", "IRNMIL", nil, speaker("Iraq")),
			m("a1", "Wire", 3, "IRNMIL", "010", "IRQGOVMED", nil, speaker("military spokesman")),
			m("a1", "Wire", 3, "USA", "010", "IRQ", nil, speaker("Washington")),
		}, "[0 1] [2]"},
		{"a statement's place is what it speaks of", []Mention{
			m("a1", "Wire", 3, "IRQ", "012", "IRQMIL", kabul, text("Iraq said its troops checked a new offensive near Kabul.")),
			m("a2", "Daily", 3, "IRQ", "010", "IRNMIL", kandah, text("Iraq said its troops checked the offensive near Kandahar.")),
		}, "[0 1]"},
		{"a role without a country meets that role of any country", []Mention{
			m("a1", "Wire", 3, "MED", "010", "USAGOV", nil),
			m("a1", "Wire", 3, "SUNMED", "010", "SUNGOV", nil),
		}, "[0 1]"},
		{"an act of force told with 'also' is another strike of its story", []Mention{
			m("a1", "Wire", 3, "IRNMIL", "190", "IRQ", nil, story("s1"), textAt("Iran said its troops launched a new offensive near Basra.", "launched")),
			m("a1", "Wire", 3, "IRQ", "195", "IRN", nil, story("s1"), textAt("The communique said Iraqi planes also destroyed oil installations at Ahvaz.", "destroyed")),
			m("a2", "Daily", 3, "IRQ", "190", "IRN", nil, story("s2"), textAt("Iraq said it repelled an Iranian offensive near Basra.", "repelled")),
		}, "[0 2] [1]"},
		{"what did not happen is no event", []Mention{
			m("a1", "Wire", 3, "USAGOV", "042", "ECU", nil, status("future")),
			m("a2", "Wire", 3, "USAGOV", "042", "ECU", nil, status("negated")),
			m("a3", "Wire", 3, "USAGOV", "042", "MEX", nil),
		}, "[2]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := Merge(tt.in, Options{})
			got := ""
			for i, e := range evs {
				if i > 0 {
					got += " "
				}
				got += fmt.Sprint(e.Mentions)
			}
			if got != tt.want {
				t.Errorf("events %s, want %s", got, tt.want)
			}
		})
	}
}

func TestMergeCounts(t *testing.T) {
	in := []Mention{
		m("a1", "Wire", 1, "AFGINS", "181", "USACVL", kabul, story("s1")),
		m("a1-copy", "Other", 1, "AFGINS", "181", "USACVL", kabul, story("s1")), // near duplicate of a1
		m("a2", "Daily", 2, "AFGINS", "181", "USA", kabul),
	}
	evs := Merge(in, Options{})
	if len(evs) != 1 {
		t.Fatalf("%d events, want 1", len(evs))
	}
	e := evs[0]
	if e.Articles != 2 || e.Sources != 3 || e.Source != "AFGINS" || e.Target != "USACVL" || e.Code != "181" {
		t.Errorf("event = %+v", e)
	}
	if !e.FirstSeen.Equal(day(1)) || !e.LastSeen.Equal(day(2)) || e.Date != "2026-11-01" {
		t.Errorf("dates: first %v last %v date %s", e.FirstSeen, e.LastSeen, e.Date)
	}
}

func TestReferenceOnlyEventIsFlagged(t *testing.T) {
	evs := Merge([]Mention{
		m("a1", "Wire", 3, "USAMIL", "190", "", nil, ref),
		m("a2", "Daily", 3, "USAMIL", "190", "", nil, ref),
	}, Options{})
	if len(evs) != 1 || !evs[0].Reference {
		t.Fatalf("events = %+v, want one reference-only event", evs)
	}
	evs = Merge([]Mention{
		m("a1", "Wire", 3, "USAMIL", "190", "", nil, ref),
		m("a2", "Daily", 3, "USAMIL", "190", "", nil),
	}, Options{})
	if len(evs) != 1 || evs[0].Reference {
		t.Fatalf("events = %+v, want one real event", evs)
	}
}

func TestUndatedStoriesDoNotMerge(t *testing.T) {
	undated := func(x *Mention) { x.Published = time.Time{} }
	evs := Merge([]Mention{
		m("a1", "BBC", 1, "GBRGOV", "010", "", nil, undated),
		m("a2", "BBC", 1, "GBRGOV", "010", "", nil, undated),
		m("a2", "BBC", 1, "GBRGOV", "012", "", nil, undated), // same story: may join
	}, Options{})
	got := ""
	for _, e := range evs {
		got += fmt.Sprint(e.Mentions)
	}
	if got != "[0][1 2]" {
		t.Fatalf("events %s, want [0][1 2]", got)
	}
}

func TestMutualKeepsOrientation(t *testing.T) {
	evs := Merge([]Mention{
		m("a1", "Wire", 3, "USAGOV", "042", "MEX", nil),
		m("a1", "Wire", 3, "MEX", "043", "USAGOV", nil),
	}, Options{})
	if len(evs) != 1 || evs[0].Source != "USAGOV" || evs[0].Target != "MEX" {
		t.Fatalf("events = %+v, want one USAGOV → MEX visit", evs)
	}
}

// TestMergePruneSame checks that leaving out the clusters too old for the
// current mention changes nothing: random mentions (undated, sentence-dated,
// references, statements, places) merge alike with and without pruning.
func TestMergePruneSame(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	places := []*doc.Place{nil, {Lat: 19.43, Lon: -99.13, Kind: "city"}, {Lat: 25.67, Lon: -100.31, Kind: "city"}, {Lat: 23, Lon: -102, Kind: "country"}}
	for round := 0; round < 20; round++ {
		ms := make([]Mention, 400)
		for i := range ms {
			root := []string{"01", "04", "19"}[r.Intn(3)]
			x := Mention{Article: fmt.Sprint("a", r.Intn(150)), Outlet: fmt.Sprint("o", r.Intn(5)),
				Published: day(1 + r.Intn(20)),
				Event: doc.Event{Code: root + fmt.Sprint(r.Intn(4)), RootCode: root,
					Source: doc.Actor{Code: []string{"USA", "USAGOV", "MEX", "MEXMIL", ""}[r.Intn(5)]},
					Target: doc.Actor{Code: []string{"USA", "MEX", "MEXGOV", ""}[r.Intn(4)]}},
				Place: places[r.Intn(len(places))]}
			switch r.Intn(8) {
			case 0:
				x.Published = time.Time{}
			case 1:
				x.Event.Date = fmt.Sprintf("2026-11-%02d", 1+r.Intn(25))
			case 2:
				x.Event.Reference = true
			case 3:
				x.Event.Status = "future"
			}
			if r.Intn(3) == 0 {
				x.Story = fmt.Sprint("s", r.Intn(40))
			}
			ms[i] = x
		}
		pruned, all := merge(ms, Options{}, true), merge(ms, Options{}, false)
		if !reflect.DeepEqual(pruned, all) {
			t.Fatalf("round %d: pruning changed the events (%d vs %d)", round, len(pruned), len(all))
		}
	}
}

// BenchmarkMerge merges 20,000 mentions of a month of three actors' events
// with sentences, as a large store's API request would.
func BenchmarkMerge(b *testing.B) {
	r := rand.New(rand.NewSource(1))
	words := []string{"Basra", "Kharg", "tanker", "offensive", "missile", "Gulf", "troops", "oil", "jetty", "brigade", "border", "strait"}
	ms := make([]Mention, 20000)
	for i := range ms {
		root := []string{"01", "04", "13", "19", "17"}[r.Intn(5)]
		ms[i] = Mention{Article: fmt.Sprint("a", r.Intn(5000)), Published: time.Date(2026, 11, 1+r.Intn(30), 0, 0, 0, 0, time.UTC),
			Event: doc.Event{Code: root + "0", RootCode: root, Status: "asserted",
				Source: doc.Actor{Code: []string{"IRN", "IRQMIL", "USAGOV"}[r.Intn(3)]}, Target: doc.Actor{Code: []string{"IRQ", "IRN", "USA"}[r.Intn(3)]}},
			Text: fmt.Sprintf("%s said %s %s near %s", words[r.Intn(12)], words[r.Intn(12)], words[r.Intn(12)], words[r.Intn(12)])}
	}
	b.ResetTimer()
	for range b.N {
		Merge(ms, Options{})
	}
}

func TestContentWords(t *testing.T) {
	got := fmt.Sprint(contentWords("Iran's forces said 15,000 troops attacked the ships, 2.5 km off Kharg."))
	if want := "[iran force 15000 troop attacked ship 2.5 kharg]"; got != want {
		t.Errorf("content words %s, want %s", got, want)
	}
}

// TestCopyNextDay: a copy of a story published a day later, its event
// dated by that publication, still tells of the original's day, while
// another story a day later is outside a 12-hour window.
func TestCopyNextDay(t *testing.T) {
	evs := Merge([]Mention{
		m("a1", "Wire", 3, "IRN", "010", "IRN", nil, story("s1"), inherited),
		m("a1-copy", "Daily", 4, "IRN", "010", "IRN", nil, story("s1"), inherited),
		m("a2", "Times", 4, "IRN", "010", "IRN", nil, inherited),
	}, Options{Window: 12 * time.Hour})
	got := ""
	for _, e := range evs {
		got += fmt.Sprint(e.Mentions)
	}
	if got != "[0 1][2]" {
		t.Fatalf("events %s, want [0 1][2]", got)
	}
}

// TestMedianAnchor: one mention miscoded a day early does not pin an
// offensive's window: its second day still joins, while a report three
// days on does not.
func TestMedianAnchor(t *testing.T) {
	evs := Merge([]Mention{
		m("a0", "Wire", 6, "IRN", "190", "IRQ", nil), // "the Iran-Iraq war", coded as a battle
		m("a1", "Wire", 7, "IRQMIL", "190", "IRN", nil),
		m("a2", "Daily", 7, "IRN", "190", "IRQ", nil),
		m("a3", "Times", 7, "IRQ", "190", "IRN", nil),
		m("a4", "Post", 8, "IRQMIL", "190", "IRN", nil),
		m("a5", "Post", 10, "IRQMIL", "190", "IRN", nil),
	}, Options{})
	got := ""
	for _, e := range evs {
		got += fmt.Sprint(e.Mentions)
	}
	if got != "[0 1 2 3 4][5]" {
		t.Fatalf("events %s, want [0 1 2 3 4][5]", got)
	}
}
