// Package quotes finds who said what: direct quotations ("...," said X;
// X said: "...") and reported speech ("X said that ...", "Mexican
// authorities have voiced concern over ...", "Officials described the
// discussions as constructive"), each with its content span, speaker span,
// verb and the speaker resolved to a canonical entity when the entity layer
// is present (else the speaker's noun phrase, with a CAMEO actor code
// guessed from a nationality adjective and a role noun: "Mexican
// authorities" → MEXGOV).
//
// It is rule-based over tokens and sentences: attribution in news follows
// a handful of fixed shapes, and rules keep every decision explainable.
package quotes

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

// Stage is the quotes pipeline stage. Read-only after load; safe for
// concurrent use.
type Stage struct {
	iso3     map[string]string // ISO2 → ISO3 (CAMEO country code)
	demonyms map[string]string // lower-case nationality adjective → ISO3
}

var _ pipeline.Stage = (*Stage)(nil)

// New returns the quotes stage with the built-in demonym list only.
func New() (*Stage, error) {
	return &Stage{iso3: map[string]string{}, demonyms: demonyms}, nil
}

// CountriesFile is the country table in the data folder.
const CountriesFile = "geo/countries.tsv"

// Load returns the stage with country codes and demonyms read from the
// country table at path ("" = the data folder's geo/countries.tsv), so
// speakers with a country from the entity layer get a CAMEO actor code.
func Load(path string) (*Stage, error) {
	if path == "" {
		p, err := datadir.Path(CountriesFile)
		if err != nil {
			return nil, fmt.Errorf("load quotes countries: %w", err)
		}
		path = p
	}
	s := &Stage{iso3: map[string]string{}, demonyms: map[string]string{}}
	for k, v := range demonyms {
		s.demonyms[k] = v
	}
	err := datadir.ReadTable(path, []string{"iso2", "iso3", "demonyms"}, func(get func(string) string) error {
		iso2, iso3 := get("iso2"), get("iso3")
		if iso2 == "" || iso3 == "" {
			return nil
		}
		s.iso3[iso2] = iso3
		for _, field := range []string{"demonyms", "demonyms_curated"} {
			for _, d := range strings.FieldsFunc(get(field), func(r rune) bool { return r == ',' || r == '|' }) {
				d = strings.ToLower(strings.TrimSpace(d))
				if d != "" && !strings.Contains(d, " ") {
					if _, ok := s.demonyms[d]; !ok {
						s.demonyms[d] = iso3
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load quotes countries: %w", err)
	}
	return s, nil
}

// Name implements pipeline.Stage.
func (*Stage) Name() string { return "quotes" }

// Requires implements pipeline.Stage.
func (*Stage) Requires() []pipeline.Layer { return []pipeline.Layer{pipeline.Tokens} }

// Assigns implements pipeline.Stage.
func (*Stage) Assigns() []pipeline.Layer { return []pipeline.Layer{pipeline.Quotes} }

// Process fills Article.Quotes.
func (s *Stage) Process(_ context.Context, a *doc.Article) error {
	x := newExtractor(a)
	x.st = s
	x.direct()
	x.reported()
	a.Quotes = x.out
	return nil
}

type extractor struct {
	st    *Stage
	a     *doc.Article
	low   []string // lower-cased token texts
	sent  []int    // token → sentence index
	inQ   []bool   // token inside a direct quotation
	out   []doc.Quote
	taken []bool // sentence already yielded a quote
}

func newExtractor(a *doc.Article) *extractor {
	x := &extractor{a: a, low: make([]string, len(a.Tokens)), sent: make([]int, len(a.Tokens)),
		inQ: make([]bool, len(a.Tokens)), taken: make([]bool, len(a.Sentences)+1)}
	for i, t := range a.Tokens {
		w := a.Text[t.Start:t.End]
		if hasUpper(w) {
			w = strings.ToLower(w)
		}
		x.low[i] = w
	}
	s := 0
	for i := range a.Tokens {
		for s < len(a.Sentences) && i >= a.Sentences[s].EndToken {
			s++
		}
		x.sent[i] = s
	}
	return x
}

func (x *extractor) w(i int) string {
	if i < 0 || i >= len(x.low) {
		return ""
	}
	return x.low[i]
}

// sentenceRange returns the token range of the sentence holding token i
// (the whole article when there is no sentence layer).
func (x *extractor) sentenceRange(i int) (int, int) {
	if len(x.a.Sentences) == 0 {
		return 0, len(x.a.Tokens)
	}
	s := x.sent[i]
	if s >= len(x.a.Sentences) {
		return i, len(x.a.Tokens)
	}
	return x.a.Sentences[s].FirstToken, x.a.Sentences[s].EndToken
}

// direct pairs quotation marks and attributes each quotation. Curly and
// angle marks say which side they are; a straight double quote alternates.
// An unclosed quotation is dropped after 200 tokens.
func (x *extractor) direct() {
	open := -1
	for i := range x.a.Tokens {
		if open >= 0 && i-open > 200 {
			open = -1
		}
		switch x.low[i] {
		case "“", "«", "``":
			open = i
		case "”", "»", "''":
			if open >= 0 {
				x.quotation(open, i)
				open = -1
			}
		case "\"":
			if open < 0 {
				open = i
			} else {
				x.quotation(open, i)
				open = -1
			}
		}
	}
}

// quotation handles the quotation between mark tokens o and c.
func (x *extractor) quotation(o, c int) {
	if c-o-1 < 3 {
		return // scare quotes around a word or two: not speech
	}
	for i := o; i <= c; i++ {
		x.inQ[i] = true
	}
	toks := x.a.Tokens
	content := doc.Span{Start: toks[o+1].Start, End: toks[c-1].End}
	// trailing comma inside the quote belongs to the attribution
	if w := x.w(c - 1); w == "," {
		content.End = toks[c-2].End
	}
	q := doc.Quote{Span: content, Direct: true}
	// After the closing mark: ', said X' / ', X said' / 'X told reporters'.
	_, end := x.sentenceRange(c)
	j := c + 1
	if x.w(j) == "," {
		j++
	}
	if v, ok := x.findVerb(j, min(end, j+3)); ok && v == j {
		// inverted: "said Rubio", "said the minister"
		if sp, ok := x.npAfter(v+1, end); ok {
			q.Speaker, q.Verb = sp, x.a.Text[toks[v].Start:toks[v].End]
			x.resolve(&q)
			x.add(q, c)
			return
		}
	}
	if v, ok := x.findVerb(j, min(end, j+8)); ok {
		if sp, ok := x.npBefore(v, j); ok {
			q.Speaker, q.Verb = sp, x.verbText(v)
			x.resolve(&q)
			x.add(q, c)
			return
		}
	}
	// Before the opening mark: 'X said: "..."', 'X told reporters, "..."'.
	start, _ := x.sentenceRange(o)
	k := o - 1
	for k > start && (x.w(k) == ":" || x.w(k) == "," || x.w(k) == "that") {
		k--
	}
	for v := k; v >= start && v >= k-3; v-- {
		if x.isSpeech(v) {
			if sp, ok := x.npBefore(v, start); ok {
				q.Speaker, q.Verb = sp, x.verbText(v)
				x.resolve(&q)
				x.add(q, o)
				return
			}
		}
	}
}

func (x *extractor) add(q doc.Quote, tok int) {
	x.out = append(x.out, q)
	if tok < len(x.sent) {
		x.taken[min(x.sent[tok], len(x.taken)-1)] = true
	}
}

// reported finds "X said (that) ...", "X voiced concern over ...",
// "X described Y as Z", "..., X said." and "according to X" in sentences
// without a direct quotation.
func (x *extractor) reported() {
	toks := x.a.Tokens
	nsent := len(x.a.Sentences)
	if nsent == 0 {
		return
	}
	for s := 0; s < nsent; s++ {
		if x.taken[s] {
			continue
		}
		first, end := x.a.Sentences[s].FirstToken, x.a.Sentences[s].EndToken
		if q, ok := x.accordingTo(first, end); ok {
			x.out = append(x.out, q)
			continue
		}
		for v := first; v < end; v++ {
			if x.inQ[v] || !x.isSpeech(v) {
				continue
			}
			// "..., X said." — content before, speaker between comma and verb
			sp, ok := x.npBefore(v, first)
			if !ok {
				continue
			}
			q := doc.Quote{Speaker: sp, Verb: x.verbText(v)}
			after := x.afterVerb(v)
			last := end - 1
			for last > after && isPunct(x.w(last)) {
				last--
			}
			if sub := x.tokIndexBefore(sp.Start); sub >= first && subordinators[x.w(sub)] {
				// "While Mexico has emphasized its sovereignty, both ..."
				for k := after; k < last; k++ {
					if x.w(k) == "," {
						last = k - 1
						break
					}
				}
			}
			pp := (x.w(after) == "in" || x.w(after) == "on") && last-after <= 3 // "said in a statement."
			if after <= last && last-after >= 1 && !pp {
				q.Span = doc.Span{Start: toks[after].Start, End: toks[last].End}
			} else {
				// sentence-final attribution: the content is the clause before
				c := x.tokIndexBefore(sp.Start) // token before the speaker
				for c > first && x.w(c) == "," {
					c--
				}
				if c-first < 2 {
					continue
				}
				q.Span = doc.Span{Start: toks[first].Start, End: toks[c].End}
			}
			x.resolve(&q)
			x.out = append(x.out, q)
			break
		}
	}
}

// accordingTo handles "according to X" at either end of a sentence.
func (x *extractor) accordingTo(first, end int) (doc.Quote, bool) {
	toks := x.a.Tokens
	for i := first; i+2 < end; i++ {
		if x.w(i) != "according" || x.w(i+1) != "to" {
			continue
		}
		// speaker runs to the next comma or the end of the sentence
		j := i + 2
		for j < end && x.w(j) != "," && !(j == end-1 && isPunct(x.w(j))) {
			j++
		}
		if j == i+2 {
			return doc.Quote{}, false
		}
		q := doc.Quote{Speaker: doc.Span{Start: toks[i+2].Start, End: toks[j-1].End}, Verb: "according to"}
		if i-first >= 3 {
			c := i - 1
			for c > first && x.w(c) == "," {
				c--
			}
			q.Span = doc.Span{Start: toks[first].Start, End: toks[c].End}
		} else {
			last := end - 1
			for last > j && isPunct(x.w(last)) {
				last--
			}
			if last-j < 2 {
				return doc.Quote{}, false
			}
			q.Span = doc.Span{Start: toks[j+1].Start, End: toks[last].End}
		}
		x.resolve(&q)
		return q, true
	}
	return doc.Quote{}, false
}

func (x *extractor) tokIndexBefore(off int) int {
	for i, t := range x.a.Tokens {
		if t.Start >= off {
			return i - 1
		}
	}
	return len(x.a.Tokens) - 1
}

// isSpeech reports whether token v is a verb of saying; a light verb
// ("voiced") counts only before a speech noun ("voiced concern").
func (x *extractor) isSpeech(v int) bool {
	w := x.w(v)
	if lightVerbs[w] {
		return speechNouns[x.w(v+1)] || speechNouns[x.w(v+2)]
	}
	if w == "called" || w == "calling" {
		return x.w(v+1) == "for" || x.w(v+1) == "on"
	}
	if !speechVerbs[w] {
		return false
	}
	if t := x.a.Tokens[v]; x.a.Text[t.Start] >= 'A' && x.a.Text[t.Start] <= 'Z' {
		return false // "the United States", a headline word: not a verb
	}
	// "to say", "the said agreement"
	prev := x.w(v - 1)
	return prev != "to" && prev != "the" && prev != "a"
}

// findVerb returns the first speech verb in [from, to).
func (x *extractor) findVerb(from, to int) (int, bool) {
	for v := from; v < to && v < len(x.low); v++ {
		if x.isSpeech(v) {
			return v, true
		}
	}
	return 0, false
}

// verbText is the verb phrase: the verb plus a speech noun after a light
// verb ("voiced concern").
func (x *extractor) verbText(v int) string {
	toks := x.a.Tokens
	end := v
	if lightVerbs[x.w(v)] {
		for k := v + 1; k <= v+2; k++ {
			if speechNouns[x.w(k)] {
				end = k
				break
			}
		}
	}
	if x.w(v) == "called" || x.w(v) == "calling" {
		end = v + 1
	}
	return x.a.Text[toks[v].Start:toks[end].End]
}

// afterVerb returns the first token of the content after verb v: past a
// speech noun and its preposition ("voiced concern over"), an object of
// "told" ("told reporters"), "that"/"que" and a date ("said on Monday that").
func (x *extractor) afterVerb(v int) int {
	j := v + 1
	if lightVerbs[x.w(v)] {
		for j <= v+2 && !speechNouns[x.w(j-1)] {
			j++
		}
		switch x.w(j) {
		case "over", "about", "at", "for", "that", "regarding", "por", "sobre", "ante":
			j++
		}
		return j
	}
	if x.w(v) == "called" || x.w(v) == "calling" {
		return v + 2
	}
	if x.w(v) == "told" || x.w(v) == "tells" {
		for k := j; k < j+4 && k < len(x.low); k++ {
			if x.w(k) == "that" || x.w(k) == "," {
				return k + 1
			}
		}
		return j + 1
	}
	for k := j; k < j+5 && k < len(x.low); k++ {
		if x.w(k) == "that" || x.w(k) == "que" {
			return k + 1
		}
		if x.w(k) == "," && (x.w(j) == "in" || x.w(j) == "on") {
			return k + 1 // "said in a statement, ..."
		}
		if isPunct(x.w(k)) && x.w(k) != "," {
			break
		}
	}
	if x.w(j) == ":" || x.w(j) == "," {
		j++
	}
	return j
}

// npBefore reads the subject noun phrase ending just before verb v (past
// auxiliaries), back to a clause boundary no earlier than limit. It must
// end in a name, a pronoun or a noun that can speak.
func (x *extractor) npBefore(v, limit int) (doc.Span, bool) {
	toks := x.a.Tokens
	e := v - 1
	for e >= limit && auxiliaries[x.w(e)] {
		e--
	}
	if e < limit || e < 0 {
		return doc.Span{}, false
	}
	// the head must be a speaker-like word
	head := x.w(e)
	postAdj := x.st.demonyms[head] != "" && agentNouns[x.w(e-1)] // "el canciller mexicano"
	if isPunct(head) || !(agentNouns[head] || postAdj || x.isName(e) || x.inMention(e)) {
		return doc.Span{}, false
	}
	s := e
	if ch := toks[e].Chunk; strings.HasSuffix(ch, "NP") {
		// the syntax layer knows the noun phrase: take its chunk, and a
		// preceding "X of" / "X 's" chunk ("Secretary of State Marco Rubio")
		for s > limit && strings.HasPrefix(ch, "I-") && toks[s].Chunk != "B-NP" {
			s--
		}
		return doc.Span{Start: toks[s].Start, End: toks[e].End}, true
	}
	if x.isName(e) && !agentNouns[head] {
		// a name: the run of capitalised words ("Agriculture Minister Adamu
		// Bello"), through "of"/"de" between capitals
		for s-1 >= limit && e-s < 7 {
			w := x.w(s - 1)
			if x.isName(s-1) || (w == "of" || w == "de" || w == "del") && s-2 >= limit && x.isName(s-2) {
				s--
				continue
			}
			break
		}
		if p := x.w(s - 1); s-2 >= limit && (p == "for" || p == "of" || p == "at") && agentNouns[x.w(s-2)] {
			s -= 2 // "the health minister for Wales": read on as a noun phrase
		} else {
			if s > limit && isDeterminer(x.w(s-1)) {
				s--
			}
			return doc.Span{Start: toks[s].Start, End: toks[e].End}, true
		}
	}
	for s-1 >= limit && e-s < 7 && !boundaries[x.w(s-1)] && !isPunct(x.w(s-1)) {
		s--
	}
	// a phrase opening with a lower-case verb-like word is not a subject
	// ("to curb", "comes amid"): keep only from the last determiner/name.
	for s < e && !x.isName(s) && !isDeterminer(x.w(s)) && !agentNouns[x.w(s)] && !isAdjectival(x.a.Text[toks[s].Start:toks[s].End]) {
		s++
	}
	return doc.Span{Start: toks[s].Start, End: toks[e].End}, true
}

// npAfter reads the speaker after an inverted verb ("said Rubio", "said
// the minister"), up to a comma or the end of the sentence.
func (x *extractor) npAfter(i, end int) (doc.Span, bool) {
	toks := x.a.Tokens
	j := i
	for j < end && j-i < 8 && x.w(j) != "," && !(isPunct(x.w(j)) && x.w(j) != "." && x.w(j) != "'s") {
		if x.w(j) == "." && j == end-1 {
			break
		}
		j++
	}
	if j == i {
		return doc.Span{}, false
	}
	head := j - 1
	if !(x.isName(head) || agentNouns[x.w(head)] || x.inMention(head)) {
		return doc.Span{}, false
	}
	return doc.Span{Start: toks[i].Start, End: toks[j-1].End}, true
}

func (x *extractor) isName(i int) bool {
	if i < 0 || i >= len(x.a.Tokens) {
		return false
	}
	t := x.a.Tokens[i]
	if t.NER != "" && t.NER != "O" {
		return true
	}
	w := x.a.Text[t.Start:t.End]
	r, _ := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	// sentence-initial capitals are names only when they are not common words
	first, _ := x.sentenceRange(i)
	return i != first || agentNouns[x.low[i]] || len(x.a.Mentions) == 0 && !isDeterminer(x.low[i])
}

func (x *extractor) inMention(i int) bool {
	t := x.a.Tokens[i]
	for _, m := range x.a.Mentions {
		if m.Start <= t.Start && t.End <= m.End {
			return true
		}
	}
	return false
}

func isDeterminer(w string) bool {
	switch w {
	case "the", "a", "an", "its", "his", "her", "their", "our", "this", "these", "those", "el", "la",
		"los", "las", "un", "una", "su", "sus", "some", "many", "several", "other", "both", "two", "three":
		return true
	}
	return false
}

// isAdjectival accepts capitalised modifiers ("Mexican") in a subject.
func isAdjectival(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func isPunct(w string) bool {
	if w == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(w)
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return true
		}
	}
	return false
}

// resolve names the speaker: the entity of the last mention inside the
// speaker span when the entity layer is present (coreference turns "he"
// into "Marco Rubio"), else the noun phrase itself; and codes an actor
// from the entity or from a nationality adjective plus role noun.
func (x *extractor) resolve(q *doc.Quote) {
	a := x.a
	name := a.Text[q.Speaker.Start:q.Speaker.End]
	q.SpeakerName = strings.TrimSpace(trimDeterminer(name))
	best := -1
	for mi, m := range a.Mentions {
		// places speak only by metonymy, as the whole speaker ("Mexico has
		// emphasized"); a nationality in "Mexican authorities" does not
		whole := m.Span == q.Speaker
		if q.Speaker.Contains(m.Span) && m.Entity >= 0 && m.Entity < len(a.Entities) && (whole || m.Type != doc.LOC && m.Type != doc.MISC) {
			best = mi
		}
	}
	if best >= 0 {
		m := a.Mentions[best]
		e := a.Entities[m.Entity]
		// a full noun phrase like "Mexican authorities" keeps its words;
		// a name, title or pronoun takes the entity's canonical name
		q.Entity = m.Entity + 1
		q.SpeakerName = e.Name
		q.Actor = e.Actor
		if q.Actor == "" && e.Country != "" {
			// a country speaking by metonymy is its own actor ("MEX"); an
			// office holder is the country's government, military, ...
			if c := x.st.iso3[e.Country]; c != "" {
				switch {
				case e.Type == doc.LOC:
					q.Actor = c
				case e.Role != "":
					if r := roleCode(e.Role); r != "" {
						q.Actor = c + r
					}
				}
			}
		}
	}
	if q.Actor == "" {
		q.Actor = x.st.guessActor(strings.Fields(strings.ToLower(name)))
	}
}

// roleCode maps a role ("Secretary of State", "Defense Minister") to a
// CAMEO role code through its words.
func roleCode(role string) string {
	code := ""
	for _, w := range strings.Fields(strings.ToLower(role)) {
		if r, ok := roleCodes[w]; ok && r != "" {
			if r == "MIL" {
				return r // "Defense Secretary" heads the military
			}
			code = r
		}
	}
	return code
}

func trimDeterminer(s string) string {
	for _, d := range []string{"the ", "The ", "a ", "A ", "an ", "An "} {
		if strings.HasPrefix(s, d) {
			return s[len(d):]
		}
	}
	return s
}

// guessActor codes "Mexican authorities" as MEXGOV: a nationality adjective
// and a role noun in the speaker phrase.
func (s *Stage) guessActor(words []string) string {
	country, role := "", ""
	for _, w := range words {
		if c, ok := s.demonyms[w]; ok && country == "" {
			country = c
		}
		if r, ok := roleCodes[w]; ok {
			role = r
		}
	}
	if country == "" {
		return ""
	}
	return country + role
}
