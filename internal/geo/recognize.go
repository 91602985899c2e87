package geo

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/internal/doc"
)

// word is one recogniser token: a doc.Token, or a piece of one split at
// hyphens ("U.S.-led" → "U.S.", "-", "led") so that places inside compounds
// are found.
type word struct {
	doc.Span
	s       string
	cap     bool   // starts with an upper-case letter
	upper   bool   // every letter upper case (and at least two letters)
	letter  bool   // starts with a letter
	sentIni bool   // first word of a sentence (or of a line, or after a quote)
	norm    string // Normalize(s), for capitalised words and connectors
}

// maxSpanWords bounds how many words a place name may have.
const maxSpanWords = 7

// connectors may sit inside a multi-word place name.
var connectors = map[string]bool{
	"de": true, "del": true, "la": true, "las": true, "los": true, "el": true, "al": true, "of": true,
	"the": true, "on": true, "upon": true, "and": true, "da": true, "do": true, "dos": true, "das": true,
	"di": true, "du": true, "des": true, "le": true, "les": true, "sur": true, "am": true, "im": true,
	"an": true, "der": true, "y": true, "en": true, "-": true, ".": true, "'": true, "’": true, "&": true,
	"'s": true, "’s": true, // "People's Republic of China"
	"au": true, "aux": true, "lès": true, "sous": true, // "Port-au-Prince"
}

func splitWords(text string, toks []doc.Token) []word {
	ws := make([]word, 0, len(toks)+8)
	prevEnd := 0
	for _, t := range toks {
		if t.Start < 0 || t.End > len(text) || t.Start >= t.End {
			continue
		}
		s := text[t.Start:t.End]
		gap := text[prevEnd:t.Start]
		newLine := strings.Contains(gap, "\n")
		prevEnd = t.End
		if i := strings.IndexByte(s, '-'); i > 0 && i < len(s)-1 {
			// pieces of a hyphenated compound
			off := t.Start
			for k, p := range strings.Split(s, "-") {
				if k > 0 {
					ws = append(ws, mkWord(text, doc.Span{Start: off, End: off + 1}))
					off++
				}
				if p != "" {
					w := mkWord(text, doc.Span{Start: off, End: off + len(p)})
					if k == 0 {
						w.sentIni = newLine
					}
					ws = append(ws, w)
				}
				off += len(p)
			}
			continue
		}
		w := mkWord(text, t.Span)
		w.sentIni = newLine
		ws = append(ws, w)
	}
	// sentence starts: after . ! ? : or an opening quote, and at the start
	for i := range ws {
		if i == 0 {
			ws[i].sentIni = true
			continue
		}
		p := ws[i-1].s
		switch p {
		case ".", "!", "?", "\"", "“", "‘", "'", ":", ";", "—", "–", "(", "--":
			ws[i].sentIni = true
		}
	}
	return ws
}

func mkWord(text string, sp doc.Span) word {
	s := text[sp.Start:sp.End]
	w := word{Span: sp, s: s}
	r, _ := utf8.DecodeRuneInString(s)
	w.letter = unicode.IsLetter(r)
	w.cap = unicode.IsUpper(r)
	if !w.cap && len(s) > 3 && (s[0] == 'd' || s[0] == 'l') {
		// "d'Ivoire", "l'Aquila": an elided article before a capital
		rest := strings.TrimPrefix(strings.TrimPrefix(s[1:], "'"), "’")
		if rest != s[1:] {
			r2, _ := utf8.DecodeRuneInString(rest)
			w.cap = unicode.IsUpper(r2)
		}
	}
	if w.cap || !w.letter || connectors[s] {
		w.norm = Normalize(s)
	}
	if w.cap {
		n, up := 0, true
		for _, c := range s {
			if unicode.IsLetter(c) {
				n++
				if !unicode.IsUpper(c) {
					up = false
					break
				}
			}
		}
		w.upper = up && n >= 2
	}
	return w
}

// candidate is one recognised place mention before resolution.
type candidate struct {
	span     doc.Span
	first    int // word range [first, end)
	end      int
	key      string
	matches  []Match
	dateline bool
	locCtx   bool    // a locative preposition or an admin qualifier supports it
	loc      bool    // the tagger tagged it LOC
	actor    bool    // metonymy: the place stands for its government
	demonym  bool    // every match is a demonym
	qual     []Match // the matches of a following ", Qualifier"
	drop     bool
}

// locatives are prepositions that introduce a place.
var locatives = map[string]bool{
	"in": true, "at": true, "near": true, "from": true, "to": true, "into": true, "outside": true,
	"across": true, "throughout": true, "toward": true, "towards": true, "via": true, "around": true,
	"within": true, "between": true, "through": true, "visited": true, "visit": true, "visiting": true,
	"reached": true, "leaving": true, "left": true, "entered": true, "north": true, "south": true,
	"east": true, "west": true, "of": true, "downtown": true, "suburban": true, "rural": true,
}

// newspapers are the words that follow a city in a newspaper's name.
var newspapers = map[string]bool{
	"times": true, "post": true, "star": true, "herald": true, "tribune": true, "journal": true,
	"gazette": true, "chronicle": true, "globe": true, "daily": true, "courier": true, "examiner": true,
	"sun-times": true, "inquirer": true, "telegraph": true,
}

// institutions are the heads of names of the form "University of X".
var institutions = map[string]bool{
	"university": true, "college": true, "institute": true, "bank": true, "museum": true,
	"school": true, "hospital": true, "church": true, "cathedral": true, "academy": true,
	"department": true, "ministry": true, "society": true, "federation": true, "association": true,
}

// directions qualify a region name: "West Midlands", "Central Africa".
var directions = map[string]bool{
	"north": true, "south": true, "east": true, "west": true, "northern": true, "southern": true,
	"eastern": true, "western": true, "central": true, "upper": true, "lower": true, "greater": true,
	"northeast": true, "northwest": true, "southeast": true, "southwest": true, "mid": true, "middle": true,
	"inner": true, "outer": true, "far": true, "north-east": true, "north-west": true, "south-east": true, "south-west": true,
}

// allDirections reports whether words are only directions and hyphens
// ("South-West", "Central").
func allDirections(ws []word) bool {
	n := 0
	for _, w := range ws {
		switch {
		case w.s == "-" || w.s == "–":
		case directions[strings.ToLower(w.s)]:
			n++
		default:
			return false
		}
	}
	return n > 0
}

// calendarWords are never places on their own.
var calendarWords = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true, "monday": true,
	"tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
}

// diseaseWords follow a place that names a disease ("Marburg virus").
var diseaseWords = map[string]bool{
	"virus": true, "ebolavirus": true, "fever": true, "flu": true, "disease": true, "strain": true,
	"syndrome": true, "encephalitis": true, "hemorrhagic": true, "haemorrhagic": true,
}

// actorVerbs follow a capital used for its government ("Washington said").
// Auxiliaries ("is", "has", "will") are left out: "Paris is beautiful".
var actorVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "wants": true, "wanted": true,
	"warned": true, "warns": true, "accused": true, "accuses": true, "announced": true, "announces": true,
	"insists": true, "insisted": true, "demanded": true, "demands": true, "believes": true, "believed": true,
	"denied": true, "denies": true, "rejected": true,
	"rejects": true, "urged": true, "urges": true, "hopes": true, "hoped": true, "threatened": true,
	"threatens": true, "responded": true, "agreed": true, "agrees": true, "refused": true, "refuses": true,
	"plans": true, "planned": true, "sees": true, "saw": true, "considers": true, "sought": true, "seeks": true,
	"imposed": true, "imposes": true, "sanctioned": true, "backed": true, "backs": true, "supports": true,
	"supported": true, "condemned": true, "condemns": true, "welcomed": true, "welcomes": true,
	"criticized": true, "criticised": true, "claims": true, "claimed": true, "argues": true, "argued": true,
}

// locNouns follow a place's possessive when the place is still a place
// ("Mexico City's streets", "Moscow's suburbs").
var locNouns = map[string]bool{
	"streets": true, "street": true, "suburbs": true, "outskirts": true, "downtown": true, "center": true,
	"centre": true, "airport": true, "port": true, "harbor": true, "harbour": true, "residents": true,
	"population": true, "mayor": true, "city": true, "neighborhoods": true, "neighbourhoods": true,
	"hospitals": true, "hospital": true, "schools": true, "north": true, "south": true, "east": true,
	"west": true, "northern": true, "southern": true, "eastern": true, "western": true, "central": true,
	"largest": true, "biggest": true, "main": true, "old": true, "historic": true, "air": true, "river": true,
	"university": true, "police": true, "metro": true, "subway": true, "citizens": true, "people": true,
}

// recognize finds candidate place mentions in the words.
func (g *Gazetteer) recognize(text string, ws []word, mentions []doc.Mention) []candidate {
	var cands []candidate
	dl0, dl := 0, datelineEnd(ws)
	if dl == 0 {
		// local papers put a headline line before the dateline: "Bingham
		// to offer plan to combat drugs.\n TORRINGTON — Mayor ..."
		if j := headlineEnd(text, ws); j > 0 {
			if k := datelineEnd(ws[j:]); k > 0 {
				dl0, dl = j, j+k
			}
		}
	}
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if !w.cap || !w.letter {
			continue
		}
		if lw := strings.ToLower(w.s); lw == "the" {
			continue // "The Hague" is indexed as "hague"; "The UN" is not a place
		}
		// extend the span word by word while some name starts this way,
		// keeping the longest that is a name
		var key []byte
		best, bestKey := -1, ""
		lim := min(len(ws), i+maxSpanWords)
		for j := i; j < lim; j++ {
			wj := &ws[j]
			if j > i && !spanWordOK(ws, i, j) {
				break
			}
			if wj.norm != "" {
				if len(key) > 0 && !strings.HasPrefix(wj.s, "'") && !strings.HasPrefix(wj.s, "’") {
					key = append(key, ' ')
				}
				key = append(key, wj.norm...)
			}
			if len(key) == 0 {
				break
			}
			h := hashBytes(key)
			endOK := j == i || (wj.cap && wj.letter) || (wj.s == "." && len(ws[j-1].s) <= 2)
			if endOK && g.has(h) {
				best, bestKey = j, string(key)
			}
			if !g.isPrefix(h) && !(j+1 < lim && (strings.HasPrefix(ws[j+1].s, "'") || strings.HasPrefix(ws[j+1].s, "’"))) {
				break // ("People" + "'s" continues as "peoples")
			}
		}
		if best < 0 {
			continue
		}
		// "PLYMOUTH CO.", "Lake Co.": the county, not the town
		if n := best + 1; n < len(ws) && (ws[n].s == "Co" || ws[n].s == "CO" || ws[n].s == "Co." || ws[n].s == "CO.") {
			if k := bestKey + " county"; g.has(hashKey(k)) {
				best, bestKey = n, k
				if n+1 < len(ws) && ws[n+1].s == "." && ws[n+1].Start == ws[n].End {
					best = n + 1
				}
			}
		}
		sp := doc.Span{Start: w.Start, End: ws[best].End}
		cands = append(cands, candidate{span: sp, first: i, end: best + 1, key: bestKey,
			matches: g.LookupKey(bestKey), dateline: i >= dl0 && best < dl})
		i = best
	}
	for k := range cands {
		g.filter(text, ws, &cands[k], mentions)
	}
	g.personDiscourse(text, ws, cands, mentions)
	out := cands[:0]
	for _, c := range cands {
		if !c.drop {
			out = append(out, c)
		}
	}
	return out
}

// spanWordOK reports whether word j may continue a span that starts at i:
// a capitalised word or a connector, on the same line.
func spanWordOK(ws []word, i, j int) bool {
	w := &ws[j]
	if w.sentIni && w.s != "." && ws[j-1].s != "." {
		return false
	}
	if w.cap && w.letter {
		return true
	}
	return connectors[strings.ToLower(w.s)]
}

// spanOK checks that the words between the first and the last are
// capitalised or connectors, and that the span does not cross a line.
func spanOK(ws []word) bool {
	for k := 1; k < len(ws)-1; k++ {
		w := ws[k]
		if w.cap && w.letter {
			continue
		}
		if connectors[strings.ToLower(w.s)] {
			continue
		}
		return false
	}
	for k := 1; k < len(ws); k++ {
		if ws[k].sentIni && ws[k].s != "." && ws[k-1].s != "." {
			return false
		}
	}
	return true
}

// headlineEnd returns the index of the first word after a short first
// line (a headline of at most 16 words ending at a line break), or 0.
func headlineEnd(text string, ws []word) int {
	for j := 1; j < len(ws) && j <= 16; j++ {
		if strings.Contains(text[ws[j-1].End:ws[j].Start], "\n") {
			return j
		}
	}
	return 0
}

// datelineEnd returns the index of the word that ends a dateline at the
// start of the text ("MEXICO CITY —", "Mexico City:", "LONDON, Nov 26
// (Reuters) -"), or 0 when there is none.
//
// Wire copy scraped without its dash keeps two tell-tale forms: a
// source in parentheses right after the place ("Washington (CNN)",
// "WASHINGTON (RNS)"), and a place in capitals before the first sentence
// ("WASHINGTON Barack Obama pardoned..."): both end a dateline too.
func datelineEnd(ws []word) int {
	if len(ws) > 1 && ws[0].upper {
		k := 0
		for k < len(ws) && k < 6 && (ws[k].upper || ws[k].s == ",") {
			k++
		}
		if k < len(ws) && ws[k].cap && !ws[k].upper && ws[k-1].s != "," {
			return k
		}
	}
	for i := 0; i < len(ws) && i < 14; i++ {
		if ws[i].s == "(" && i > 0 && i+2 < len(ws) && ws[i+2].s == ")" && ws[i+1].cap && (ws[i-1].cap || isDigits(ws[i-1].s)) {
			// "Washington (CNN)", "LONDON, Nov 26 (Reuters)": the words
			// before must be capitalised names, commas or dates
			ok := !articles[strings.ToLower(ws[0].s)]
			for k := 0; k < i && ok; k++ {
				w := ws[k]
				ok = (w.cap || w.s == "," || w.s == "." || isDigits(w.s)) && !(k > 0 && w.sentIni)
			}
			if ok {
				return i
			}
		}
		switch ws[i].s {
		case "—", "–", "-", "--", ":":
			if i == 0 {
				return 0
			}
			// the words before must be capitalised names, commas, dates or a (Source)
			for k := 0; k < i; k++ {
				if ws[k].sentIni && k > 0 {
					return 0
				}
			}
			return i
		}
		if ws[i].sentIni && i > 0 && ws[i-1].s != "(" {
			if ws[i-1].s == "." && i >= 2 && len(ws[i-2].s) <= 4 {
				continue // "Ky." "D.C."
			}
			return 0
		}
	}
	return 0
}

// listGoesOn reports whether a ", Qualifier" ending before word j is an
// item of a list of areas rather than a qualifier: the head can itself be
// an admin1 or a country, and the qualifier is followed by a comma, "and"
// or "or" and another admin1 or country ("Washington, Pennsylvania and
// California"; but "Paris, Texas, and Dallas" keeps its qualifier).
func (g *Gazetteer) listGoesOn(text string, ws []word, j int, c *candidate) bool {
	headBig := false
	for _, m := range c.matches {
		if k := g.kind(m.Entry); k == KindAdmin1 || k == KindCountry {
			headBig = true
		}
	}
	if !headBig || j >= len(ws) {
		return false
	}
	k := j
	if ws[k].s == "," {
		k++
	}
	if k < len(ws) && (ws[k].s == "and" || ws[k].s == "or") {
		k++
	}
	if k == j || k >= len(ws) || !ws[k].cap {
		return false
	}
	for e := min(len(ws), k+4); e > k; e-- {
		if !spanOK(ws[k:e]) {
			continue
		}
		for _, m := range g.LookupKey(Normalize(text[ws[k].Start:ws[e-1].End])) {
			if kk := g.kind(m.Entry); (kk == KindAdmin1 || kk == KindCountry) && m.Flags&NameDemonym == 0 {
				return true
			}
		}
	}
	return false
}

// articles never start a dateline ("The Food and Drug Administration (FDA)").
var articles = map[string]bool{"the": true, "a": true, "an": true}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func lowerWord(ws []word, i int) string {
	if i < 0 || i >= len(ws) {
		return ""
	}
	return strings.ToLower(ws[i].s)
}

func isPossessive(s string) bool {
	return s == "’s" || s == "'s" || s == "’" || s == "'"
}

// filter decides whether a gazetteer match is a place mention here.
func (g *Gazetteer) filter(text string, ws []word, c *candidate, mentions []doc.Mention) {
	var hasCountry, hasAdmin1, hasRegion, hasAbbrev bool
	allDemonym := true
	maxCity := -1
	primaryCity := false
	for _, m := range c.matches {
		if !demonymOnly(m.Flags) {
			allDemonym = false
		}
		if m.Flags&NameAbbrev != 0 {
			hasAbbrev = true
		}
		switch g.kind(m.Entry) {
		case KindCountry:
			hasCountry = true
		case KindAdmin1:
			hasAdmin1 = true
		case KindRegion:
			hasRegion = true
		default:
			if p := g.pop(m.Entry); p > maxCity {
				maxCity = p
			}
			if m.Flags&NamePrimary != 0 {
				primaryCity = true
			}
		}
	}
	c.demonym = allDemonym
	big := hasCountry || hasAdmin1 || hasRegion
	single := c.end-c.first == 1
	w := ws[c.first]
	prev := lowerWord(ws, c.first-1)
	next := lowerWord(ws, c.end)
	if locatives[prev] && prev != "of" {
		c.locCtx = true
	}
	// "the White House", "the Old Bailey": a many-word name under an
	// article is a building, an institution or a district, not the small
	// town that happens to carry it (White House, Tennessee)
	if c.end-c.first >= 2 && (prev == "the" || prev == "a" || prev == "an" || strings.EqualFold(w.s, "the")) && !big &&
		!c.dateline && len(c.qual) == 0 && g.smallTownsOnly(c.matches, 50000) {
		c.drop = true
		return
	}
	// "the New York Times", "Washington Post", "Midland Daily News": a
	// newspaper's name, not its city
	if c.end < len(ws) && ws[c.end].cap && newspapers[strings.ToLower(ws[c.end].s)] && !c.dateline {
		c.drop = true
		return
	}
	// "US$1 million", "$US 15 billion", "HK$": a currency, not a place
	if single && ((c.end < len(ws) && ws[c.end].s == "$" && ws[c.end].Start == c.span.End) ||
		(c.first > 0 && ws[c.first-1].s == "$" && ws[c.first-1].End == c.span.Start)) {
		c.drop = true
		return
	}
	// "St. Michael's Hospital", "St. Mark's Cathedral": a saint's name in
	// the possessive is a dedication, not the parish or town of that name
	if isPossessive(next) && (w.norm == "saint" || strings.EqualFold(w.s, "St.") || strings.EqualFold(w.s, "St")) {
		c.drop = true
		return
	}
	// "University of Michigan Center for ...": a town's name after an
	// institution's "of" belongs to the institution's name
	if c.first >= 2 && prev == "of" && institutions[lowerWord(ws, c.first-2)] && ws[c.first-2].cap &&
		g.smallTownsOnly(c.matches, 100000) {
		c.drop = true
		return
	}
	// "The Paris Agreement (PA)": an all-caps word in brackets spelling the
	// initials of the words before it is their acronym, not a place code,
	// unless those words name the same place ("New South Wales (NSW)")
	if single && w.upper && prev == "(" && next == ")" {
		if from := acronymOf(ws, c.first); from >= 0 && !g.sameEntry(text[ws[from].Start:ws[c.first-2].End], c.matches) {
			c.drop = true
			return
		}
	}
	// ", Qualifier": "Paris, Texas", "Guadalajara, Jalisco"
	if next == "," && c.end+1 < len(ws) && ws[c.end+1].cap {
		for j := min(len(ws), c.end+1+4); j > c.end+1; j-- {
			if !spanOK(ws[c.end+1 : j]) {
				continue
			}
			qs := g.LookupKey(Normalize(text[ws[c.end+1].Start:ws[j-1].End]))
			var keep []Match
			for _, q := range qs {
				if k := g.kind(q.Entry); (k == KindAdmin1 || k == KindCountry || k == KindAdmin2) && q.Flags&NameDemonym == 0 {
					keep = append(keep, q)
				}
			}
			if len(keep) > 0 {
				if g.listGoesOn(text, ws, j, c) {
					break // "Washington, Pennsylvania and California": a list of states
				}
				c.qual = keep
				c.locCtx = true
				break
			}
		}
	}
	wf := uint8(0)
	if single {
		wf = g.WordFlags(c.key)
	}
	// the tagger's view, when it ran
	for _, m := range mentions {
		if !m.Span.Overlaps(c.span) {
			continue
		}
		switch m.Type {
		case doc.LOC:
			switch {
			case m.Span == c.span || c.span.Contains(m.Span):
				c.loc = true
			case m.Span.Contains(c.span) && !big:
				// a town's name inside a longer place name the gazetteer does
				// not know ("Richmond Park", "Indus River"): not that town
				c.drop = true
				return
			}
		case doc.PER:
			if c.dateline {
				continue
			}
			// a first name that is a place, where the text says it is one:
			// "from Alvin, Texas", "in Regina" (a city of 176,000)
			if m.Span == c.span && (len(c.qual) > 0 || (c.locCtx && primaryCity && maxCity >= 100000)) {
				continue
			}
			if !big || m.Span.Contains(c.span) && m.Span.Len() > c.span.Len() {
				c.drop = true
				return
			}
		case doc.ORG:
			if m.Kind == "metonym" && m.Span == c.span {
				// the tagger says it stands for a government: "Washington said"
				c.actor = true
				continue
			}
			// a town's alias inside an organisation's name ("Bank of
			// America" is not Portsmouth, alias Bank; "BDO Stoy Hayward" not
			// Bandung, airport code BDO); a town under its own name stays
			// ("Red Deer RCMP")
			if m.Span.Contains(c.span) && m.Span.Len() > c.span.Len() && !big && !primaryCity && !c.dateline {
				c.drop = true
				return
			}
			// "the Mexican Government" keeps its demonym; an ORG that is the
			// name of a small town is not that town ("Chelsea"), but a city
			// tagged ORG is mostly the city as an actor ("Calgary came first")
			if m.Span == c.span && !big && maxCity < 100000 && !c.locCtx && !c.dateline {
				c.drop = true
				return
			}
			// ... under its own name or a short form of it ("Newcastle"
			// for Newcastle upon Tyne): an organisation named like a town's
			// nickname is not that town ("Google" is not Topeka, which
			// GeoNames also calls Google)
			if m.Span == c.span && !c.locCtx && !c.dateline {
				keep := c.matches[:0:0]
				for _, x := range c.matches {
					if x.Flags&(NamePrimary|NameCurated|NameAbbrev|NameDemonym) != 0 || g.shortFormOf(c.key, x.Entry) {
						keep = append(keep, x)
					}
				}
				if len(keep) == 0 {
					c.drop = true
					return
				}
				c.matches = keep
			}
		}
	}
	// short all-caps words are acronyms unless the gazetteer knows them as codes
	if w.upper && single && len(w.s) <= 4 && !c.dateline {
		if !hasAbbrev {
			c.drop = true
			return
		}
		var keep []Match
		for _, m := range c.matches {
			if m.Flags&NameAbbrev != 0 {
				keep = append(keep, m)
			}
		}
		c.matches = keep
	}
	// a place that names a disease or its virus ("Marburg virus", "Reston ebolavirus")
	if diseaseWords[next] {
		c.drop = true
		return
	}
	// codes and abbreviations must look like one: "ACT" or "Calif.", not
	// "Act"; the tokeniser splits the dot of "Sask." off, and with it the
	// abbreviation is the reading ("Winnipeg, Man." is Manitoba, not Man, WV)
	if !w.upper && single && c.end < len(ws) && ws[c.end].s == "." && ws[c.end].Start == c.span.End && hasAbbrev &&
		(prev == "," || locatives[prev]) {
		var keep []Match
		for _, m := range c.matches {
			if m.Flags&NameAbbrev != 0 {
				keep = append(keep, m)
			}
		}
		c.matches = keep
		c.span.End = ws[c.end].End
		c.locCtx = true // as good as a preposition: no common word ("Man") is written so
	}
	if !w.upper && !strings.Contains(text[c.span.Start:c.span.End], ".") {
		keep := c.matches[:0:0]
		for _, m := range c.matches {
			if m.Flags&NameAbbrev == 0 || m.Flags&NamePrimary != 0 {
				keep = append(keep, m)
			}
		}
		if len(keep) == 0 {
			c.drop = true
			return
		}
		c.matches = keep
	}
	// a bare direction ("West", "Central", "South-West") is an admin area
	// somewhere (Cameroon's West region, Ghana's Central) but in English
	// news a direction or the start of a longer name ("North London",
	// "West Prince", "Central and South America"), whatever the tagger
	// says of it: it needs a qualifier ("Central, Ghana")
	if !hasCountry && !hasRegion && len(c.qual) == 0 && allDirections(ws[c.first:c.end]) {
		bigTown := false // a city by that very name (not an alternate one)
		for _, m := range c.matches {
			if g.kind(m.Entry) == KindCity && m.Flags&NamePrimary != 0 && g.pop(m.Entry) >= 100000 {
				bigTown = true
			}
		}
		if !bigTown {
			c.drop = true
			return
		}
	}
	// a common word opening a sentence ("City agencies that...", "May
	// saw...") is that word, whatever the tagger makes of it
	if single && wf&WordCommon != 0 && w.sentIni && !hasCountry && !c.demonym && !c.locCtx && !c.dateline {
		c.drop = true
		return
	}
	if c.loc || c.actor {
		return
	}
	// a title is not a place: "Secretary", "President"
	if single && wf&WordTitle != 0 && !hasCountry && !hasRegion {
		c.drop = true
		return
	}
	// two-letter words in lower case ("As", "Is") are function words
	if single && !w.upper && len(c.key) <= 2 {
		c.drop = true
		return
	}
	// titles and first names before a single word: "Secretary Rubio", "Marco Rubio"
	if single && !hasCountry && !hasRegion && c.first > 0 {
		p := ws[c.first-1]
		if p.cap && p.letter {
			pf := g.WordFlags(Normalize(p.s))
			if pf&WordTitle != 0 || (pf&WordFirstName != 0 && pf&WordCommon == 0 && len(g.LookupKey(Normalize(p.s))) == 0) {
				c.drop = true
				return
			}
			if strings.HasSuffix(p.s, ".") && (p.s == "Mr." || p.s == "Mrs." || p.s == "Ms." || p.s == "Dr." || p.s == "Gov." || p.s == "Sen." || p.s == "Rep." || p.s == "Gen." || p.s == "Lt." || p.s == "Col." || p.s == "Sgt." || p.s == "Capt.") {
				c.drop = true
				return
			}
		}
		if c.first > 1 && ws[c.first-1].s == "." {
			switch ws[c.first-2].s {
			case "Mr", "Mrs", "Ms", "Dr", "Gov", "Sen", "Rep", "Gen":
				c.drop = true
				return
			}
		}
	}
	// a first name followed by a surname: "Paris Hilton", "Jordan Peterson"
	if single && wf&WordFirstName != 0 && c.end < len(ws) && ws[c.end].cap && ws[c.end].letter {
		nf := g.WordFlags(Normalize(ws[c.end].s))
		if nf&WordSurname != 0 && len(g.LookupKey(Normalize(ws[c.end].s))) == 0 {
			c.drop = true
			return
		}
	}
	// months and weekdays ("in August")
	if single && calendarWords[c.key] && len(c.qual) == 0 {
		c.drop = true
		return
	}
	// a demonym is a country reference unless a locative says otherwise
	// ("Canadian" is not Canadian, Texas)
	if !c.demonym && !c.locCtx {
		var dem []Match
		for _, m := range c.matches {
			if demonymOnly(m.Flags) {
				dem = append(dem, m)
			}
		}
		if len(dem) > 0 {
			c.matches, c.demonym = dem, true
			return
		}
	}
	// a small town's name inside a longer capitalised name ("Food and Drug
	// Administration", "Xinhua News Agency") belongs to that name
	if single && !big && (maxCity < 100000 || !primaryCity) && !c.locCtx && len(c.qual) == 0 && !c.dateline {
		nextCap := c.end < len(ws) && ws[c.end].cap && ws[c.end].letter && !ws[c.end].sentIni
		prevCap := c.first > 0 && ws[c.first-1].cap && ws[c.first-1].letter && !w.sentIni
		if nextCap || prevCap {
			c.drop = true
			return
		}
		// a capitalised first word of a sentence is weak evidence
		if w.sentIni {
			c.drop = true
			return
		}
	}
	// "West Midlands", "Central Africa", "South West England": a direction
	// before a name the gazetteer does not know as a whole; the part it
	// knows is some other place
	if c.first > 0 && directions[strings.ToLower(ws[c.first-1].s)] && ws[c.first-1].cap && !hasCountry && !hasRegion && maxCity < 1000000 &&
		(!hasAdmin1 || wf&WordCommon != 0) {
		c.drop = true
		return
	}
	// small admin areas ("Saint Peter", a parish of Barbados) need support
	if hasAdmin1 && !hasCountry && !hasRegion && maxCity < 50000 && !c.locCtx && len(c.qual) == 0 {
		small := true
		for _, m := range c.matches {
			if g.kind(m.Entry) == KindAdmin1 && g.pop(m.Entry) >= 50000 {
				small = false
			}
		}
		if small {
			c.drop = true
			return
		}
	}
	// common words ("May", "Of", "Nice")
	if single && wf&WordCommon != 0 && !hasCountry && !c.demonym {
		if w.sentIni && !c.locCtx && !c.dateline {
			c.drop = true
			return
		}
		if !big && maxCity < 100000 && !c.locCtx {
			c.drop = true
			return
		}
		if hasAdmin1 && !hasCountry && !c.locCtx && len(c.qual) == 0 {
			c.drop = true // "West", "Centre": admin1 names that are ordinary words
			return
		}
	}
	if !big && !c.demonym {
		// city or district only: small places need support
		need := 1000
		if !primaryCity {
			need = 15000
		}
		if single && wf&WordSurname != 0 {
			need = max(need, 50000)
		}
		if single && wf&WordFirstName != 0 {
			need = max(need, 100000)
		}
		if c.locCtx || c.dateline {
			need /= 10
		}
		if maxCity < need {
			c.drop = true
			return
		}
	}
	// metonymy: a capital standing for its government
	if !c.dateline && !c.actor {
		c.actor = g.isActor(ws, c)
	}
}

// demonymOnly reports whether a name reaches its entry only as a demonym.
func demonymOnly(flags uint8) bool {
	return flags&NameDemonym != 0 && flags&(NamePrimary|NameAbbrev|NameCurated) == 0
}

// isActor reports whether a capital city is used for its government:
// "Washington said", "Washington’s determination", "between Washington and
// Mexico".
func (g *Gazetteer) isActor(ws []word, c *candidate) bool {
	capital := false
	for _, m := range c.matches {
		if g.kind(m.Entry) == KindCity && g.fcode(m.Entry) == "PPLC" && m.Flags&NamePrimary != 0 {
			capital = true
		}
		if g.kind(m.Entry) == KindCountry {
			return false
		}
	}
	if !capital {
		return false
	}
	next := lowerWord(ws, c.end)
	if actorVerbs[next] && c.end < len(ws) && ws[c.end].letter {
		return true
	}
	if isPossessive(next) {
		n2 := lowerWord(ws, c.end+1)
		if n2 != "" && !ws[c.end+1].cap && ws[c.end+1].letter && !locNouns[n2] {
			return true
		}
	}
	// "between Washington and Mexico", "Washington and Beijing"
	prev := lowerWord(ws, c.first-1)
	if prev == "between" || next == "and" || prev == "and" {
		other := -1
		if next == "and" {
			other = c.end + 1
		} else if prev == "and" {
			// find the start of the other conjunct
			other = c.first - 2
		}
		if other >= 0 && other < len(ws) && ws[other].cap {
			for _, m := range g.LookupKey(Normalize(ws[other].s)) {
				k := g.kind(m.Entry)
				if k == KindCountry || (k == KindCity && g.fcode(m.Entry) == "PPLC") {
					return true
				}
			}
		}
	}
	return false
}

// personDiscourse applies one sense per discourse to people: a word the
// text uses as a person's surname ("Marco Rubio", "Secretary Rubio") is
// not a small town elsewhere in the same article.
func (g *Gazetteer) personDiscourse(text string, ws []word, cands []candidate, mentions []doc.Mention) {
	persons := map[string]bool{}
	// the surnames the tagger itself found in full names ("George W Bush"):
	// its LOC tag on the bare surname elsewhere ("the Bush budget") is
	// outweighed
	tagged := map[string]bool{}
	for _, m := range mentions {
		if m.Type != doc.PER || m.Start < 0 || m.End > len(text) {
			continue
		}
		name := text[m.Start:m.End]
		if i := strings.LastIndexByte(name, ' '); i > 0 {
			tagged[Normalize(name[i+1:])] = true
		}
	}
	for i := 1; i < len(ws); i++ {
		w := ws[i]
		if !w.cap || !w.letter {
			continue
		}
		j := i - 1
		if ws[j].s == "." && j > 0 {
			j-- // "F." split into "F" and "."
		}
		initial := false
		if isInitial(ws[j].s) && j > 0 {
			j-- // a middle initial: "George W Bush", "John F. Kennedy"
			initial = true
		}
		p := ws[j]
		if !p.cap || !p.letter {
			continue
		}
		// a first name that is also a place ("George") counts when a
		// middle initial follows it
		pf := g.WordFlags(Normalize(p.s))
		if pf&WordTitle != 0 || (pf&WordFirstName != 0 && pf&WordCommon == 0 && (initial || len(g.LookupKey(Normalize(p.s))) == 0)) {
			persons[Normalize(w.s)] = true
		}
	}
	if len(persons) == 0 {
		return
	}
	for k := range cands {
		c := &cands[k]
		if c.drop || c.end-c.first != 1 || !persons[c.key] || (c.loc && !tagged[c.key]) {
			continue
		}
		big := false
		for _, m := range c.matches {
			if k := g.kind(m.Entry); k == KindCountry || k == KindAdmin1 || k == KindRegion || g.pop(m.Entry) >= 1000000 {
				big = true
			}
		}
		if !big {
			c.drop = true
		}
	}
}

// acronymOf returns the index of the first of the capitalised words before
// the bracket whose initials ws[i], an all-caps word right after "(",
// spells ("Paris Agreement (PA)"), or -1; lower-case connectors between
// them are skipped.
func acronymOf(ws []word, i int) int {
	code := ws[i].s
	j := i - 2 // the word before "("
	from := -1
	for k := len(code) - 1; k >= 0; k-- {
		for j >= 0 && !ws[j].cap && ws[j].letter {
			j-- // "of", "and", "the"
		}
		if j < 0 || !ws[j].cap || ws[j].s[0] != code[k] {
			return -1
		}
		from = j
		j--
	}
	return from
}

// sameEntry reports whether name (looked up whole, with and without a
// leading "the") is a name of one of the entries of ms.
func (g *Gazetteer) sameEntry(name string, ms []Match) bool {
	for _, x := range g.LookupKey(Normalize(name)) {
		for _, m := range ms {
			if x.Entry == m.Entry {
				return true
			}
		}
	}
	return false
}

// smallTownsOnly reports whether every match is a populated place (no
// admin area, country or region) and none that carries the name as its
// own has min people or more (Casablanca is "White House" only in
// translation).
func (g *Gazetteer) smallTownsOnly(ms []Match, min int) bool {
	for _, m := range ms {
		if g.kind(m.Entry) != KindCity || (m.Flags&NamePrimary != 0 && g.pop(m.Entry) >= min) {
			return false
		}
	}
	return true
}

// isInitial reports whether s is a single capital letter, with or without
// its dot ("W", "F.").
func isInitial(s string) bool {
	s = strings.TrimSuffix(s, ".")
	return len(s) == 1 && s[0] >= 'A' && s[0] <= 'Z'
}
