package event

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"

	"newsgraph/internal/cameo"
	"newsgraph/internal/datadir"
	"newsgraph/internal/doc"
	"newsgraph/internal/pipeline"
)

// Our own curated data, embedded: current office holders and metonyms,
// extra agents, extra verb patterns (see each file's header).
var (
	//go:embed officeholders.txt
	officeHolders []byte
	//go:embed organisations.txt
	organisations []byte
	//go:embed agents.txt
	extraAgents []byte
	//go:embed patterns.txt
	extraPatterns []byte
)

// DictDir is where `make setup` puts the PETRARCH2 dictionaries, relative
// to the data folder.
const DictDir = "cameo/petrarch2"

// UserActorsFile is the user's actor file in the data folder
// (`newsgraph actors add` writes it).
const UserActorsFile = "actors.user.txt"

// Stage codes events. It is read-only after Load and safe for concurrent use.
type Stage struct {
	coder     *Coder
	d         *cameo.Dict
	countries *cameo.Countries
}

var _ pipeline.Stage = (*Stage)(nil)

// Config says where the dictionaries are.
type Config struct {
	// Dir holds the verb/actor/agent/discard dictionaries; "" is the data
	// folder's cameo/petrarch2.
	Dir string
	// TablesDir holds gdelt-lookups/, plover/ and countries.tsv; "" is
	// Dir's parent.
	TablesDir string
	// UserActors are extra actor files; "" entries are skipped. The data
	// folder's actors.user.txt is read when present.
	UserActors []string
	// NoCurated leaves out the embedded office holders, agents and
	// patterns (for PETRARCH's own unit-test dictionaries).
	NoCurated bool
	// RequireDyad drops events without a target.
	RequireDyad bool
	// Capitals is a countries table with iso3 and capital columns (see
	// LoadCapitals); "" is the data folder's geo/countries.tsv when there
	// is one. Not read with NoCurated (PETRARCH codes capitals as places).
	Capitals string
}

// Load reads the dictionaries and builds the stage.
func Load(cfg Config) (*Stage, error) {
	dir := cfg.Dir
	if dir == "" {
		p, err := datadir.Path(DictDir)
		if err != nil {
			return nil, fmt.Errorf("event stage: %w", err)
		}
		dir = p
	}
	tables := cfg.TablesDir
	if tables == "" {
		tables = filepath.Dir(dir)
	}
	d, err := cameo.Load(dir, tables)
	if err != nil {
		return nil, fmt.Errorf("event stage: %w", err)
	}
	if !cfg.NoCurated {
		if err := addCurated(d); err != nil {
			return nil, err
		}
	}
	users := cfg.UserActors
	// the user's actors live in the data folder that holds the dictionaries
	// (data/cameo/petrarch2 → data/actors.user.txt)
	if filepath.Base(filepath.Dir(dir)) == "cameo" && !cfg.NoCurated {
		p := filepath.Join(filepath.Dir(filepath.Dir(dir)), UserActorsFile)
		if _, err := os.Stat(p); err == nil {
			users = append(users, p)
		}
	}
	for _, p := range users {
		if p == "" {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("event stage: user actors: %w", err)
		}
		if err := d.AddActors(p, bytes.NewReader(b)); err != nil {
			return nil, err
		}
	}
	// PETRARCH's own dictionaries (NoCurated) are run with PETRARCH's
	// conventions; ours add references and sentence-level countries
	var caps map[string]string
	if !cfg.NoCurated {
		table := cfg.Capitals
		if table == "" {
			table, _ = datadir.Path(GeoCountries)
		}
		if table != "" {
			if _, err := os.Stat(table); err != nil {
				table = ""
			}
		}
		if table != "" {
			// the country names and demonyms the 2014 lists lack
			names, err := CountryNames(table, d)
			if err != nil {
				return nil, fmt.Errorf("event stage: %w", err)
			}
			if err := d.AddActors(GeoCountries, bytes.NewReader(names)); err != nil {
				return nil, err
			}
		}
		if cfg.Capitals != "" {
			caps, err = LoadCapitals(cfg.Capitals, d)
		} else {
			caps, err = defaultCapitals(d)
		}
		if err != nil {
			return nil, fmt.Errorf("event stage: %w", err)
		}
	}
	s := New(d, Options{RequireDyad: cfg.RequireDyad, KeepHistorical: !cfg.NoCurated, SentenceCountry: !cfg.NoCurated,
		Discourse: true, Capitals: caps, PatternVerbs: !cfg.NoCurated, People: !cfg.NoCurated, Background: !cfg.NoCurated, Nominal: !cfg.NoCurated, Organisations: !cfg.NoCurated})
	if c, err := cameo.LoadCountries(filepath.Join(tables, "countries.tsv")); err == nil {
		geoCountries := cfg.Capitals
		if geoCountries == "" {
			geoCountries, _ = datadir.Path(GeoCountries)
		}
		if geoCountries != "" {
			if err := c.Reconcile(geoCountries); err != nil && !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("event stage: %w", err)
			}
		}
		s.countries = c
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return s, nil
}

// addCurated merges our embedded office holders, agents and patterns.
func addCurated(d *cameo.Dict) error {
	if err := d.AddActors("officeholders.txt", bytes.NewReader(officeHolders)); err != nil {
		return err
	}
	if err := d.AddActors("organisations.txt", bytes.NewReader(organisations)); err != nil {
		return err
	}
	if err := d.Agents.Read(bytes.NewReader(extraAgents)); err != nil {
		return fmt.Errorf("event stage: agents.txt: %w", err)
	}
	v, err := cameo.ReadVerbsWith(bytes.NewReader(extraPatterns), d.Verbs.Synsets)
	if err != nil {
		return fmt.Errorf("event stage: patterns.txt: %w", err)
	}
	d.Supplement(v)
	return nil
}

// New wraps loaded dictionaries in a stage.
func New(d *cameo.Dict, opt Options) *Stage {
	return &Stage{coder: NewCoder(d, opt), d: d}
}

// Coder returns the stage's coder (for the eval harness).
func (s *Stage) Coder() *Coder { return s.coder }

// Dict returns the stage's dictionaries (read-only).
func (s *Stage) Dict() *cameo.Dict { return s.d }

// Countries returns the country table, or nil when countries.tsv was absent.
func (s *Stage) Countries() *cameo.Countries { return s.countries }

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "event" }

// Requires implements pipeline.Stage: tokens and sentences; POS, places
// and dates are used when an earlier stage assigned them.
func (*Stage) Requires() []pipeline.Layer { return []pipeline.Layer{pipeline.Tokens} }

// Assigns implements pipeline.Stage.
func (*Stage) Assigns() []pipeline.Layer { return []pipeline.Layer{pipeline.Events} }

// Process codes every sentence of a.
func (s *Stage) Process(ctx context.Context, a *doc.Article) error {
	a.Events = a.Events[:0]
	sents := a.Sentences
	if len(sents) == 0 && a.Text != "" {
		sents = []doc.Sentence{{Span: doc.Span{Start: 0, End: len(a.Text)}}}
	}
	ctxCountry := ""
	if a.Focus != nil && a.Focus.Country != "" && s.countries != nil {
		if c := s.countries.ByISO2[a.Focus.Country]; c != nil {
			ctxCountry = c.CAMEO
		}
	}
	leadEnd := len(a.Text)
	if i := strings.Index(a.Text, "\n"); i > 0 {
		leadEnd = i
	}
	var prevGroups []string // actor codes of the previous sentence, in order
	var consult []string    // the two sides of the last meeting
	var pair []string       // the last two distinct countries
	names := map[string]string{}
	subject := "" // the lead's first country: whose story it is
	for si, sent := range sents {
		if err := ctx.Err(); err != nil {
			return err
		}
		st := &sentence{w: tokenize(a.Text, sent.Start, sent.End), date: a.Published, ctx: ctxCountry}
		s.addPOS(a, sent, st.w)
		st.anaphora = consult
		st.pair = pair
		st.names = names
		coded := s.coder.codeWords(st)
		rememberNames(st, names)
		// discourse target: a verbal reaction without a target in its
		// sentence is aimed at the last foreign actor of the previous one
		for i := range coded {
			e := &coded[i]
			if e.Target != "" || !verbal(e.Code) {
				continue
			}
			for k := len(prevGroups) - 1; k >= 0; k-- {
				if cc := prevGroups[k]; len(cc) >= 3 && len(e.Source) >= 3 && cc[:3] != e.Source[:3] && !strings.HasPrefix(cc, "---") {
					e.Target = cc
					e.TargetFromDiscourse = true
					e.Confidence -= 0.15
					e.Rule += " [target from previous sentence]"
					break
				}
			}
		}
		if si == 0 || subject == "" {
			subject = firstCountry(st)
		}
		for i := range coded {
			ownSide(&coded[i], st, subject)
		}
		consultSet := false
		for _, e := range coded {
			if e.Source == "" || (e.Target == "" && (s.coder.opt.RequireDyad || e.NeedsTarget)) {
				continue
			}
			ev := s.toEvent(a, si, sent, e, st, sent.Start < leadEnd)
			a.Events = append(a.Events, ev)
			if strings.HasPrefix(e.Code, "04") && e.Target != "" && !e.Reference && !consultSet {
				consult = []string{e.Source, e.Target}
				consultSet = true
			}
		}
		prevGroups = prevGroups[:0]
		for _, g := range st.groups {
			prevGroups = append(prevGroups, g.code)
			if len(g.code) >= 3 && !g.agentOnly && !g.anaphoric {
				ctxCountry = g.code[:3]
				if len(pair) == 0 || pair[len(pair)-1] != ctxCountry {
					pair = append(pair, ctxCountry)
					if len(pair) > 2 {
						pair = pair[len(pair)-2:]
					}
				}
			}
		}
	}
	for i := range a.Events {
		a.Events[i].ID = fmt.Sprintf("%s-ev%d", a.ID, i+1)
	}
	return nil
}

// verbal reports whether a code is a verbal act (statements, appeals,
// disapproval, rejection, threats) that is usually aimed at someone.
func verbal(code string) bool {
	if !cameo.IsNumeric(code) {
		return false
	}
	switch cameo.Root(code) {
	case "01", "02", "10", "11", "12", "13":
		return true
	}
	return false
}

// addPOS copies POS tags from the article's tokens onto the coder's words.
func (s *Stage) addPOS(a *doc.Article, sent doc.Sentence, w []word) {
	if len(a.Tokens) == 0 || sent.EndToken <= sent.FirstToken {
		return
	}
	toks := a.Tokens[sent.FirstToken:sent.EndToken]
	k := 0
	for i := range w {
		for k < len(toks) && toks[k].Start < w[i].Start {
			k++
		}
		if k < len(toks) && toks[k].Start == w[i].Start {
			w[i].POS = toks[k].POS
		}
	}
}

// toEvent fills a doc.Event from a coded event with its evidence.
func (s *Stage) toEvent(a *doc.Article, si int, sent doc.Sentence, e Coded, st *sentence, lead bool) doc.Event {
	ev := doc.Event{
		Sentence:   si,
		Trigger:    doc.Span{Start: e.Trigger[0], End: e.Trigger[1]},
		Code:       e.Code,
		Status:     e.Status,
		Reference:  e.Reference,
		Rule:       e.Rule,
		Confidence: e.Confidence,
		IsRoot:     lead,
	}
	ev.Source = actor(a, e.Source, e.SrcSpan)
	if e.Target != "" {
		ev.Target = actor(a, e.Target, e.TgtSpan)
		if e.TargetFromDiscourse {
			ev.Target.Span = nil
			ev.Target.Text = ""
		}
	}
	if cameo.IsNumeric(e.Code) {
		ev.BaseCode = cameo.Base(e.Code)
		ev.RootCode = cameo.Root(e.Code)
		ev.QuadClass = cameo.QuadClass(e.Code)
		ev.Goldstein = s.d.Tables.GoldsteinOf(e.Code)
		ev.PLOVER, ev.Mode = s.coder.PloverEvent(e)
	}
	// location: a place in the sentence (the one nearest after the trigger,
	// else the first), else the article's focus (inherited)
	best, bestDist := 0, 1<<30
	for i, p := range a.Places {
		if !sent.Span.Contains(p.Span) || p.Kind == "demonym" || p.Role == "actor" {
			// "Mexican President" and "Washington's determination" name an
			// actor, not where it happened
			continue
		}
		d := p.Start - ev.Trigger.End
		if d < 0 {
			d = 1<<20 - d
		}
		if d < bestDist {
			best, bestDist = i+1, d
		}
	}
	if best > 0 {
		ev.Location = best
	} else if a.Focus != nil {
		for i, p := range a.Places {
			if (a.Focus.GeonameID != 0 && p.GeonameID == a.Focus.GeonameID) ||
				(a.Focus.GeonameID == 0 && p.Kind == "country" && p.Country == a.Focus.Country) {
				ev.Location, ev.LocationInherited = i+1, true
				ev.Confidence -= 0.05
				break
			}
		}
	}
	// date: a date in the sentence, else the publication date (inherited);
	// a background reference keeps only a date from its sentence
	if d := eventDate(a.Dates, sent.Span, st.w, ev.Trigger); d != nil {
		ev.Date = d.Value
		if !a.Published.IsZero() && daysBefore(d.Value, a.Published) >= referenceDays {
			ev.Reference = true
		}
	}
	if ev.Date == "" && !a.Published.IsZero() {
		// without a dates layer: a past year or "N years ago" in the
		// sentence makes the event a reference with that estimated date
		if y := pastYear(st.w, a.Published); y != "" {
			ev.Date, ev.Reference = y, true
		}
	}
	if ev.Date == "" && !ev.Reference && !a.Published.IsZero() {
		ev.Date, ev.DateInherited = a.Published.Format("2006-01-02"), true
		ev.Confidence -= 0.05
	}
	if ev.Confidence < 0.05 {
		ev.Confidence = 0.05
	}
	return ev
}

// pastYear finds a year before the publication year in the sentence ("in
// 2019", "the 2019 attack") or "N years ago" / "last year", as YYYY.
func pastYear(w []word, pub time.Time) string {
	numbers := map[string]int{"ONE": 1, "TWO": 2, "THREE": 3, "FOUR": 4, "FIVE": 5, "SIX": 6, "SEVEN": 7,
		"EIGHT": 8, "NINE": 9, "TEN": 10}
	for i, x := range w {
		if len(x.W) == 4 && x.W[0] >= '1' && x.W[0] <= '2' {
			if y, err := strconv.Atoi(x.W); err == nil && y >= 1900 && y < pub.Year() {
				return x.W
			}
		}
		if x.W == "AGO" && i >= 2 && (w[i-1].W == "YEARS" || w[i-1].W == "YEAR") {
			n, ok := numbers[w[i-2].W]
			if !ok {
				n, _ = strconv.Atoi(w[i-2].W)
			}
			if n > 0 {
				return strconv.Itoa(pub.Year() - n)
			}
		}
		if x.W == "YEAR" && i >= 1 && w[i-1].W == "LAST" {
			return strconv.Itoa(pub.Year() - 1)
		}
	}
	return ""
}

// referenceDays is how many calendar days before publication an event's
// own date must lie for the event to be background rather than news: a
// wire story reports what happened today or yesterday, and an act dated
// two or more days back ("launched on Tuesday night" in Thursday's story,
// "in October", "the 2019 attack") is told as context. (Compared with a
// month, the old threshold, this flags the day-before-yesterday
// background of follow-up stories; yesterday stays news.)
const referenceDays = 2

// daysBefore is how many calendar days the last day of an ISO date value
// (day, ISO week, month or year) lies before t's day; negative when after,
// and 0 for a value it cannot read.
func daysBefore(v string, t time.Time) int {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if end, ok := isoWeekEnd(v); ok { // "last week" is 2026-W47
		return int(day.Sub(end).Hours() / 24)
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if len(v) != len(layout) {
			continue
		}
		d, err := time.Parse(layout, v)
		if err != nil {
			return 0
		}
		switch layout {
		case "2006":
			d = d.AddDate(1, 0, -1)
		case "2006-01":
			d = d.AddDate(0, 1, -1)
		}
		return int(day.Sub(d).Hours() / 24)
	}
	return 0
}

// isoWeekEnd returns the Sunday that ends ISO week value v ("2026-W47").
func isoWeekEnd(v string) (time.Time, bool) {
	if len(v) != 8 || v[4:6] != "-W" {
		return time.Time{}, false
	}
	y, err1 := strconv.Atoi(v[:4])
	w, err2 := strconv.Atoi(v[6:])
	if err1 != nil || err2 != nil || w < 1 || w > 53 {
		return time.Time{}, false
	}
	// week 1 is the week with January 4th in it; weeks start on Monday
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC)
	monday1 := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	return monday1.AddDate(0, 0, 7*(w-1)+6), true
}

// actor builds a doc.Actor with its span and the entity it overlaps.
func actor(a *doc.Article, code string, sp [2]int) doc.Actor {
	ac := doc.Actor{Code: code}
	if sp[1] > sp[0] {
		span := doc.Span{Start: sp[0], End: sp[1]}
		ac.Span = &span
		ac.Text = strings.TrimFunc(a.Text[sp[0]:sp[1]], unicode.IsPunct)
		for _, m := range a.Mentions {
			if m.Span.Overlaps(span) && m.Entity >= 0 {
				ac.Entity = m.Entity + 1
				break
			}
		}
	}
	return ac
}

// reportWords are the reporting verbs a date next to them dates: "Iraq
// said today ...", "a communique last night said ...".
var reportWords = set("SAID", "SAYS", "SAY", "TOLD", "REPORTED", "REPORTS", "ANNOUNCED", "ANNOUNCES", "STATED",
	"ADDED", "QUOTED", "CLAIMED", "DECLARED", "CONFIRMED", "DENIED", "WARNED", "ADMITTED")

// clauseWords open another clause: a date beyond one dates that clause's
// act ("were pushing them out of positions they occupied when they
// launched an offensive early yesterday": yesterday is the launch's).
var clauseWords = set("WHEN", "AFTER", "BEFORE", "WHILE", "SINCE", "UNTIL", "WHICH", "WHO", "WHERE", "BUT", ";")

// clauseBetween reports whether a clause opener lies between the trigger
// and the date.
func clauseBetween(w []word, trig, d doc.Span) bool {
	lo, hi := trig.End, d.Start
	if d.End <= trig.Start {
		lo, hi = d.End, trig.Start
	}
	for k := range w {
		if w[k].Start >= lo && w[k].End <= hi && clauseWords[w[k].W] {
			return true
		}
	}
	return false
}

// eventDate chooses the date of the sentence that dates the act at trig.
// A date next to a reporting verb dates the report, not the act it
// reports: in "Iraq said today it repelled an assault last night" the
// repulse is last night's and the statement today's. A reporting trigger
// takes its own date; any other trigger the nearest date of its own clause
// that belongs to no report, else the first, as before.
func eventDate(dates []doc.Date, sent doc.Span, w []word, trig doc.Span) *doc.Date {
	var in []int
	for i := range dates {
		if sent.Contains(dates[i].Span) {
			in = append(in, i)
		}
	}
	if len(in) == 0 {
		return nil
	}
	if len(in) == 1 || len(w) == 0 {
		return &dates[in[0]]
	}
	// reporter returns the start of the reporting verb a date belongs to,
	// or -1: the verb right before it ("said today", "said on Monday") or
	// right after it ("last night said")
	reporter := func(d doc.Span) int {
		before, after := -1, -1
		for k := range w {
			if w[k].End <= d.Start {
				before = k
			}
			if w[k].Start >= d.End && after < 0 {
				after = k
			}
		}
		if before >= 0 && w[before].W == "ON" && before > 0 {
			before--
		}
		if before >= 0 && reportWords[w[before].W] {
			return w[before].Start
		}
		if after >= 0 && reportWords[w[after].W] {
			return w[after].Start
		}
		return -1
	}
	trigWord := ""
	for k := range w {
		if w[k].Start == trig.Start {
			trigWord = w[k].W
			break
		}
	}
	if reportWords[trigWord] {
		for _, i := range in {
			if reporter(dates[i].Span) == trig.Start {
				return &dates[i]
			}
		}
		return &dates[in[0]]
	}
	best, bestDist := -1, 1<<30
	for _, i := range in {
		d := dates[i].Span
		if reporter(d) >= 0 || clauseBetween(w, trig, d) {
			continue
		}
		dist := d.Start - trig.End
		if dist < 0 {
			dist = trig.Start - d.End
		}
		if dist < bestDist {
			best, bestDist = i, dist
		}
	}
	if best < 0 {
		return &dates[in[0]]
	}
	return &dates[best]
}

// firstCountry is the country of the sentence's first actor phrase that
// names one (not an agent that inherited it), or "".
func firstCountry(st *sentence) string {
	for _, g := range st.groups {
		if !g.agentOnly && !g.anaphoric && len(g.country) == 3 && g.country != "IGO" && g.country != "NGO" && g.country != "---" {
			if g.country == "SCG" {
				return countryPart(g.code)
			}
			return g.country
		}
	}
	return ""
}

// ownSide gives an armed agent without a country of its own ("warplanes
// hit the jetty at Iran's Kharg island") the story's country when the
// country it inherited is its target's: forces do not raid their own
// country's state, army or installations, and in a story whose lead names
// another country (Iraq said its warplanes had attacked ...), the
// unnamed warplanes are that country's. Attacks on a country's own
// civilians, rebels or opposition are left as they are (civil strife).
func ownSide(e *Coded, st *sentence, subject string) {
	if subject == "" || len(e.Source) < 6 || len(e.Target) < 3 || !cameo.IsNumeric(e.Code) {
		return
	}
	switch cameo.Root(e.Code) {
	case "18", "19", "20":
	default:
		return
	}
	src, tgt := e.Source[:3], e.Target[:3]
	if src != tgt || src == subject {
		return
	}
	switch e.Target[3:] {
	case "", "GOV", "MIL", "BUS":
	default:
		return
	}
	if !strings.Contains(e.Source[3:], "MIL") {
		return
	}
	for _, g := range st.groups {
		if len(st.w) > g.start && st.w[g.start].Start == e.SrcSpan[0] {
			if g.agentOnly {
				e.Source = subject + e.Source[3:]
				e.Rule += " [armed agent: the story's country]"
			}
			return
		}
	}
}
