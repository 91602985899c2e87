// Package event codes who did what to whom in each sentence: actors from
// the PETRARCH2/Phoenix dictionaries (plus our curated office holders and
// the user's actors), events from the CAMEO verb patterns, matched over
// words with a light clause segmentation instead of a constituency parse.
// POS tags are used when the syntax stage provides them.
package event

import (
	"strings"
	"time"

	"newsgraph/internal/cameo"
)

// Coded is one event found in a sentence, before it becomes a doc.Event.
type Coded struct {
	Source, Target      string
	SrcSpan, TgtSpan    [2]int // byte spans, {0,0} when none
	Code                string
	Trigger             [2]int
	Status              string
	Reference           bool
	Rule                string
	Confidence          float64
	TargetFromDiscourse bool
	NeedsTarget         bool // verbal event waiting for a discourse target
	// Mirror marks the second half of a paired CAMEO code that restates
	// the same PLOVER event from the recipient's side ([042:043]: the
	// host's side of a visit). PLOVER records one event per interaction,
	// actor to recipient, so its view leaves mirrors out.
	Mirror bool
	// Purpose marks an act named as the purpose of another ("telephoned
	// Kozyrev to discuss ..."): status intent, but nobody announced it,
	// so the PLOVER view (where announced intents are AGREE) leaves it out.
	Purpose bool
	// Verb is the lemma of the trigger verb ("SUE", "RESIGN"): PLOVER
	// splits some CAMEO codes by what was done (see PloverEvent).
	Verb string
	// Background marks an act named by a participle on a noun ("refugees
	// fleeing the war", "a guard involved in a shooting"): it describes
	// a participant, it is not what the sentence reports, so the PLOVER
	// view leaves it out and its confidence is lower.
	Background bool
}

// Options tune the coder.
type Options struct {
	// RequireDyad drops events without a target (PETRARCH's default).
	RequireDyad bool
	// KeepHistorical codes sentences PETRARCH discards as historical
	// ("years ago") and flags their events as references.
	KeepHistorical bool
	// SentenceCountry gives agents with no country in the document the
	// sentence's first country instead of PETRARCH's "---".
	SentenceCountry bool
	// Discourse keeps verbal events without a target for the stage, which
	// takes their target from the previous sentence (or drops them).
	Discourse bool
	// Capitals maps capitals (upper-case words joined by spaces, see
	// LoadCapitals) to their country: a capital acting ("Berlin
	// rejected", "Moscow's offer") is the country's government, a capital
	// after a locative preposition ("in Berlin") stays the country.
	Capitals map[string]string
	// People codes a described or counted plural demonym ("young
	// Algerians", "thousands of Nigerians") as civilians (see counted).
	People bool
	// Background flags acts named by participles on nouns (Coded.Background).
	Background bool
	// Nominal codes talks, meetings and fighting named by a noun with
	// both sides after "between".
	Nominal bool
	// PatternVerbs applies a dictionary pattern annotated with a verb of
	// its block ("# TAKE") to that verb only (see otherVerbs).
	PatternVerbs bool
	// Organisations codes named parties, fronts, movements and brigades
	// the dictionaries do not know by their head noun (see namedOrg).
	Organisations bool
}

// Coder is read-only after construction and safe for concurrent use.
type Coder struct {
	d   *cameo.Dict
	opt Options
	// notes maps a dictionary pattern to the verb its note names ("#
	// TAKE" → TAKE) when that is a verb of its block (PatternVerbs);
	// built once by NewCoder, read-only afterwards
	notes map[*cameo.Pattern]string
}

// NewCoder wraps loaded dictionaries.
func NewCoder(d *cameo.Dict, opt Options) *Coder {
	c := &Coder{d: d, opt: opt, notes: map[*cameo.Pattern]string{}}
	if d != nil && d.Verbs != nil && opt.PatternVerbs {
		for _, b := range d.Verbs.Blocks {
			for _, p := range b.Patterns {
				if n := c.patternNote(p, b); n != "" {
					c.notes[p] = n
				}
			}
		}
	}
	return c
}

// unit is one dictionary match: an actor or an agent.
type unit struct {
	start, end int
	actor      string // actor code (may already carry a type)
	agent      *cameo.Agent
	capital    string // the country whose capital this is ("" if none)
}

// group is an actor noun phrase built from units and glue words.
type group struct {
	start, end int
	code       string
	country    string // the country/actor part ("" for agents only)
	prep       string // preposition governing the phrase, if any
	agentOnly  bool
	comp       int // index of the compound (coordination) it belongs to
	anaphoric  bool
	// agentFirst: "ambassadors of X", the role distributes over "X, Y and Z"
	agentFirst bool
	// capital: the phrase is only a capital, coded as its government;
	// a locative preposition turns it back into the country
	capital bool
}

var (
	talkNouns = set("TALKS", "DISCUSSIONS", "MEETING", "MEETINGS", "NEGOTIATIONS", "VISIT", "CONSULTATIONS")
	pairNouns = set("COUNTRIES", "NATIONS", "SIDES", "GOVERNMENTS", "NEIGHBORS", "NEIGHBOURS", "LEADERS")
)

// anaphoric adds the participants of "the talks" (the last meeting) and of
// "both countries" (the last two countries) as a compound actor.
func (c *Coder) anaphoric(s *sentence) {
	for k := 1; k < len(s.w); k++ {
		if s.gAt[k] >= 0 {
			continue
		}
		w, prev := s.w[k].W, s.w[k-1].W
		var codes []string
		switch {
		case talkNouns[w] && (prev == "THE" || prev == "THESE") && len(s.anaphora) == 2:
			codes = s.anaphora
		case pairNouns[w] && (prev == "BOTH" || prev == "TWO") && len(s.pair) == 2:
			codes = s.pair
		default:
			continue
		}
		var comp []int
		for _, code := range codes {
			g := &group{start: k, end: k + 1, code: code, country: code[:min(3, len(code))], anaphoric: true}
			s.groups = append(s.groups, g)
			comp = append(comp, len(s.groups)-1)
		}
		s.gAt[k] = comp[0]
		// keep groups sorted by start for the compound pass
		sortGroups(s)
	}
}

// sortGroups orders groups by position and rebuilds the word index.
func sortGroups(s *sentence) {
	for i := 1; i < len(s.groups); i++ {
		for j := i; j > 0 && s.groups[j].start < s.groups[j-1].start; j-- {
			s.groups[j], s.groups[j-1] = s.groups[j-1], s.groups[j]
		}
	}
	for i := range s.gAt {
		s.gAt[i] = -1
	}
	for gi, g := range s.groups {
		for k := g.start; k < g.end; k++ {
			if s.gAt[k] < 0 {
				s.gAt[k] = gi
			}
		}
	}
}

// sentence is the per-sentence working state.
type sentence struct {
	w      []word
	groups []*group
	gAt    []int // word index → group index or -1
	comps  [][]int
	verbs  []verbHit
	date   time.Time
	ctx    string // context country for agents without one
	// anaphora: the two sides of the last meeting, for "the talks";
	// pair: the last two countries, for "both countries".
	anaphora, pair []string
	historical     bool // a temporal discard phrase: every event is a reference
	// names: the last word of each person's full name earlier in the
	// document and the code it had there ("President Saddam Hussein" →
	// HUSSEIN: IRQGOV), so that a bare "Hussein" later is that person and
	// not a dictionary namesake (King Hussein, JORGOV).
	names map[string]string
	// ap marks the words of appositives (", a key U.S. ally in the war
	// against terrorism,"): no subject or verb of the sentence is there.
	ap []bool
	// rel marks the words of non-restrictive relative clauses.
	rel []bool
}

type verbHit struct {
	i, end int // head index, end of the multi-word (exclusive)
	start  int // start of multi-word
	v      *cameo.Verb
}

var (
	preps = set("IN", "AT", "ON", "BY", "WITH", "TO", "FROM", "FOR", "AGAINST", "OF", "INTO", "OVER",
		"ABOUT", "BETWEEN", "AMONG", "NEAR", "AFTER", "BEFORE", "DURING", "UNDER", "THROUGH", "ACROSS",
		"TOWARD", "TOWARDS", "WITHIN", "OUTSIDE", "INSIDE", "ALONG", "AROUND", "BEHIND", "BEYOND", "UPON",
		"DESPITE", "VIA", "AMID", "SINCE", "UNTIL", "LIKE")
	dets = set("THE", "A", "AN", "ITS", "THEIR", "HIS", "HER", "OUR", "MY", "YOUR", "THIS", "THESE", "THOSE",
		"'S", "EACH", "EVERY", "ANY", "SOME", "NO", "ANOTHER", "SUCH", "MANY", "SEVERAL", "BOTH", "ALL", "FEW",
		"FURTHER", "NEW", "FIRST", "LAST", "MORE", "MOST", "JOINT", "MAJOR")
	aux = set("IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "HAS", "HAVE", "HAD", "HAVING",
		"WILL", "WOULD", "SHALL", "SHOULD", "MAY", "MIGHT", "CAN", "COULD", "MUST", "DO", "DOES", "DID", "WO", "CA",
		"NOT", "N'T", "NEVER", "ALSO", "STILL", "JUST", "ALREADY", "EVER", "EVEN", "TO", "ABOUT", "REPORTEDLY",
		"REALLY", "CERTAINLY", "MOST", "AGAIN", "NOW", "THEN", "RECENTLY", "JOINTLY", "FINALLY", "GOING",
		"SET", "EXPECTED", "SCHEDULED", "PLANNING", "ONLY", "ALMOST", "NEARLY", "LIKELY", "UNLIKELY", "SOON",
		"REPEATEDLY", "FORMALLY", "OFFICIALLY", "PUBLICLY", "STRONGLY", "SHARPLY", "FIRMLY")
	beForms   = set("IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "GET", "GOT", "GETS")
	negWords  = set("NOT", "N'T", "NEVER", "NO")
	hypoWords = set("MAY", "MIGHT", "COULD", "WOULD", "SHOULD", "MUST", "IF", "UNLESS", "WHETHER")
	futWords  = set("WILL", "SHALL", "GOING", "SCHEDULED", "EXPECTED", "SET", "PLANNED", "ABOUT", "SOON")
	subords   = set("THAT", "WHICH", "WHO", "WHOM", "WHOSE", "WHEN", "WHILE", "BECAUSE", "IF", "ALTHOUGH",
		"THOUGH", "UNLESS", "WHETHER", "WHERE", "WHEREAS")
	conjs      = set("AND", "BUT", "OR", "NOR", "YET")
	intentVerb = set("AGREE", "PROMISE", "PLEDGE", "VOW", "SWEAR", "OFFER", "PLAN", "INTEND", "PREPARE",
		"COMMIT", "AIM", "HOPE", "SEEK", "WANT", "EXPECT", "SCHEDULE")
	negVerb = set("REFUSE", "DECLINE", "FAIL", "REJECT", "DENY", "RESIST", "CANCEL", "AVOID")
	// words the verb dictionary lists that news uses as prepositions
	notVerb  = set("FOLLOWING", "INCLUDING", "ACCORDING", "REGARDING", "CONCERNING", "DURING", "PENDING", "GIVEN", "EXCEPT")
	pronoun  = set("HE", "SHE", "IT", "THEY", "WE", "I", "YOU", "WHO", "WHICH", "THAT", "BOTH")
	refWords = set("RECENT", "PREVIOUS", "PAST", "EARLIER", "FORMER", "PRIOR", "LAST")
	notGlue  = set("AND", "OR", "BUT", "WITH", "TO", "ON", "AT", "BY", "FOR", "AGAINST", "THAT", "WHICH",
		"WHO", "AS", "IS", "ARE", "WAS", "WERE", "HAS", "HAVE", "HAD", "WILL", "WOULD", "SAID", "SAYS", "SAY",
		"NOT", "N'T", "IT", "HE", "SHE", "THEY", "WE", "I", "YOU", "BETWEEN", "AFTER", "BEFORE", "WHEN",
		"WHILE", "SINCE", "DURING", "INTO", "OVER", "ABOUT", "THAN", "ALMOST", "SEVERAL", "NEAR", "UNDER",
		"IF", "BECAUSE", "ALTHOUGH", "ALSO", "NOW", "THEN", "BE", "BEEN", "CAN", "COULD", "MAY", "MIGHT",
		"SHOULD", "MUST", "DO", "DOES", "DID", "ALONG", "THROUGH", "ACROSS", "AMID", "DESPITE", "UPON",
		// prepositions and subordinators end a noun phrase ("moved
		// troops toward the Kuwaiti border" is no Kuwaiti troops), and so
		// do the particles of phrasal verbs ("the United States cut off
		// military aid")
		"TOWARD", "TOWARDS", "AMONG", "WITHIN", "OUTSIDE", "INSIDE", "BEYOND", "BEHIND", "AROUND", "VIA",
		"UNTIL", "UNLESS", "WHERE", "WHOSE", "OFF", "OUT", "UP", "DOWN", "AWAY", "BACK")
)

// pluralDemonym: "ALGERIANS", "ISRAELIS" (the dictionaries list singulars).
func pluralDemonym(w string) bool {
	// "-ANS", "-IS", and other plurals whose singular the dictionaries
	// list ("CROATS", "POLES", "GREEKS"); the caller checks the singular
	return len(w) > 4 && strings.HasSuffix(w, "S") && !strings.HasSuffix(w, "SS") && !strings.HasSuffix(w, "'S")
}

// countryPart is the country block of an actor code, kept whole for the
// Phoenix codes of a country within a union ("SCGSRB", Serbia in Serbia and
// Montenegro): "Serbian workers" is SCGSRB + LAB, not SCG + LAB.
func countryPart(code string) string {
	if len(code) >= 6 && code[:3] == "SCG" {
		switch code[3:6] {
		case "SRB", "MNE", "KOS":
			return code[:6]
		}
	}
	return code[:min(3, len(code))]
}

// reportingClause reports a comma-only join whose second group is the
// subject of a reporting verb: "They condemned Israel, Egyptian
// officials said" lists nothing.
func (c *Coder) reportingClause(s *sentence, from int, g *group) bool {
	for k := from; k < g.start; k++ {
		if conjs[s.w[k].W] {
			return false
		}
	}
	k := g.end
	if k < len(s.w) && s.w[k].W == "(" {
		// an abbreviation in parentheses: "the World Food Program
		// (WFP) said"
		for j := k + 1; j < len(s.w) && j <= k+5; j++ {
			if s.w[j].W == ")" {
				k = j + 1
				break
			}
		}
	}
	if k >= len(s.w) {
		return false
	}
	switch s.w[k].W {
	case "SAID", "SAYS", "SAY", "ANNOUNCED", "ADDED", "REPORTED", "TOLD", "STATED", "WARNED", "CLAIMED", "INSISTED":
		return true
	}
	return false
}

// according reports "according to X": the comma after X closes the
// attribution, it does not list X with the next actor ("According to
// police, gunmen killed four people").
func according(s *sentence, start int) bool {
	k := start - 1
	for k >= 0 && dets[s.w[k].W] {
		k--
	}
	return k >= 1 && s.w[k].W == "TO" && s.w[k-1].W == "ACCORDING"
}

// civilians is the role of a described or counted crowd of nationals.
var civilians = &cameo.Agent{Name: "PEOPLE", Code: "CVL"}

// counted reports whether the plural demonym at i is described or
// counted ("young Algerians", "thousands of Nigerians", "Bosnian Serbs",
// "500 Iraqis"): those are some of the country's people, civilians
// (CVL), while a bare "Palestinians blamed Israel" stands for the
// country's side.
func (c *Coder) counted(s *sentence, i int) bool {
	if i == 0 {
		return false
	}
	p := s.w[i-1]
	switch {
	case p.Punct || dets[p.W] || preps[p.W] && p.W != "OF" || conjs[p.W]:
		return false
	case p.W == "OF":
		return quantifier(s, i-1)
	case number(p.W) || p.W == "SOME" || p.W == "MANY" || p.W == "SEVERAL":
		return true
	case p.Cap && i > 1:
		// "Bosnian Serbs": a demonym before the people
		return demonym(p.W)
	}
	// a lower-case adjective ("young", "angry", "ordinary")
	return !notGlue[p.W] && !c.isVerbWord(p.W) && !aux[p.W] && !strings.HasSuffix(p.W, "LY")
}

// oneWordRole reports whether the word at k is a group of its own made
// of a role alone ("military" in "military aid").
func oneWordRole(s *sentence, k int) bool {
	gi := s.gAt[k]
	if gi < 0 {
		return false
	}
	g := s.groups[gi]
	return g.agentOnly && g.start == k && g.end == k+1
}

// baseForm reports a word without verb inflection (-ED, -ING, -S).
func baseForm(w string) bool {
	return !strings.HasSuffix(w, "ED") && !strings.HasSuffix(w, "ING") && !(strings.HasSuffix(w, "S") && !strings.HasSuffix(w, "SS"))
}

// regionCodes are the Phoenix lists' codes for regions and "international"
// (not ISO-3 countries), which PLOVER's actor scheme does not have.
var regionCodes = set("INT", "MEA", "SAS", "WEU", "SEA", "EAF", "LAM", "ASA", "AFR", "SAF", "EUR", "EEU",
	"CAS", "WAF", "SAM", "NAF", "CFR", "NMR")

// namedCountry is the country a group's own name names ("Palestinian
// Islamic Jihad", a regional MEAREB in the dictionary, is Palestinian;
// "Egyptian Islamic Jihad" Egyptian), or region when no word is a
// country.
func (c *Coder) namedCountry(words []string, s *sentence, region string) string {
	for _, w := range words {
		a, n := c.d.Actors.Longest([]string{w})
		if a == nil || n != 1 {
			continue
		}
		if code := a.CodeAt(s.date); len(code) == 3 && !regionCodes[code] && code != "IGO" && code != "NGO" && code != "IMG" && code != "MNC" {
			return code
		}
	}
	return region
}

// residents reads "of/in [southern ...] X" after a plural demonym of
// country own: X's country and the end of the phrase when X is a
// country (or a place the dictionary codes as one) other than own.
func (c *Coder) residents(s *sentence, words []string, k int, own string) (string, int) {
	if k >= len(words) || words[k] != "OF" && words[k] != "IN" {
		return "", 0
	}
	k++
	for j := 0; j < 2 && k < len(words) && !s.w[k].Cap && !s.w[k].Punct && (compass[words[k]] || words[k] == "THE"); j++ {
		k++
	}
	if k >= len(words) || !s.w[k].Cap {
		return "", 0
	}
	a, n := c.longestActor(words, k)
	if a == nil || n == 0 {
		return "", 0
	}
	code := a.CodeAt(s.date)
	if len(code) == 6 && countryPart(code) == code {
		return code, k + n // Serbia within Serbia and Montenegro (SCGSRB)
	}
	if len(code) != 3 || code == own || regionCodes[code] || code == "IGO" || code == "NGO" || code == "IMG" || code == "MNC" {
		return "", 0
	}
	return code, k + n
}

// compass words locate a part of a country.
var compass = set("SOUTHERN", "NORTHERN", "EASTERN", "WESTERN", "CENTRAL", "NORTH", "SOUTH", "EAST", "WEST",
	"NORTHEASTERN", "NORTHWESTERN", "SOUTHEASTERN", "SOUTHWESTERN")

// placeWords are the prepositions that make a country or city the
// place of the act ("in Cairo", "near the town of", "from Gondor").
var placeWords = set("IN", "AT", "NEAR", "FROM", "INSIDE", "WITHIN", "OUTSIDE", "AROUND")

// placeCountry is the country of the sentence's first place phrase: a
// country or city actor right after a place preposition (a determiner
// may come between), or "".
func placeCountry(s *sentence) string {
	for _, g := range s.groups {
		if g.agentOnly || len(g.country) != 3 || g.country == "IGO" || g.country == "NGO" || g.start == 0 {
			continue
		}
		k := g.start - 1
		if k > 0 && s.w[k].W == "THE" {
			k--
		}
		if !placeWords[s.w[k].W] {
			continue
		}
		if g.country == "SCG" {
			return countryPart(g.code)
		}
		return g.country
	}
	return ""
}

// demonym guesses whether a word is a nationality adjective.
func demonym(w string) bool {
	for _, suf := range []string{"AN", "ISH", "ESE", "I", "IC", "CH", "EK", "SS"} {
		if strings.HasSuffix(w, suf) && len(w) > 4 {
			return true
		}
	}
	return false
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// CodeSentence codes one sentence given as words. ctx is the context
// country for agents without one ("" gives PETRARCH's "---").
func (c *Coder) codeWords(s *sentence) []Coded {
	if discard, temporal := c.discarded(s.w); discard {
		if !(temporal && c.opt.KeepHistorical) {
			return nil
		}
		s.historical = true
	}
	c.findGroups(s)
	c.findVerbs(s)
	return c.events(s)
}

// discarded reports whether a discard phrase occurs in the sentence, and
// whether it is a temporal one ("years ago", "months later"), which
// PETRARCH discards but which marks background events for us.
func (c *Coder) discarded(w []word) (discard, temporal bool) {
	if c.d.Discards == nil {
		return false, false
	}
	words := make([]string, len(w))
	for i := range w {
		words[i] = w[i].W
	}
	for i := range words {
		if _, n := c.d.Discards.Trie.Longest(words[i:]); n > 0 {
			last := words[i+n-1]
			if c.opt.KeepHistorical && (n == 1 && year(last) || words[i] == "WORLD" && n > 2 && words[i+1] == "WAR") {
				// PETRARCH drops any sentence naming 1914-1951 or a
				// world war; the year usually dates a background event
				// ("suspected of blowing up a plane in 1988"), not the
				// sentence's own, which the stage marks as references
				continue
			}
			return true, last == "AGO" || last == "LATER" || last == "EARLIER"
		}
	}
	return false, false
}

// quantityNouns head a quantity phrase: "hundreds of people", "a group
// of diplomats" acts through its "of" phrase.
var quantityNouns = set("HUNDREDS", "THOUSANDS", "DOZENS", "MILLIONS", "SCORES", "TENS", "GROUP", "GROUPS",
	"NUMBER", "CROWD", "CROWDS", "BAND", "COUPLE")

// quantifier reports whether the preposition at k only counts the phrase
// after it: "up to 100 Albanians", "about 200 students", "hundreds of
// people". The phrase is then no prepositional object.
func quantifier(s *sentence, k int) bool {
	w := s.w[k].W
	if w == "OF" {
		return k > 0 && quantityNouns[s.w[k-1].W]
	}
	if k+1 >= len(s.w) || !number(s.w[k+1].W) {
		return false
	}
	switch w {
	case "TO":
		return k > 0 && s.w[k-1].W == "UP"
	case "ABOUT", "AROUND", "OVER", "NEARLY", "ALMOST":
		return true
	}
	return false
}

// number reports a numeral ("100", "2,000") or a number word.
func number(w string) bool {
	switch w {
	case "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN", "TWELVE", "TWENTY", "FIFTY",
		"HUNDRED", "HUNDREDS", "THOUSAND", "THOUSANDS", "DOZEN", "DOZENS":
		return true
	}
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

// year reports a four-digit year.
func year(w string) bool {
	if len(w) != 4 {
		return false
	}
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// findGroups matches actors and agents and builds noun phrases.
func (c *Coder) findGroups(s *sentence) {
	n := len(s.w)
	words := make([]string, n)
	for i := range s.w {
		words[i] = s.w[i].W
	}
	var units []unit
	for i := 0; i < n; {
		if s.w[i].Punct {
			i++
			continue
		}
		var a *cameo.Actor
		an := 0
		people := false
		if c.d.Actors != nil {
			a, an = c.longestActor(words, i)
			if an == 0 && s.w[i].Cap && pluralDemonym(words[i]) {
				// "Algerians", "Israelis": the people of a country
				one := append([]string{words[i][:len(words[i])-1]}, words[i+1:]...)
				a, an = c.d.Actors.Longest(one)
				if an == 1 && c.opt.People && c.counted(s, i) {
					people = true
				}
			} else if an == 1 && s.w[i].Cap && pluralDemonym(words[i]) && c.opt.People && c.counted(s, i) {
				// the dictionary lists some plurals itself
				// ("Palestinians"): counted, they are people too
				if one, n1 := c.d.Actors.Longest([]string{words[i][:len(words[i])-1]}); n1 == 1 && one.CodeAt(s.date) == a.CodeAt(s.date) && len(a.CodeAt(s.date)) == 3 {
					people = true
				}
			}
		}
		var ag any
		gn := 0
		if c.d.Agents != nil {
			ag, gn = c.d.Agents.Trie.Longest(words[i:])
		}
		switch {
		case an > 0 && an >= gn:
			code := a.CodeAt(s.date)
			if nc := s.names[words[i]]; an == 1 && nc != "" && s.w[i].Cap && len(code) > 3 {
				// a bare surname is the person the document named in
				// full, not the dictionary's namesake; a country name
				// (a bare three-letter code) is never a surname
				code = nc
			}
			if code == "" || code == "---" {
				i += an
				continue
			}
			if c.opt.Organisations && len(code) >= 3 && regionCodes[code[:3]] {
				code = c.namedCountry(words[i:i+an], s, code[:3]) + code[3:]
			}
			u := unit{start: i, end: i + an, actor: code}
			if cc := c.capitalAt(words[i : i+an]); cc != "" && cc == code {
				u.capital = cc
			}
			if gn > 0 && gn < an {
				// "President Boris Yeltsin" as one dictionary name: the
				// title still gives the role (role first)
				u.agent = ag.(*cameo.Agent)
			}
			if people {
				u.agent = civilians
			}
			if c.opt.People && an == 1 && len(code) == 3 && s.w[i].Cap && pluralDemonym(words[i]) {
				// "the Albanians of southern Serbia": a people living
				// in another country are that country's civilians
				// (PLOVER and GDELT keep the ethnicity apart)
				if cc, end := c.residents(s, words, i+1, code); cc != "" {
					u = unit{start: i, end: end, actor: cc, agent: civilians}
					units = append(units, u)
					i = end
					continue
				}
			}
			units = append(units, u)
			i += an
		case gn > 0:
			units = append(units, unit{start: i, end: i + gn, agent: ag.(*cameo.Agent)})
			i += gn
		case s.names[words[i]] != "" && s.w[i].Cap && (i == 0 || !s.w[i-1].Cap || s.w[i-1].Punct) && (i+1 >= n || !s.w[i+1].Cap):
			// a surname alone ("Rubio said") after the full name
			// ("U.S. Secretary of State Marco Rubio") earlier
			units = append(units, unit{start: i, end: i + 1, actor: s.names[words[i]]})
			i++
		default:
			if c.opt.Organisations {
				from := 0
				if len(units) > 0 {
					from = units[len(units)-1].end
				}
				if st, ag := namedOrg(s, from, i); ag != nil {
					units = append(units, unit{start: st, end: i + 1, agent: ag})
				}
			}
			i++
		}
	}
	s.gAt = make([]int, n)
	for i := range s.gAt {
		s.gAt[i] = -1
	}
	var cur []unit
	flush := func() {
		if len(cur) == 0 {
			return
		}
		g := c.combine(s, cur)
		s.groups = append(s.groups, g)
		for k := g.start; k < g.end; k++ {
			s.gAt[k] = len(s.groups) - 1
		}
		cur = nil
	}
	for _, u := range units {
		if len(cur) > 0 {
			last := cur[len(cur)-1]
			if !c.glued(s, cur, last.end, u) {
				flush()
			}
		}
		cur = append(cur, u)
	}
	flush()
	// names right after a group (agent + personal name) belong to it
	for gi, g := range s.groups {
		k := g.end
		for k < n && s.w[k].Cap && !s.w[k].Punct && s.gAt[k] < 0 && !notGlue[s.w[k].W] && !c.isVerbWord(s.w[k].W) && k-g.end < 3 && k > 0 {
			s.gAt[k] = gi
			k++
		}
		g.end = k
	}
	// agents with no country anywhere before them and no document
	// context take the sentence's first country ("President Bouteflika
	// threatened a curfew in Algiers")
	if s.ctx == "" {
		first := ""
		for _, g := range s.groups {
			if !g.agentOnly && len(g.country) == 3 && g.country != "IGO" && g.country != "NGO" {
				first = g.country
				if first == "SCG" {
					first = countryPart(g.code)
				}
				break
			}
		}
		if pc := placeCountry(s); pc != "" {
			// "Police arrested two Italian tourists in Cairo": the
			// place where the act happened says more about whose
			// police (gunmen, troops) than another actor's nationality
			first = pc
		}
		if first != "" {
			for _, g := range s.groups {
				if g.agentOnly && strings.HasPrefix(g.code, "---") && c.opt.SentenceCountry {
					g.code = first + g.code[3:]
					g.country = first[:3]
				}
			}
		}
	}
	c.anaphoric(s)
	// preposition governing each group
	for _, g := range s.groups {
		k := g.start - 1
		mods := 0
		for k >= 0 && ((dets[s.w[k].W] && s.w[k].W != "'S") || (mods < 2 && !s.w[k].Punct && !s.w[k].Cap &&
			!notGlue[s.w[k].W] && !preps[s.w[k].W] && !c.isVerbWord(s.w[k].W))) {
			if !dets[s.w[k].W] {
				mods++
			}
			k--
		}
		if k >= 0 && preps[s.w[k].W] && !quantifier(s, k) {
			g.prep = s.w[k].W
		}
		if g.capital && locative[g.prep] {
			g.code = g.country
		}
	}
	// compounds: groups joined by commas / AND with only modifiers between
	s.comps = nil
	for gi, g := range s.groups {
		if gi > 0 {
			prev := s.groups[gi-1]
			if g.anaphoric && prev.anaphoric && prev.start == g.start {
				g.comp = prev.comp
				s.comps[g.comp] = append(s.comps[g.comp], gi)
				continue
			}
			if c.coordinated(s, prev.end, g.start) && !according(s, prev.start) && !c.reportingClause(s, prev.end, g) {
				g.comp = prev.comp
				s.comps[g.comp] = append(s.comps[g.comp], gi)
				if first := s.groups[s.comps[g.comp][0]]; first.agentFirst && len(first.code) > 3 && len(g.code) == 3 && !g.agentOnly {
					g.code += first.code[3:]
				}
				// "Hungarian and Romanian officials": the head's role
				// distributes over the bare demonyms before it
				if len(g.code) > 3 && !g.agentOnly && len(g.country) == 3 {
					for _, pj := range s.comps[g.comp] {
						pg := s.groups[pj]
						if len(pg.code) == 3 && pg.end-pg.start == 1 && demonym(s.w[pg.start].W) {
							pg.code += g.code[3:]
						}
					}
				}
				if g.agentOnly && !prev.agentOnly && prev.country != "" {
					g.country = prev.country
					g.code = prev.country + g.code[3:]
				}
				if !g.agentOnly && len(g.country) == 3 && len(g.code) >= 3 && g.country != "IGO" && g.country != "NGO" {
					// "a supertanker and four Iranian oil sites": a
					// listed agent without a country of its own is of
					// the country the list names, not of the context
					for _, pj := range s.comps[g.comp] {
						if pg := s.groups[pj]; pg.agentOnly && len(pg.code) > 3 && !strings.HasPrefix(pg.code, "---") && pg.code[:3] != g.code[:3] {
							pg.code = g.code[:3] + pg.code[3:]
							pg.country = g.code[:3]
						}
					}
				}
				continue
			}
		}
		g.comp = len(s.comps)
		s.comps = append(s.comps, []int{gi})
	}
}

// coordinated: the words between two groups are only ',', AND, THE and
// lower-case modifiers, with at least one ',' or AND.
func (c *Coder) coordinated(s *sentence, from, to int) bool {
	if to-from > 4 || to <= from {
		return false
	}
	joined := false
	for k := from; k < to; k++ {
		w := s.w[k].W
		switch {
		case w == "," || w == "AND" || w == "NOR" || w == "OR":
			joined = true
		case (w == "A" || w == "AN") && k > from && s.w[k-1].W == ",":
			// "Pakistan, a key U.S. ally": an appositive, not a list
			return false
		case w == "THE" || w == "ITS":
		case !s.w[k].Punct && !s.w[k].Cap && !notGlue[w] && !c.isVerbWord(w):
		default:
			return false
		}
	}
	return joined
}

// glued: may unit u join the group being built (which ends at end)?
func (c *Coder) glued(s *sentence, cur []unit, end int, u unit) bool {
	gap := u.start - end
	if gap == 0 {
		return true
	}
	if gap > 3 {
		return false
	}
	hasActor := false
	for _, x := range cur {
		if x.actor != "" {
			hasActor = true
		}
	}
	for k := end; k < u.start; k++ {
		w := s.w[k].W
		switch {
		case w == "'S" || w == "THE" || w == "A" || w == "AN" || w == "FORMER":
		case w == "OF" && k > end && memberOrg[s.w[k-1].W] && s.w[k-1].Cap && u.actor == "" && u.agent != nil && s.w[u.start].Cap:
			// "the Nigerian Union of Teachers": a body named after its
			// members has their sector
		case w == "OF" || w == "IN" || w == "FROM":
			// "government of X", "activists in X", "soldiers from X"
			if hasActor || u.actor == "" {
				return false
			}
		case w == "AND" && k > end && k+1 < u.start && !s.w[k-1].Cap && !s.w[k+1].Cap && s.w[end].W == "'S":
			// "Ithilen's awful and evil minister"
		case s.w[k].Punct || notGlue[w] || c.isVerbWord(w) || possessive[w] ||
			len(w) > 4 && strings.HasSuffix(w, "ED") && !strings.Contains(w, "-") && s.w[k].POS != "JJ":
			// a past form the dictionary lacks ("Iraq massed troops")
			// ends the phrase too
			// "Russia put its nuclear forces": a possessive opens
			// another noun phrase
			return false
		}
	}
	return true
}

// Sectors of organisations named by their head noun (namedOrg).
var (
	opposition = &cameo.Agent{Name: "PARTY", Code: "OPP"}
	rebels     = &cameo.Agent{Name: "FRONT", Code: "REB"}
)

// orgHeads are the head nouns of named political organisations. A party
// the 2014 dictionaries do not know is coded as opposition: the Phoenix
// lists code every party they name OPP or by its armed wing (they have no
// PTY), and ruling parties are the ones they already know.
// partyWords name festive, not political, parties.
var partyWords = set("CHRISTMAS", "EVE", "NEW", "YEAR", "YEARS", "BIRTHDAY", "HALLOWEEN", "EASTER", "WEDDING", "TEA",
	"LAUNCH", "OSCAR", "OSCARS", "GRAMMY", "GRAMMYS", "BAFTA", "BAFTAS", "UP")

var orgHeads = set("PARTY", "FRONT", "MOVEMENT", "BRIGADE", "BRIGADES")

// armedWords in an organisation's name make it an armed group (REB):
// "Islamic Liberation Front", "Martyrs Brigades", "Resistance Movement".
var armedWords = set("LIBERATION", "RESISTANCE", "REVOLUTIONARY", "ARMED", "JIHAD", "MARTYRS", "MILITIA",
	"GUERRILLA", "INSURGENT", "REBEL", "MUJAHIDEEN")

// namedOrg recognises an organisation the dictionaries lack at head word
// i, named by capitalised words before it ("the Umma (Nation) party",
// "the Homeland Front", "the Serbian Radical Party" after the country's
// unit): it returns the first word of the name and the sector agent, or
// nil. Words before from belong to another unit. The country comes from
// the sentence or the document, as for any agent.
func namedOrg(s *sentence, from, i int) (int, *cameo.Agent) {
	// Union, Alliance, Coalition and "the X group" are left out: in news
	// they name rugby unions, insurers, trade unions and companies ("the
	// Lagardere group") as often as political bodies (BBC corpus).
	if !orgHeads[s.w[i].W] {
		return 0, nil
	}
	st, names, depth := i, 0, 0
	for k := i - 1; k >= from; k-- {
		w := s.w[k]
		switch {
		case w.W == ")":
			depth++
		case w.W == "(" && depth > 0:
			depth--
		case depth > 0:
		case w.Cap && !w.Punct && !notGlue[w.W] && !dets[w.W] && !preps[w.W] && !partyWords[w.W]:
			// "In front of", "a Christmas party" are no names
			names++
		default:
			k = -1
			continue
		}
		st = k
	}
	if names == 0 || depth != 0 {
		return 0, nil
	}
	ag := opposition
	// "the ruling Justice Party": the modifier before the name counts too
	for k := max(st-1, 0); k <= i; k++ {
		switch w := s.w[k].W; {
		case w == "RULING" || w == "GOVERNING":
			return 0, nil
		case armedWords[w]:
			ag = rebels
		}
	}
	if (s.w[i].W == "BRIGADE" || s.w[i].W == "BRIGADES") && ag != rebels {
		// "the Fire Brigades": a brigade is armed only by its name
		return 0, nil
	}
	return st, ag
}

// singularNP reports whether the plural noun at k sits in a noun phrase
// opened by A/AN ("a suspected weapons supply"), with only lower-case
// modifiers between; quantities ("a few soldiers", "a dozen rebels", "a
// number of") open plural phrases and do not count.
func (c *Coder) singularNP(s *sentence, k int) bool {
	for j := k - 1; j >= 0 && k-j <= 4; j-- {
		w := s.w[j]
		switch {
		case w.W == "A" || w.W == "AN":
			return true
		case w.Punct || w.Cap && j > 0 || quantityWords[w.W] || number(w.W) || preps[w.W] || dets[w.W] || conjs[w.W] ||
			aux[w.W] || pronoun[w.W] || c.isVerbWord(w.W) && !strings.HasSuffix(w.W, "ED") || s.gAt[j] >= 0:
			// a participle between ("a suspected weapons supply") is
			// an adjective
			return false
		}
	}
	return false
}

var quantityWords = set("FEW", "DOZEN", "DOZENS", "HUNDRED", "HUNDREDS", "THOUSAND", "THOUSANDS", "MILLION", "NUMBER",
	"COUPLE", "LOT", "GROUP", "HANDFUL", "SERIES", "TOTAL", "MAJORITY", "SCORE", "SCORES")

// transnational reports whether the agent phrase at st names a body of
// members from a whole region ("the Association of African Jurists",
// "the International Federation of Journalists"): a non-governmental
// organisation, not a body of the sentence's country.
func transnational(s *sentence, st int) bool {
	k := st - 1
	region := false
	if k >= 0 && regionWords[s.w[k].W] {
		region = true
		k--
	}
	if k < 1 || s.w[k].W != "OF" || !memberOrg[s.w[k-1].W] || !s.w[k-1].Cap {
		return false
	}
	return region || k >= 2 && regionWords[s.w[k-2].W]
}

var regionWords = set("INTERNATIONAL", "WORLD", "GLOBAL", "AFRICAN", "PAN-AFRICAN", "ARAB", "ASIAN", "EUROPEAN",
	"LATIN", "CARIBBEAN", "PACIFIC", "INTER-AMERICAN")

// longestActor is the longest actor name at words[i], also read
// without the apostrophe of a plural possessive, which the tokeniser
// splits off and the dictionaries spell without it ("Kurdistan Workers'
// Party" is +KURDISTAN_WORKERS_PARTY).
func (c *Coder) longestActor(words []string, i int) (*cameo.Actor, int) {
	a, an := c.d.Actors.Longest(words[i:])
	apos := false
	for k := i + 1; k < len(words) && k-i < 8; k++ {
		if words[k] == "'" && strings.HasSuffix(words[k-1], "S") {
			apos = true
			break
		}
	}
	if !apos {
		return a, an
	}
	var short []string
	var at []int // at[k]: index in words of short[k]
	for k := i; k < len(words) && k-i < 8; k++ {
		if words[k] == "'" && k > i && strings.HasSuffix(words[k-1], "S") {
			continue
		}
		short = append(short, words[k])
		at = append(at, k)
	}
	if len(short) == min(len(words)-i, 8) {
		return a, an
	}
	b, bn := c.d.Actors.Longest(short)
	if bn == 0 || at[bn-1]+1-i <= an {
		return a, an
	}
	return b, at[bn-1] + 1 - i
}

// memberOrg nouns name bodies after their members ("Union of
// Teachers", "Association of Jurists").
var memberOrg = set("UNION", "ASSOCIATION", "FEDERATION", "CONFEDERATION", "SYNDICATE", "GUILD", "SOCIETY",
	"CONGRESS", "COUNCIL", "LEAGUE", "ORDER")

var possessive = set("ITS", "THEIR", "HIS", "HER", "OUR", "MY", "YOUR")

// isVerbWord reports whether w is a verb form of the dictionary or an
// auxiliary: such words end noun phrases.
func (c *Coder) isVerbWord(w string) bool {
	if aux[w] && w != "ABOUT" && w != "SET" {
		return true
	}
	vs, ok := c.d.Verbs.Forms[w]
	if ok && (strings.HasSuffix(w, "ED") || strings.HasSuffix(w, "ING") || strings.HasSuffix(w, "S") && !strings.HasSuffix(w, "SS")) {
		return true
	}
	// an irregular past form of a one-word verb ("HELD", "SENT", "MET")
	for _, v := range vs {
		if v.Form == w && v.Lemma != w && len(v.Before) == 0 && len(v.After) == 0 && !strings.Contains(v.Lemma, "_") {
			return true
		}
	}
	return false
}

// combine builds a group's code from its units: prefixes (NGO~), the
// actor, then suffix agents (GOV), FORMER turning agents into ELI.
func (c *Coder) combine(s *sentence, us []unit) *group {
	g := &group{start: us[0].start, end: us[len(us)-1].end}
	g.agentFirst = us[0].agent != nil && !us[0].agent.Prefix && len(us) > 1
	var pre, actor, person string
	var suf []string
	former := false
	for k := g.start; k < g.end; k++ {
		if s.w[k].W == "FORMER" {
			former = true
		}
	}
	if g.start > 0 && s.w[g.start-1].W == "FORMER" {
		former = true
	}
	for _, u := range us {
		switch {
		case u.actor != "" && u.agent != nil && !u.agent.Prefix:
			if actor == "" {
				actor = countryPart(u.actor)
			}
			suf = append(suf, u.agent.Code)
		case u.actor != "" && actor == "":
			actor = u.actor
		case u.actor != "":
			// a second actor in the phrase: a person of the same country
			// with a fuller code ("U.S. Secretary of State Marco Rubio":
			// USA then USAGOV) refines it; otherwise keep the first, it
			// names the organisation ("Amnesty International ... Gondor")
			if len(u.actor) > len(actor) && strings.HasPrefix(u.actor, actor) {
				person = u.actor
			}
		case u.agent.Prefix:
			pre += u.agent.Code
		default:
			suf = append(suf, u.agent.Code)
		}
	}
	if former && len(suf) > 0 {
		suf = []string{"ELI"}
	}
	// role first: "Russian President Boris Yeltsin" is RUS+GOV as the
	// text says, whatever the dictionary's dated code for the person; the
	// person's code counts only when no role is given
	if person != "" && len(suf) == 0 && pre == "" {
		actor = person
	}
	if len(actor) == 6 && len(suf) > 0 && !former && len(us) > 1 && us[0].actor == "" {
		// "President Bush" (USAELI in the dictionary at this date): the
		// title in the text gives the role
		actor = countryPart(actor)
	}
	if actor == "" {
		g.agentOnly = true
		country := s.ctx
		// within a sentence the last actor's country comes first
		for i := len(s.groups) - 1; i >= 0; i-- {
			pg := s.groups[i]
			if pg.agentOnly || len(pg.country) != 3 || pg.country == "IGO" || pg.country == "NGO" {
				continue
			}
			// a place in a prepositional phrase ("in Paris, President
			// Kirchner") does not give the agent its country
			k := pg.start - 1
			for k >= 0 && dets[s.w[k].W] {
				k--
			}
			if k >= 0 && preps[s.w[k].W] {
				continue
			}
			country = pg.country
			if country == "SCG" {
				country = countryPart(pg.code)
			}
			break
		}
		if c.opt.Organisations && transnational(s, g.start) {
			country = "NGO"
		}
		if country == "" {
			country = "---"
		}
		code := country
		for _, x := range suf {
			if !strings.HasSuffix(code, x) {
				code += x
			}
		}
		if len(suf) == 0 && pre != "" {
			code = pre + country
		} else {
			code = pre + code
		}
		g.code = code
		g.country = ""
		if country != "---" {
			g.country = country[:min(3, len(country))]
		}
		return g
	}
	if len(us) == 1 && us[0].capital != "" && pre == "" && len(suf) == 0 {
		g.code = us[0].capital + "GOV"
		g.country = us[0].capital
		g.capital = true
		return g
	}
	code := actor
	org := strings.HasPrefix(actor, "IGO") || strings.HasPrefix(actor, "NGO") || strings.HasPrefix(actor, "IMG")
	for _, x := range suf {
		if len(actor) > len(countryPart(actor)) && !former && !org {
			// a full dictionary code keeps its role ("USAGOV official")
			break
		}
		// an organisation's code names the body, not a role: "Arab
		// League Secretary General" is IGOMEAARL + GOV, "UN peacekeepers"
		// IGOUNO + MIL
		if !strings.Contains(code[min(3, len(code)):], x) {
			code += x
		}
	}
	g.code = pre + code
	g.country = actor[:min(3, len(actor))]
	return g
}

// appositives marks ", a key U.S. ally in the war," after an actor: an
// appositive noun phrase holds no verb of the sentence. A span with a
// finite-looking verb (", the White House announced") is a clause instead.
func (c *Coder) appositives(s *sentence) []bool {
	ap := make([]bool, len(s.w))
	for _, g := range s.groups {
		k := g.end
		if k+1 >= len(s.w) || s.w[k].W != "," || !(s.w[k+1].W == "A" || s.w[k+1].W == "AN" || s.w[k+1].W == "THE") {
			continue
		}
		end := -1
		for j := k + 1; j < len(s.w) && j < k+16; j++ {
			w := s.w[j].W
			if w == "," || w == "." || w == ";" {
				end = j
				break
			}
			if _, ok := c.d.Verbs.Forms[w]; ok && s.gAt[j] < 0 {
				finite := strings.HasSuffix(w, "ED") || (strings.HasSuffix(w, "S") && !strings.HasSuffix(w, "SS")) ||
					!strings.HasSuffix(w, "ING") && c.isVerbWord(w) // irregular pasts: ", the army chief said"
				if p := s.w[j].POS; p != "" {
					finite = p == "VBD" || p == "VBZ" || p == "VBP"
				}
				if finite || aux[w] {
					break
				}
			}
		}
		for j := k + 1; j < end; j++ {
			ap[j] = true
		}
	}
	// non-restrictive relative clauses (", which controls Gaza,", ", who
	// have fought the government since 1989,") hold no subject of the
	// main verb either; their own verbs stay verbs
	for k := 0; k+1 < len(s.w); k++ {
		if s.w[k].W != "," || !(s.w[k+1].W == "WHICH" || s.w[k+1].W == "WHO") {
			continue
		}
		for j := k + 2; j < len(s.w) && j < k+25; j++ {
			if s.w[j].W == "," {
				for x := k + 1; x < j; x++ {
					s.rel[x] = true
				}
				break
			}
			if s.w[j].W == ";" || s.w[j].W == "." {
				break
			}
		}
	}
	return ap
}

// findVerbs finds the verb candidates of the sentence.
func (c *Coder) findVerbs(s *sentence) {
	s.rel = make([]bool, len(s.w))
	ap := c.appositives(s)
	s.ap = ap
	for i := 0; i < len(s.w); i++ {
		if s.w[i].Punct || s.gAt[i] >= 0 || ap[i] {
			continue
		}
		cands, ok := c.d.Verbs.Forms[s.w[i].W]
		if !ok || notVerb[s.w[i].W] {
			continue
		}
		if aux[s.w[i].W] && c.auxOf(s, i) {
			continue
		}
		for _, v := range cands {
			st, en, ok := matchCompound(s.w, i, v)
			if !ok {
				continue
			}
			if !c.verbal(s, st, i) {
				break
			}
			s.verbs = append(s.verbs, verbHit{i: i, start: st, end: en, v: v})
			i = en - 1
			break
		}
	}
}

// auxOf reports whether the auxiliary at i ("have", "is") introduces a
// later verb ("have delayed", "is acting") rather than being the verb.
func (c *Coder) auxOf(s *sentence, i int) bool {
	for k := i + 1; k < len(s.w) && k <= i+3; k++ {
		w := s.w[k].W
		if aux[w] || strings.HasSuffix(w, "LY") {
			continue
		}
		_, ok := c.d.Verbs.Forms[w]
		return ok
	}
	return false
}

func matchCompound(w []word, i int, v *cameo.Verb) (int, int, bool) {
	st := i - len(v.Before)
	if st < 0 {
		return 0, 0, false
	}
	for k, b := range v.Before {
		if w[st+k].W != b {
			return 0, 0, false
		}
	}
	en := i + 1
	for _, a := range v.After {
		if en >= len(w) || w[en].W != a {
			return 0, 0, false
		}
		en++
	}
	return st, en, true
}

// verbal decides whether the word at i (multi-word starting at st) is used
// as a verb: POS when present, else the words before it.
func (c *Coder) verbal(s *sentence, st, i int) bool {
	if p := s.w[i].POS; p != "" {
		if !strings.HasPrefix(p, "VB") {
			return false
		}
		// participles right after a preposition or determiner are
		// adjectives ("on enhanced sharing")
		if (p == "VBN" || p == "VBG") && st > 0 && (preps[s.w[st-1].W] && s.w[st-1].W != "TO" || dets[s.w[st-1].W]) {
			return false
		}
		return true
	}
	if st == 0 {
		return true
	}
	prev := s.w[st-1].W
	// a participle right after a preposition is an adjective ("on
	// enhanced sharing", "to the affected villages")
	if (strings.HasSuffix(s.w[i].W, "ED") || strings.HasSuffix(s.w[i].W, "ING")) && preps[prev] && prev != "TO" {
		return false
	}
	w := s.w[i].W
	if preps[prev] && prev != "TO" && !strings.HasSuffix(w, "ING") {
		// only a gerund follows a preposition ("by dumping sawdust");
		// any other verb form there is a noun ("an embargo on arms
		// sales", "in return", "for aid")
		return false
	}
	if st == i && !strings.HasSuffix(w, "ED") && !strings.HasSuffix(w, "ING") && !strings.HasSuffix(w, "S") && s.w[i].POS == "" {
		// a base form is a verb after TO, a modal or auxiliary, a pronoun
		// or a subject noun phrase; otherwise it is a noun ("arrest quotas")
		k := st - 1
		for k > 0 && strings.HasSuffix(s.w[k].W, "LY") && !s.w[k].Cap {
			k--
		}
		pw := s.w[k].W
		plural := strings.HasSuffix(pw, "S") && !strings.HasSuffix(pw, "SS") && !s.w[k].Cap && len(pw) > 3 && !c.isVerbWord(pw)
		if gi := s.gAt[k]; gi >= 0 {
			// "an American offer": a demonym used as an adjective after
			// a determiner heads a noun phrase, the word is its noun
			if g := s.groups[gi]; g.end-g.start == 1 && g.start > 0 && dets[s.w[g.start-1].W] && demonym(s.w[g.start].W) {
				return false
			}
		}
		if plural && c.singularNP(s, k) {
			// "an attack on a suspected weapons supply": a plural noun
			// inside a phrase opened by A/AN modifies the noun that ends
			// it, it is no plural subject
			return false
		}
		if !(aux[pw] || pronoun[pw] || s.gAt[k] >= 0 || pw == "AND" || pw == "OR" || s.w[k].Punct || plural) || beForms[pw] {
			// "the message is clear": a base form after BE is an adjective
			return false
		}
	}
	if strings.HasSuffix(w, "S") && !strings.HasSuffix(w, "SS") && st == i && !s.w[st-1].Punct && (!s.w[st-1].Cap || st-1 == 0) &&
		s.gAt[st-1] < 0 && !aux[prev] && !pronoun[prev] && !strings.HasSuffix(prev, "LY") && !conjs[prev] && !preps[prev] &&
		!dets[prev] && !subords[prev] {
		// "migration challenges": a plural noun after a noun
		return false
	}
	if dets[prev] && prev != "MORE" && prev != "MOST" && prev != "ALL" && prev != "BOTH" || prev == "OF" {
		return false
	}
	if st == i && strings.HasSuffix(w, "S") && !strings.HasSuffix(w, "SS") && i+1 < len(s.w) && s.w[i].POS == "" {
		// "Rebel attacks killed 20 soldiers": a plural noun followed
		// by the past-tense verb it is the subject of
		if n := s.w[i+1].W; strings.HasSuffix(n, "ED") && c.isVerbWord(n) {
			return false
		}
	}
	// adjective + noun: "diplomatic ties" — a lower-case word ending in
	// -AL/-IC/-ARY/-IVE before the word makes it a noun
	// ("military aid": a one-word role in -ARY before a base form is
	// such an adjective too; "a senior official said" is not)
	if !s.w[st-1].Punct && !s.w[st-1].Cap && (s.gAt[st-1] < 0 || oneWordRole(s, st-1) && baseForm(w) && strings.HasSuffix(prev, "ARY")) && (strings.HasSuffix(prev, "AL") || strings.HasSuffix(prev, "IC") ||
		strings.HasSuffix(prev, "ARY") || strings.HasSuffix(prev, "IVE") || strings.HasSuffix(prev, "OUS")) && !aux[prev] {
		return false
	}
	return true
}

// rememberNames records, for each actor phrase of a coded sentence that
// ends in a personal name of two or more capitalised words ("President
// Saddam Hussein", "Secretary of State Marco Rubio"), its last word and
// the phrase's code, for the surnames of later sentences (sentence.names).
func rememberNames(s *sentence, names map[string]string) {
	for _, g := range s.groups {
		k := g.end - 1
		if g.agentOnly || g.anaphoric || len(g.code) < 3 || strings.HasPrefix(g.code, "---") || k <= g.start {
			continue
		}
		last, prev := s.w[k], s.w[k-1]
		if !last.Cap || last.Punct || !prev.Cap || prev.Punct || len(last.W) < 3 || !isName(last.W) || !isName(prev.W) {
			continue
		}
		names[last.W] = g.code
	}
}

// isName reports whether an upper-cased word is made of letters (a name,
// not "U.S." or a number).
func isName(w string) bool {
	for _, r := range w {
		if (r < 'A' || r > 'Z') && r != '-' && r != '\'' && r < 0x80 {
			return false
		}
	}
	return true
}
