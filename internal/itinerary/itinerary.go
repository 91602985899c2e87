// Package itinerary extracts the travel of named people from an article:
// where they arrived, are visiting, departed from and will go next, with a
// status (past, ongoing, planned) and a date, so that the store can chain a
// person's trip across articles ("Rubio: Washington → Mexico City →
// Ecuador").
//
// Rules read travel verbs and nouns ("arrived in", "trip to", "will
// continue to", "as he departs", "llegó a", "viajará a") and take the place
// that follows from the places layer when present, else the capitalised
// words there. The traveller is the nearest person mention before the
// trigger in the sentence (through coreference for "he" and "his tour"),
// else a capitalised name. When a government official travels abroad and
// the article names their country's capital, the capital is the origin.
package itinerary

import (
	"context"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/internal/datadir"
	"newsgraph/internal/doc"
	"newsgraph/internal/pipeline"
)

// CountriesFile is the country table in the data folder (iso2, capital).
const CountriesFile = "geo/countries.tsv"

// Leg roles and statuses.
const (
	Origin    = "origin"
	Arrival   = "arrival"
	Visit     = "visit"
	Departure = "departure"
	Next      = "next"

	Past    = "past"
	Ongoing = "ongoing"
	Planned = "planned"
)

// Stage is the itinerary pipeline stage. Read-only after load.
type Stage struct {
	capitals map[string]string // ISO2 → capital city name
}

var _ pipeline.Stage = (*Stage)(nil)

// New returns a stage that infers origins from capitals (ISO2 → capital
// name); nil capitals disables origin inference.
func New(capitals map[string]string) (*Stage, error) { return &Stage{capitals: capitals}, nil }

// Load reads the capitals from the country table at path ("" = the data
// folder's geo/countries.tsv).
func Load(path string) (*Stage, error) {
	if path == "" {
		p, err := datadir.Path(CountriesFile)
		if err != nil {
			return nil, fmt.Errorf("load itinerary capitals: %w", err)
		}
		path = p
	}
	caps := map[string]string{}
	err := datadir.ReadTable(path, []string{"iso2", "capital"}, func(col func(string) string) error {
		if iso, c := col("iso2"), col("capital"); iso != "" && c != "" {
			caps[iso] = c
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load itinerary capitals: %w", err)
	}
	return New(caps)
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "itinerary" }

// Requires implements pipeline.Stage.
func (*Stage) Requires() []pipeline.Layer { return []pipeline.Layer{pipeline.Tokens} }

// Assigns implements pipeline.Stage.
func (*Stage) Assigns() []pipeline.Layer { return []pipeline.Layer{pipeline.Itinerary} }

// trigger kinds
type trig struct {
	role   string
	status string // "" = decide from tense
	words  int    // tokens the trigger spans
}

// triggers maps a lower-cased word (and optionally the next one, "word
// next") to the leg it announces.
var triggers = map[string]trig{
	"arrived": {Arrival, "", 1}, "arrives": {Arrival, Ongoing, 1}, "arriving": {Arrival, "", 1},
	"landed": {Arrival, "", 1}, "lands": {Arrival, Ongoing, 1}, "arrive": {Arrival, "", 1},
	"visit": {Visit, "", 1}, "visited": {Visit, Past, 1}, "visiting": {Visit, Ongoing, 1}, "visits": {Visit, Ongoing, 1},
	"visit to": {Visit, "", 2}, "trip to": {Visit, "", 2}, "tour of": {Visit, "", 2}, "stay in": {Visit, Ongoing, 2},
	"departed": {Departure, Past, 1}, "departs": {Departure, Ongoing, 1}, "departing": {Departure, "", 1},
	"left": {Departure, Past, 1}, "leaves": {Departure, Ongoing, 1}, "leaving": {Departure, "", 1},
	"continue to": {Next, Planned, 2}, "continues to": {Next, Planned, 2}, "travel to": {Next, Planned, 2},
	"head to": {Next, Planned, 2}, "heads to": {Next, Planned, 2}, "heading to": {Next, Planned, 2},
	"fly to": {Next, Planned, 2}, "flies to": {Next, Planned, 2}, "proceed to": {Next, Planned, 2},
	"travels to": {Next, Planned, 2}, "traveled to": {Visit, Past, 2}, "travelled to": {Visit, Past, 2},
	"flew to": {Visit, Past, 2}, "left for": {Visit, Past, 2}, "leaves for": {Next, Planned, 2},
	"departs for": {Next, Planned, 2}, "departed for": {Visit, Past, 2}, "leaving for": {Next, Planned, 2},
	"llegó": {Arrival, "", 1}, "llega": {Arrival, Ongoing, 1}, "visitó": {Visit, Past, 1}, "visita": {Visit, Ongoing, 1},
	"viajará": {Next, Planned, 1}, "viajó": {Visit, Past, 1}, "partió": {Departure, Past, 1},
	"continuará": {Next, Planned, 1}, "aterrizó": {Arrival, "", 1}, "gira por": {Visit, "", 2},
}

// future cues before a trigger make it planned.
var futureCues = map[string]bool{"will": true, "to": true, "plans": true, "scheduled": true, "expected": true,
	"next": true, "then": true, "later": true, "would": true, "due": true, "set": true, "va": true}

// prepositions between a trigger and its place.
var placePreps = map[string]bool{"in": true, "to": true, "at": true, "for": true, "from": true, "into": true,
	"the": true, "a": true, "en": true, "hacia": true, "de": true, "del": true, "por": true, "capital": false}

// Process fills Article.Trips.
func (s *Stage) Process(_ context.Context, a *doc.Article) error {
	a.Trips = nil
	if len(a.Tokens) == 0 {
		return nil
	}
	x := &extractor{a: a, s: s, low: make([]string, len(a.Tokens))}
	for i, t := range a.Tokens {
		w := a.Text[t.Start:t.End]
		if hasUpper(w) {
			w = strings.ToLower(w)
		}
		x.low[i] = w
	}
	x.run()
	return nil
}

type extractor struct {
	a     *doc.Article
	s     *Stage
	low   []string
	trips []*trip
}

type trip struct {
	person  string
	entity  int // index+1
	country string
	legs    []doc.Leg
}

func (x *extractor) run() {
	a := x.a
	sents := a.Sentences
	if len(sents) == 0 {
		sents = []doc.Sentence{{Span: doc.Span{Start: 0, End: len(a.Text)}, FirstToken: 0, EndToken: len(a.Tokens)}}
	}
	for _, sn := range sents {
		for i := sn.FirstToken; i < sn.EndToken; i++ {
			tg, ok := x.trigger(i)
			if !ok {
				continue
			}
			place, ref, pspan, ok := x.placeAfter(i+tg.words, sn.EndToken)
			if !ok {
				continue
			}
			person, ent, country, ok := x.traveller(i, sn)
			if !ok {
				continue
			}
			status := tg.status
			if x.future(i, sn.FirstToken) {
				status = Planned
			}
			date := x.dateNear(sn.Span, pspan)
			if status == "" && tg.words == 2 && tg.role == Visit && date == "" {
				// "his first trip to Mexico": the trip the article reports
				status = Ongoing
			}
			if status == "" {
				status = Past
				if date != "" && a.Published.Format("2006-01-02") == date {
					status = Ongoing
				}
			}
			if date == "" && status == Ongoing && !a.Published.IsZero() {
				date = a.Published.Format("2006-01-02")
			}
			leg := doc.Leg{Place: place, Role: tg.role, Status: status, Date: date, Span: pspan, PlaceRef: ref}
			x.add(person, ent, country, leg)
			i += tg.words - 1
		}
	}
	for _, t := range x.trips {
		x.prune(t)
		x.origin(t)
		if len(t.legs) == 0 {
			continue
		}
		a.Trips = append(a.Trips, doc.Trip{Person: t.person, Entity: t.entity, Legs: t.legs})
	}
}

// firstWords holds the first word of every trigger, so most tokens cost
// one look-up.
var firstWords = func() map[string]bool {
	m := map[string]bool{}
	for k := range triggers {
		f, _, _ := strings.Cut(k, " ")
		m[f] = true
	}
	return m
}()

func (x *extractor) trigger(i int) (trig, bool) {
	if !firstWords[x.low[i]] {
		return trig{}, false
	}
	if i+1 < len(x.low) {
		if t, ok := triggers[x.low[i]+" "+x.low[i+1]]; ok && t.words == 2 {
			return t, true
		}
	}
	t, ok := triggers[x.low[i]]
	if ok && t.words == 1 {
		return t, true
	}
	return trig{}, false
}

// future reports a future cue among the few words before the trigger:
// "will continue to", "is scheduled to visit", "plans to travel".
func (x *extractor) future(i, first int) bool {
	for k := i - 1; k >= first && k >= i-3; k-- {
		if futureCues[x.low[k]] {
			return true
		}
	}
	return false
}

// placeAfter finds the place right after a trigger: a Places entry
// starting within three tokens (past prepositions), else a run of
// capitalised words.
func (x *extractor) placeAfter(j, end int) (string, int, doc.Span, bool) {
	a := x.a
	j0 := j
	for j < end && placePreps[x.low[j]] {
		j++
	}
	prep := false
	for k := j0; k < j; k++ {
		if w := x.low[k]; w != "the" && w != "a" {
			prep = true
		}
	}
	if j >= end {
		return "", 0, doc.Span{}, false
	}
	start := a.Tokens[j].Start
	for pi, p := range a.Places {
		if p.Start == start {
			if p.Kind == "demonym" {
				return "", 0, doc.Span{}, false
			}
			return a.Text[p.Start:p.End], pi + 1, p.Span, true
		}
	}
	for _, m := range a.Mentions {
		if m.Start == start && m.Type != doc.LOC {
			return "", 0, doc.Span{}, false // a person or organisation, not a place
		}
	}
	if len(a.Places) > 0 && !prep {
		// the places layer ran and found no place here; without a
		// preposition ("leaving Peel") a capitalised word is not enough
		return "", 0, doc.Span{}, false
	}
	k := j
	for k < end && isCap(a.Text[a.Tokens[k].Start:a.Tokens[k].End]) {
		k++
	}
	if k == j || k-j > 4 {
		return "", 0, doc.Span{}, false
	}
	sp := doc.Span{Start: start, End: a.Tokens[k-1].End}
	return a.Text[sp.Start:sp.End], 0, sp, true
}

// traveller finds who travels: the nearest person mention before the
// trigger in the sentence (a pronoun or possessive resolves through
// coreference), else the nearest capitalised name before it.
func (x *extractor) traveller(i int, sn doc.Sentence) (name string, ent int, country string, ok bool) {
	a := x.a
	pos := a.Tokens[i].Start
	best := -1
	for mi, m := range a.Mentions {
		if m.Type != doc.PER || m.End > pos || m.Start < sn.Start {
			continue
		}
		best = mi
	}
	if best >= 0 {
		m := a.Mentions[best]
		if m.Entity >= 0 && m.Entity < len(a.Entities) {
			e := a.Entities[m.Entity]
			return e.Name, m.Entity + 1, e.Country, true
		}
		if m.Kind == "pronoun" || !isCap(a.Text[m.Start:m.End]) {
			return "", 0, "", false // an unresolved "he" names nobody
		}
		return a.Text[m.Start:m.End], 0, "", true
	}
	if len(a.Mentions) > 0 {
		return "", 0, "", false
	}
	// No entity layer: the capitalised run closest before the trigger.
	for k := i - 1; k >= sn.FirstToken; k-- {
		w := a.Text[a.Tokens[k].Start:a.Tokens[k].End]
		if x.notPerson(a.Tokens[k].Span) {
			continue
		}
		if !isCap(w) || k == sn.FirstToken && !isCap(a.Text[a.Tokens[min(k+1, i-1)].Start:a.Tokens[min(k+1, i-1)].End]) {
			continue
		}
		e := k
		s := k
		for s-1 >= sn.FirstToken && isCap(a.Text[a.Tokens[s-1].Start:a.Tokens[s-1].End]) && !titleWords[x.low[s-1]] && !x.notPerson(a.Tokens[s-1].Span) {
			s--
		}
		return a.Text[a.Tokens[s].Start:a.Tokens[e].End], 0, "", true
	}
	return "", 0, "", false
}

// dateNear returns the normalised date inside the sentence closest to the
// leg's place ("visited Lima on Monday and will travel to Bogota next
// week": Monday for Lima, next week for Bogota).
func (x *extractor) dateNear(sn, leg doc.Span) string {
	best, bestDist := "", 1<<30
	for _, d := range x.a.Dates {
		if !sn.Contains(d.Span) || d.Value == "" {
			continue
		}
		dist := d.Start - leg.End
		if d.End <= leg.Start {
			dist = leg.Start - d.End
		}
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = d.Value, dist
		}
	}
	return best
}

func (x *extractor) add(person string, ent int, country string, leg doc.Leg) {
	var t *trip
	for _, c := range x.trips {
		if ent != 0 && c.entity == ent || ent == 0 && c.person == person {
			t = c
		}
	}
	if t == nil {
		t = &trip{person: person, entity: ent, country: country}
		x.trips = append(x.trips, t)
	}
	for k, l := range t.legs {
		if samePlace(l, leg, x.a) {
			// a departure from where the person is keeps the stop; an
			// arrival refines a visit
			if leg.Role == Arrival && l.Role == Visit {
				t.legs[k].Role, t.legs[k].Status = Arrival, leg.Status
			}
			if t.legs[k].Date == "" {
				t.legs[k].Date = leg.Date
			}
			return
		}
	}
	t.legs = append(t.legs, leg)
}

func samePlace(a, b doc.Leg, art *doc.Article) bool {
	if a.PlaceRef != 0 && b.PlaceRef != 0 {
		pa, pb := art.Places[a.PlaceRef-1], art.Places[b.PlaceRef-1]
		if pa.GeonameID != 0 && pa.GeonameID == pb.GeonameID {
			return true
		}
	}
	return strings.EqualFold(a.Place, b.Place)
}

// prune drops a country-level stop when a city of that country is also a
// stop ("trip to Mexico" + "arrived in Mexico City").
func (x *extractor) prune(t *trip) {
	keep := t.legs[:0]
	for _, l := range t.legs {
		drop := false
		for _, o := range t.legs {
			if o.Place != l.Place && strings.HasPrefix(o.Place, l.Place+" ") {
				drop = true
			}
			if l.PlaceRef != 0 && o.PlaceRef != 0 && o.PlaceRef != l.PlaceRef {
				pl, po := x.a.Places[l.PlaceRef-1], x.a.Places[o.PlaceRef-1]
				if pl.Kind == "country" && po.Kind != "country" && pl.Country == po.Country && pl.Country != "" {
					drop = true
				}
			}
		}
		if !drop {
			keep = append(keep, l)
		}
	}
	t.legs = keep
}

// origin prepends the traveller's capital when they are a government
// official (their entity has a role and a country), they travel abroad,
// and the article names that capital.
func (x *extractor) origin(t *trip) {
	if t.country == "" || t.entity == 0 || x.s.capitals == nil || len(t.legs) == 0 {
		return
	}
	e := x.a.Entities[t.entity-1]
	if e.Role == "" {
		return
	}
	capital := x.s.capitals[t.country]
	if capital == "" {
		return
	}
	for _, l := range t.legs {
		if strings.EqualFold(l.Place, capital) || l.Role == Origin {
			return
		}
	}
	idx := strings.Index(x.a.Text, capital)
	if idx < 0 {
		return
	}
	leg := doc.Leg{Place: capital, Role: Origin, Status: Past, Span: doc.Span{Start: idx, End: idx + len(capital)}}
	for pi, p := range x.a.Places {
		if p.Start == idx {
			leg.PlaceRef = pi + 1
		}
	}
	t.legs = append([]doc.Leg{leg}, t.legs...)
}

// notPerson reports whether a capitalised token is a date, a place or a
// stop already taken ("Monday", "Lima"), when reading a name without the
// entity layer.
func (x *extractor) notPerson(sp doc.Span) bool {
	for _, d := range x.a.Dates {
		if d.Overlaps(sp) {
			return true
		}
	}
	for _, p := range x.a.Places {
		if p.Overlaps(sp) {
			return true
		}
	}
	for _, t := range x.trips {
		for _, l := range t.legs {
			if l.Span.Overlaps(sp) {
				return true
			}
		}
	}
	return false
}

func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// titleWords end a name read leftwards without the entity layer
// ("Secretary of State Marco Rubio" → "Marco Rubio").
var titleWords = map[string]bool{"secretary": true, "state": true, "president": true, "minister": true,
	"prime": true, "foreign": true, "general": true, "senator": true, "governor": true, "mayor": true,
	"king": true, "queen": true, "pope": true, "chancellor": true, "ambassador": true, "envoy": true,
	"u.s.": true, "mr.": true, "mrs.": true, "ms.": true, "dr.": true, "presidente": true, "canciller": true,
	"secretario": true, "ministro": true, "ministra": true, "presidenta": true}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}
