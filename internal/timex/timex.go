// Package timex finds temporal expressions in English and Spanish news text
// ("today", "on Wednesday", "next week", "three years ago", "Nov. 26",
// "2026-11-26", "el martes", "hace tres años") and normalises each to an
// ISO 8601 value against the article's publication date, in the spirit of
// TimeML's TIMEX3 (granularity day, week, month, quarter, year, decade or
// time).
//
// It is a hand-written grammar over a small scanner rather than a learned
// model: news dates follow a few dozen fixed shapes, the rules are fast
// (thousands of articles per second) and every decision can be read and
// tested.
package timex

import (
	"context"
	"fmt"
	"sync"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/pipeline"
)

// Granularities of a normalised value.
const (
	Day     = "day"
	Week    = "week"
	Month   = "month"
	Quarter = "quarter"
	Year    = "year"
	Decade  = "decade"
	Time    = "time"
)

// Stage is the dates pipeline stage: it fills Article.Dates and
// Article.EventDate. It holds no mutable state and is safe for concurrent use.
type Stage struct {
	pool sync.Pool
}

var _ pipeline.Stage = (*Stage)(nil)

// New returns the dates stage. It has no model to load; the error is for
// the uniform stage constructor shape.
func New() (*Stage, error) {
	return &Stage{pool: sync.Pool{New: func() any { s := make([]tok, 0, 256); return &s }}}, nil
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "dates" }

// Requires implements pipeline.Stage.
func (*Stage) Requires() []pipeline.Layer { return nil }

// Assigns implements pipeline.Stage.
func (*Stage) Assigns() []pipeline.Layer { return []pipeline.Layer{pipeline.Dates} }

// Process finds the article's dates and chooses its event date.
func (s *Stage) Process(_ context.Context, a *doc.Article) error {
	buf := s.pool.Get().(*[]tok)
	toks := scan(a.Text, *buf)
	a.Dates = extract(toks, a.Published)
	a.EventDate = EventDate(a.Dates, a.Published)
	*buf = toks[:0]
	s.pool.Put(buf)
	return nil
}

// Extract returns the temporal expressions of text, normalised against ref.
// When ref is zero, expressions that need it ("today", "Nov. 26") are
// returned with an empty Value and Relative set.
func Extract(text string, ref time.Time) []doc.Date {
	return extract(scan(text, nil), ref)
}

// EventDate picks the article's main event date: the first day-precise date
// of the lead (the first 400 bytes, where news states when the event
// happened), else the publication day, else the first day-precise date.
func EventDate(dates []doc.Date, published time.Time) string {
	for _, d := range dates {
		if d.Start > 400 {
			break
		}
		if d.Granularity == Day && d.Value != "" {
			return d.Value
		}
	}
	if !published.IsZero() {
		return published.Format("2006-01-02")
	}
	for _, d := range dates {
		if d.Granularity == Day && d.Value != "" {
			return d.Value
		}
	}
	return ""
}

// match is one recognised expression before it becomes a doc.Date.
type match struct {
	end      int // token index after the expression
	value    string
	gran     string
	relative bool
}

type extractor struct {
	t   []tok
	ref time.Time
}

func extract(toks []tok, ref time.Time) []doc.Date {
	x := extractor{t: toks, ref: ref}
	var out []doc.Date
	for i := 0; i < len(toks); {
		m, ok := x.at(i)
		if !ok {
			i++
			continue
		}
		d := doc.Date{Span: doc.Span{Start: toks[i].s, End: toks[m.end-1].e}, Value: m.value,
			Granularity: m.gran, Relative: m.relative}
		if m.relative && ref.IsZero() {
			d.Value = ""
		}
		out = append(out, d)
		i = m.end
	}
	return out
}

func (x *extractor) w(i int) string {
	if i < 0 || i >= len(x.t) {
		return ""
	}
	return x.t[i].w
}

// adjacent reports whether tokens i and i+1 touch (no space between).
func (x *extractor) adjacent(i int) bool {
	return i+1 < len(x.t) && x.t[i].e == x.t[i+1].s
}

// at tries every expression shape starting at token i.
func (x *extractor) at(i int) (match, bool) {
	t := x.t[i]
	if t.num >= 0 {
		if m, ok := x.numeric(i); ok {
			return m, true
		}
		if m, ok := x.relativeCount(i); ok {
			return m, true
		}
	}
	if t.punct || t.num >= 0 {
		return match{}, false
	}
	w := t.w
	if len(w) < 32 && startLens[w[0]]&(1<<len(w)) == 0 || !starters[w] && !(len(w) == 5 && w[4] == 's') {
		return match{}, false
	}
	if m, ok := x.relativeCount(i); ok {
		return m, true
	}
	if len(w) == 5 && w[4] == 's' && isDigits(w[:4]) && w[3] == '0' {
		// the 1990s: TimeML writes a decade as its first three digits.
		return match{end: i + 1, value: w[:3], gran: Decade}, true
	}
	if off, ok := dayWords[w]; ok {
		return x.dayOffset(i+1, off), true
	}
	if w == "mañana" || w == "manana" {
		// "mañana" is tomorrow unless it is the part of day ("la mañana",
		// "esta mañana", "por la mañana").
		switch x.w(i - 1) {
		case "la", "esta", "de", "media":
			return match{}, false
		}
		return x.dayOffset(i+1, 1), true
	}
	if w == "pasado" && x.w(i+1) == "mañana" {
		return x.dayOffset(i+2, 2), true
	}
	if w == "last" && x.w(i+1) == "night" || w == "anoche" {
		// TimeML: "last night" is the night before the reference date,
		// the previous day's night (1998-02-05TNI on the 6th) — a morning
		// dispatch's "last night" is not its publication day. Spanish
		// "anoche" likewise.
		if w == "anoche" {
			return x.dayOffset(i+1, -1), true
		}
		return x.dayOffset(i+2, -1), true
	}
	if thisWords[w] && partsOfDay[x.w(i+1)] {
		return x.dayOffset(i+2, 0), true
	}
	if m, ok := x.monthDate(i); ok {
		return m, true
	}
	if m, ok := x.modified(i); ok {
		return m, true
	}
	if wd, ok := weekdays[w]; ok && (t.upper || x.isSpanishArticle(i-1)) {
		return x.weekday(i+1, wd, 0), true
	}
	if (w == "el" || w == "este") && i+1 < len(x.t) {
		if wd, ok := weekdays[x.w(i+1)]; ok {
			dir := 0
			if w == "este" {
				dir = 2 // "este martes": the one of this week
			}
			if lastWords[x.w(i+2)] {
				return x.weekday(i+3, wd, -1), true
			}
			if x.w(i+2) == "próximo" || x.w(i+2) == "que" && x.w(i+3) == "viene" {
				end := i + 3
				if x.w(i+2) == "que" {
					end = i + 4
				}
				return x.weekday(end, wd, 1), true
			}
			return x.weekday(i+2, wd, dir), true
		}
	}
	if ord, ok := ordinals[w]; ok && (x.w(i+1) == "quarter" || x.w(i+1) == "trimestre") {
		return x.quarter(i, ord), true
	}
	return match{}, false
}

func (x *extractor) isSpanishArticle(i int) bool {
	w := x.w(i)
	return w == "el" || w == "los" || w == "este"
}

// dayOffset normalises a deictic day expression ending before token end.
func (x *extractor) dayOffset(end, off int) match {
	// "today" followed by a part of day stays a day; "yesterday morning".
	return match{end: end, value: x.ref.AddDate(0, 0, off).Format("2006-01-02"), gran: Day, relative: true}
}

// weekday resolves a weekday name. dir is -1 for the last one, +1 for the
// next one, 2 for the one of this week, and 0 to decide from the sentence's
// tense: news reports a bare "on Wednesday" about the past unless the
// sentence speaks of the future.
func (x *extractor) weekday(end int, wd time.Weekday, dir int) match {
	if dir == 0 {
		dir = -1
		if x.futureNear(end - 1) {
			dir = 1
		}
	}
	d := x.ref
	switch dir {
	case -1:
		back := (int(d.Weekday()) - int(wd) + 7) % 7
		d = d.AddDate(0, 0, -back)
	case 1:
		fwd := (int(wd) - int(d.Weekday()) + 7) % 7
		d = d.AddDate(0, 0, fwd)
	case 2:
		mon := (int(d.Weekday()) + 6) % 7 // days since Monday
		d = d.AddDate(0, 0, -mon+(int(wd)+6)%7)
	}
	return match{end: end, value: d.Format("2006-01-02"), gran: Day, relative: true}
}

// futureNear reports whether a future cue occurs earlier in the same
// clause, a few tokens before i ("will meet on Monday"). Cues after the
// date are not read: in "visited Lima on Monday and will travel", the
// "will" belongs to the next clause.
func (x *extractor) futureNear(i int) bool {
	for j := i - 1; j >= 0 && j >= i-8; j-- {
		w := x.t[j].w
		if w == "." || w == ";" {
			break
		}
		if futureCues[w] || w == "ll" && j > 0 && x.t[j-1].w == "'" {
			return true
		}
	}
	return false
}

// numeric handles ISO dates, slashed dates, "26 November 2026", years and
// clock times, all starting with a number.
func (x *extractor) numeric(i int) (match, bool) {
	t := x.t[i]
	// 2026-11-26
	if t.ndig == 4 && i+4 < len(x.t) && x.w(i+1) == "-" && x.w(i+3) == "-" &&
		x.adjacent(i) && x.adjacent(i+1) && x.adjacent(i+2) && x.adjacent(i+3) {
		mo, d := x.t[i+2].num, x.t[i+4].num
		if validDate(t.num, mo, d) {
			return match{end: i + 5, value: fmt.Sprintf("%04d-%02d-%02d", t.num, mo, d), gran: Day}, true
		}
	}
	// 11/26/2026 (US) or 26/11/2026 (day first when the first part exceeds 12)
	if t.ndig <= 2 && i+4 < len(x.t) && x.w(i+1) == "/" && x.w(i+3) == "/" &&
		x.adjacent(i) && x.adjacent(i+1) && x.adjacent(i+2) && x.adjacent(i+3) && x.t[i+4].ndig == 4 {
		a, b, y := t.num, x.t[i+2].num, x.t[i+4].num
		mo, d := a, b
		if a > 12 {
			mo, d = b, a
		}
		if validDate(y, mo, d) {
			return match{end: i + 5, value: fmt.Sprintf("%04d-%02d-%02d", y, mo, d), gran: Day}, true
		}
	}
	// 26 November [2026], 26 de noviembre [de 2026]
	if t.num >= 1 && t.num <= 31 && t.ndig <= 2 {
		j := i + 1
		if x.w(j) == "de" || x.w(j) == "of" {
			j++
		}
		if mo, ok := months[x.w(j)]; ok && ((!abbrev[x.w(j)] && !ambiguousMonth[x.w(j)]) || x.t[j].upper) {
			j++
			if x.w(j) == "." && abbrev[x.w(j-1)] && x.adjacent(j-1) {
				j++ // "26 Nov."
			}
			return x.withYear(i, j, mo, t.num), true
		}
	}
	// clock time: 10:30, 3 p.m., 15:00 GMT
	if m, ok := x.clock(i); ok {
		return m, true
	}
	// in 2019, since 1987, the 1990s
	if t.ndig == 4 && t.num >= 1800 && t.num <= 2100 && yearCues[x.w(i-1)] && !x.followedByUnitNoun(i) {
		return match{end: i + 1, value: fmt.Sprintf("%04d", t.num), gran: Year}, true
	}
	return match{}, false
}

// followedByUnitNoun rejects "in 2000 tonnes": a year is not a quantity.
func (x *extractor) followedByUnitNoun(i int) bool {
	switch x.w(i + 1) {
	case "tonnes", "tons", "barrels", "bags", "shares", "people", "dlrs", "pct", "mln", "billion", "million", "km", "metres", "meters", "miles", "troops", "toneladas", "personas", "%":
		return true
	}
	return false
}

func (x *extractor) clock(i int) (match, bool) {
	t := x.t[i]
	if t.num > 24 || t.ndig > 2 {
		return match{}, false
	}
	h, mi, j := t.num, 0, i+1
	explicit := false
	if x.w(j) == ":" && x.adjacent(i) && j+1 < len(x.t) && x.t[j+1].ndig == 2 && x.t[j+1].num < 60 {
		mi, j, explicit = x.t[j+1].num, j+2, true
	}
	switch x.w(j) {
	case "a", "p":
		if x.w(j+1) == "." && x.w(j+2) == "m" {
			if x.w(j) == "p" && h < 12 {
				h += 12
			} else if x.w(j) == "a" && h == 12 {
				h = 0
			}
			j += 3
			if x.w(j) == "." && x.adjacent(j-1) {
				j++
			}
			explicit = true
		}
	case "am", "pm":
		if x.w(j) == "pm" && h < 12 {
			h += 12
		}
		j++
		explicit = true
	}
	if !explicit || h > 23 {
		return match{}, false
	}
	return match{end: j, value: x.ref.Format("2006-01-02") + fmt.Sprintf("T%02d:%02d", h, mi), gran: Time, relative: true}, true
}

// withYear completes "26 November" with an optional year from token j on.
func (x *extractor) withYear(start, j, mo, d int) match {
	k := j
	if x.w(k) == "," || x.w(k) == "de" || x.w(k) == "del" {
		k++
	}
	if k < len(x.t) && x.t[k].ndig == 4 && validDate(x.t[k].num, mo, d) {
		return match{end: k + 1, value: fmt.Sprintf("%04d-%02d-%02d", x.t[k].num, mo, d), gran: Day}
	}
	y := x.closestYear(mo, d)
	// "el pasado 15 de noviembre" is the last one, "el próximo 28 de
	// junio" the next one.
	dt := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	ref := time.Date(x.ref.Year(), x.ref.Month(), x.ref.Day(), 0, 0, 0, 0, time.UTC)
	switch p := x.w(start - 1); {
	case lastWords[p] && dt.After(ref):
		y--
	case nextWords[p] && dt.Before(ref):
		y++
	}
	return match{end: j, value: fmt.Sprintf("%04d-%02d-%02d", y, mo, d), gran: Day, relative: true}
}

// closestYear picks the year that puts month/day nearest the reference
// date: a December article's "Jan. 5" is next January.
func (x *extractor) closestYear(mo, d int) int {
	y := x.ref.Year()
	best, bestDist := y, time.Duration(1<<62)
	for _, c := range []int{y - 1, y, y + 1} {
		dt := time.Date(c, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		dist := dt.Sub(x.ref)
		if dist < 0 {
			dist = -dist
		}
		if dist < bestDist {
			best, bestDist = c, dist
		}
	}
	return best
}

// monthDate handles expressions that start with a month name: "Nov. 26",
// "November 26, 2026", "November 2026", "noviembre de 2026", "in November".
func (x *extractor) monthDate(i int) (match, bool) {
	t := x.t[i]
	mo, ok := months[t.w]
	if !ok {
		return match{}, false
	}
	isAbbrev := abbrev[t.w]
	j := i + 1
	if isAbbrev {
		if !t.upper {
			return match{}, false
		}
		if x.w(j) == "." && x.adjacent(i) {
			j++
		}
	}
	// Month Day[th][, Year]
	if j < len(x.t) && x.t[j].num >= 1 && x.t[j].num <= 31 && x.t[j].ndig <= 2 && (t.upper || !ambiguousMonth[t.w]) {
		d := x.t[j].num
		return x.withYear(i, j+1, mo, d), true
	}
	if j < len(x.t) && x.t[j].num < 0 && len(x.w(j)) > 2 {
		// "26th" style suffix
		if d, ok := daySuffix(x.w(j)); ok && t.upper {
			return x.withYear(i, j+1, mo, d), true
		}
	}
	// Month Year / mes de Year
	k := j
	if x.w(k) == "de" || x.w(k) == "del" || x.w(k) == "," {
		k++
	}
	if k < len(x.t) && x.t[k].ndig == 4 && x.t[k].num >= 1800 && x.t[k].num <= 2100 && (t.upper || !ambiguousMonth[t.w]) {
		return match{end: k + 1, value: fmt.Sprintf("%04d-%02d", x.t[k].num, mo), gran: Month}, true
	}
	// bare month after a cue: "in November", "last March", "en noviembre"
	if isAbbrev || ambiguousMonth[t.w] && !t.upper {
		return match{}, false
	}
	// "April of last year", "marzo del año pasado"
	if k := i + 1; x.w(k) == "of" || x.w(k) == "del" || x.w(k) == "de" {
		if x.w(k) == "de" && x.w(k+1) == "el" {
			k++
		}
		k++
		if x.w(k) == "año" {
			if m, ok := x.yearAfter(k+1, mo); ok {
				m.end = k + 2
				return m, true
			}
		} else if m, ok := x.yearAfter(k, mo); ok && units[x.w(k+1)] == uYear {
			m.end = k + 2
			return m, true
		}
	}
	prev := x.w(i - 1)
	if !monthCues[prev] {
		return match{}, false
	}
	y := x.ref.Year()
	switch {
	case prev == "last":
		if mo >= int(x.ref.Month()) {
			y--
		}
	case prev == "next":
		if mo <= int(x.ref.Month()) {
			y++
		}
	case prev == "this":
	default:
		y = x.closestYear(mo, 15)
	}
	return match{end: i + 1, value: fmt.Sprintf("%04d-%02d", y, mo), gran: Month, relative: true}, true
}

func daySuffix(w string) (int, bool) {
	n := 0
	k := 0
	for k < len(w) && w[k] >= '0' && w[k] <= '9' {
		n = n*10 + int(w[k]-'0')
		k++
	}
	if k == 0 || k > 2 || n < 1 || n > 31 {
		return 0, false
	}
	switch w[k:] {
	case "st", "nd", "rd", "th":
		return n, true
	}
	return 0, false
}

// modified handles "next week", "last month", "this year", "la próxima
// semana", "el mes pasado", "este año", "la semana que viene" and weekdays
// with a direction ("last Friday", "next Monday").
func (x *extractor) modified(i int) (match, bool) {
	w := x.w(i)
	j := i
	if w == "the" || w == "la" || w == "el" {
		j++
	}
	dw := x.w(j)
	dir := 0
	switch {
	case nextWords[dw]:
		dir = 1
	case lastWords[dw]:
		dir = -1
	case thisWords[dw]:
		dir = 0
	default:
		// Spanish post-modified: "la semana pasada", "el año que viene"
		if (w == "la" || w == "el") && units[x.w(i+1)] != uNone {
			u := units[x.w(i+1)]
			switch {
			case lastWords[x.w(i+2)]:
				return x.unitOffset(i+3, u, -1), true
			case nextWords[x.w(i+2)] || x.w(i+2) == "entrante":
				return x.unitOffset(i+3, u, 1), true
			case x.w(i+2) == "que" && x.w(i+3) == "viene":
				return x.unitOffset(i+4, u, 1), true
			}
		}
		return match{}, false
	}
	if w == "the" && dir == 0 {
		return match{}, false
	}
	nw := x.w(j + 1)
	if u := units[nw]; u != uNone && u != uDecade {
		if dw == "past" {
			// "the past year" is a duration ending now, not last year.
			return match{}, false
		}
		return x.unitOffset(j+2, u, dir), true
	}
	if nw == "weekend" || nw == "fin" && x.w(j+2) == "de" && x.w(j+3) == "semana" {
		end := j + 2
		if nw == "fin" {
			end = j + 4
		}
		// the weekend is the Saturday of the chosen week
		m := x.weekday(end, time.Saturday, map[int]int{-1: -1, 1: 1, 0: 2}[dir])
		return m, true
	}
	if wd, ok := weekdays[nw]; ok {
		d := map[int]int{-1: -1, 1: 1, 0: 2}[dir]
		if dir == -1 && x.ref.Weekday() == wd {
			// "last Thursday" said on a Thursday is a week ago.
			m := x.weekday(j+2, wd, -1)
			m.value = x.ref.AddDate(0, 0, -7).Format("2006-01-02")
			return m, true
		}
		if dir == 1 && x.ref.Weekday() == wd {
			m := x.weekday(j+2, wd, 1)
			m.value = x.ref.AddDate(0, 0, 7).Format("2006-01-02")
			return m, true
		}
		return x.weekday(j+2, wd, d), true
	}
	return match{}, false
}

// unitOffset normalises "next week" and kin: the calendar unit containing
// the reference date moved by dir units.
func (x *extractor) unitOffset(end int, u unit, dir int) match {
	r := x.ref
	switch u {
	case uDay:
		return match{end: end, value: r.AddDate(0, 0, dir).Format("2006-01-02"), gran: Day, relative: true}
	case uWeek:
		y, wk := r.AddDate(0, 0, 7*dir).ISOWeek()
		return match{end: end, value: fmt.Sprintf("%04d-W%02d", y, wk), gran: Week, relative: true}
	case uMonth:
		m := time.Date(r.Year(), r.Month()+time.Month(dir), 1, 0, 0, 0, 0, time.UTC)
		return match{end: end, value: m.Format("2006-01"), gran: Month, relative: true}
	case uQuarter:
		q := (int(r.Month())-1)/3 + dir
		y := r.Year()
		for q < 0 {
			q += 4
			y--
		}
		for q > 3 {
			q -= 4
			y++
		}
		return match{end: end, value: fmt.Sprintf("%04d-Q%d", y, q+1), gran: Quarter, relative: true}
	default:
		return match{end: end, value: fmt.Sprintf("%04d", r.Year()+dir), gran: Year, relative: true}
	}
}

// quarter handles "first quarter [of 2026]" / "primer trimestre de 2026".
func (x *extractor) quarter(i, ord int) match {
	j := i + 2
	k := j
	if x.w(k) == "of" || x.w(k) == "de" || x.w(k) == "del" {
		k++
	}
	if k < len(x.t) && x.t[k].ndig == 4 {
		return match{end: k + 1, value: fmt.Sprintf("%04d-Q%d", x.t[k].num, ord), gran: Quarter}
	}
	// A quarter not yet begun is last year's ("reported fourth quarter
	// net income" in February), unless the sentence speaks of the future.
	y := x.ref.Year()
	if ord > (int(x.ref.Month())-1)/3+1 && !x.futureNear(i) {
		y--
	}
	return match{end: j, value: fmt.Sprintf("%04d-Q%d", y, ord), gran: Quarter, relative: true}
}

// relativeCount handles "three years ago", "hace tres años", "in two weeks"
// and "dentro de dos semanas".
func (x *extractor) relativeCount(i int) (match, bool) {
	w := x.w(i)
	sign, j := -1, i
	switch w {
	case "hace":
		j = i + 1
	case "in", "within":
		sign, j = 1, i+1
	case "dentro":
		if x.w(i+1) != "de" {
			return match{}, false
		}
		sign, j = 1, i+2
	}
	n, ok := x.count(j)
	if !ok {
		return match{}, false
	}
	u := units[x.w(j+1)]
	if u == uNone {
		return match{}, false
	}
	if x.w(j+2) == "-" && x.adjacent(j+1) {
		// a hyphenated compound is an adjective, not a date: "in a
		// week-old offensive", "in a two-year-long war"
		return match{}, false
	}
	end := j + 2
	if w == "hace" || w == "in" || w == "within" || w == "dentro" {
		if w == "within" {
			return match{}, false
		}
	} else {
		if x.w(end) != "ago" && x.w(end) != "earlier" {
			return match{}, false
		}
		end++
	}
	return x.shift(end, u, sign*n), true
}

func (x *extractor) count(j int) (int, bool) {
	if j >= len(x.t) {
		return 0, false
	}
	if x.t[j].num > 0 && x.t[j].num < 1000 {
		return x.t[j].num, true
	}
	n, ok := numberWords[x.t[j].w]
	return n, ok
}

// shift moves the reference date by n units.
func (x *extractor) shift(end int, u unit, n int) match {
	r := x.ref
	switch u {
	case uDay:
		return match{end: end, value: r.AddDate(0, 0, n).Format("2006-01-02"), gran: Day, relative: true}
	case uWeek:
		y, wk := r.AddDate(0, 0, 7*n).ISOWeek()
		return match{end: end, value: fmt.Sprintf("%04d-W%02d", y, wk), gran: Week, relative: true}
	case uMonth:
		return match{end: end, value: r.AddDate(0, n, 0).Format("2006-01"), gran: Month, relative: true}
	case uQuarter:
		d := r.AddDate(0, 3*n, 0)
		return match{end: end, value: fmt.Sprintf("%04d-Q%d", d.Year(), (int(d.Month())-1)/3+1), gran: Quarter, relative: true}
	case uDecade:
		return match{end: end, value: fmt.Sprintf("%04d", r.Year()+10*n), gran: Year, relative: true}
	default:
		return match{end: end, value: fmt.Sprintf("%04d", r.Year()+n), gran: Year, relative: true}
	}
}

func validDate(y, m, d int) bool {
	if y < 1000 || m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t.Day() == d
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// yearAfter reads "last"/"this"/"next" (or "pasado"/"próximo" after "año")
// at token k as a year offset and dates month mo in that year.
func (x *extractor) yearAfter(k, mo int) (match, bool) {
	dir := 0
	switch w := x.w(k); {
	case lastWords[w]:
		dir = -1
	case nextWords[w]:
		dir = 1
	case thisWords[w]:
	default:
		return match{}, false
	}
	return match{value: fmt.Sprintf("%04d-%02d", x.ref.Year()+dir, mo), gran: Month, relative: true}, true
}
