package ner

import (
	"fmt"
	"strings"

	"newsgraph/internal/doc"
	"newsgraph/internal/tagger"
)

// mention is a mention under construction: a token range [s, e).
type mention struct {
	s, e    int
	typ     string
	kind    string
	score   float64
	role    string
	country string // ISO2 of the role's country
	key     string // entity key for non-PER mentions
	name    string // canonical name the mention proposes
	actor   string
	entity  int
	sent    int
	subject bool // before the first verb of its sentence
}

// analysis runs the rules over one tagged article.
type analysis struct {
	a      *doc.Article
	kb     *knowledge
	sents  []tagger.Sentence
	spans  [][2]int
	labels [][]string
	conf   [][]float32
	ms     []*mention
	sentOf []int // token -> sentence
}

func (an *analysis) run() {
	a := an.a
	an.sentOf = make([]int, len(a.Tokens))
	for i, sp := range an.spans {
		for k := sp[0]; k < sp[1]; k++ {
			an.sentOf[k] = i
		}
	}
	an.names()
	an.repair()
	an.administrations()
	an.titles()
	an.metonyms()
	an.pronouns()
	an.entities()
}

// w returns the normalised word of token k ("" outside the article).
func (an *analysis) w(k int) string {
	if k < 0 || k >= len(an.a.Tokens) {
		return ""
	}
	return word(an.a, k)
}

func (an *analysis) pos(k int) string {
	if k < 0 || k >= len(an.a.Tokens) {
		return ""
	}
	return an.a.Tokens[k].POS
}

// names collects the tagger's BIO spans.
func (an *analysis) names() {
	for si, sp := range an.spans {
		ls := an.labels[si]
		firstVerb := len(ls)
		for k := range ls {
			if p := an.pos(sp[0] + k); strings.HasPrefix(p, "VB") || p == "MD" {
				firstVerb = k
				break
			}
		}
		for k := 0; k < len(ls); {
			l := ls[k]
			if l == "O" || len(l) < 3 {
				k++
				continue
			}
			typ := l[2:]
			e := k + 1
			for e < len(ls) && ls[e] == "I-"+typ {
				e++
			}
			var sc float64
			for j := k; j < e; j++ {
				sc += float64(an.conf[si][j])
			}
			an.ms = append(an.ms, &mention{s: sp[0] + k, e: sp[0] + e, typ: typ, kind: "name",
				score: sc / float64(e-k), sent: si, subject: k < firstVerb})
			k = e
		}
	}
}

// repair splits leading titles and countries off person names the tagger
// ran together with them ("President of France Emmanuel Macron" tagged as
// one PER span; "Secretary Rubio" as PER): the person starts after them,
// a split-off country becomes a LOC mention.
func (an *analysis) repair() {
	var out []*mention
	for _, m := range an.ms {
		if m.typ == "PER" && m.kind == "name" {
			for m.e-m.s > 1 {
				if _, n := an.titleStartingAt(m.s); n > 0 && n < m.e-m.s {
					m.s += n
					continue
				}
				if _, n := an.countryStartingAt(m.s); n > 0 && n < m.e-m.s && lower(an.w(m.s-1)) == "of" {
					out = append(out, &mention{s: m.s, e: m.s + n, typ: "LOC", kind: "name", score: m.score, sent: m.sent})
					m.s += n
					continue
				}
				break
			}
		}
		out = append(out, m)
	}
	an.ms = out
}

func (an *analysis) text(s, e int) string {
	parts := make([]string, 0, e-s)
	for k := s; k < e; k++ {
		parts = append(parts, an.w(k))
	}
	return strings.Join(parts, " ")
}

// administrations: "the Trump administration", "the Obama government" name
// the government, not the person: the mention becomes an ORG covering
// the head noun.
func (an *analysis) administrations() {
	for _, m := range an.ms {
		if m.typ != "PER" || m.kind != "name" {
			continue
		}
		switch lower(an.w(m.e)) {
		case "administration", "government", "cabinet", "campaign", "presidency":
			m.e++
			m.typ = "ORG"
		}
	}
}

// titles reads a title (and the title's country) before a person's name
// ("U.S. Secretary of State Marco Rubio", "Mexican President Claudia
// Sheinbaum", "President of Mexico Claudia Sheinbaum") or in an
// apposition after it ("Marco Rubio, the U.S. secretary of state,").
func (an *analysis) titles() {
	for _, m := range an.ms {
		if m.typ != "PER" || m.kind != "name" {
			continue
		}
		if role, ts := an.titleEndingAt(m.s - 1); role != "" {
			m.role = role
			m.country = an.countryEndingAt(ts - 1)
			continue
		}
		// Title of Country Name.
		if cs := an.countryStartEndingAt(m.s - 1); cs >= 0 && lower(an.w(cs-1)) == "of" {
			if role, _ := an.titleEndingAt(cs - 2); role != "" {
				m.role, m.country = role, an.countryEndingAt(m.s-1)
				continue
			}
		}
		// Apposition: Name , [the] [Country] Title [of Country] ,
		k := m.e
		if an.w(k) != "," {
			continue
		}
		k++
		if lw := lower(an.w(k)); lw == "the" || lw == "a" {
			k++
		}
		ctry := ""
		if c, n := an.countryStartingAt(k); c != "" {
			ctry, k = c, k+n
			if an.w(k) == "'s" {
				k++
			}
		}
		if role, n := an.titleStartingAt(k); role != "" {
			k += n
			if lower(an.w(k)) == "of" {
				if c, _ := an.countryStartingAt(k + 1); c != "" {
					ctry = c
				}
			}
			m.role, m.country = role, ctry
		}
	}
}

// titleEndingAt finds the longest title ending at token k and returns it
// (title-cased) and its first token.
func (an *analysis) titleEndingAt(k int) (string, int) {
	for n := min(an.kb.maxTitle, k+1); n >= 1; n-- {
		s := k - n + 1
		if an.sentOf[s] != an.sentOf[k] {
			continue
		}
		if an.kb.titles[lower(an.text(s, k+1))] {
			return roleName(an.text(s, k+1)), s
		}
	}
	return "", -1
}

func (an *analysis) titleStartingAt(k int) (string, int) {
	for n := an.kb.maxTitle; n >= 1; n-- {
		if k+n > len(an.a.Tokens) {
			continue
		}
		if an.kb.titles[lower(an.text(k, k+n))] {
			return roleName(an.text(k, k+n)), n
		}
	}
	return "", 0
}

// countryEndingAt returns the ISO2 code of a country name, alias or
// demonym ending at token k.
func (an *analysis) countryEndingAt(k int) string {
	if s := an.countryStartEndingAt(k); s >= 0 {
		return an.kb.countryName[lower(an.text(s, k+1))].ISO2
	}
	return ""
}

func (an *analysis) countryStartEndingAt(k int) int {
	if k < 0 {
		return -1
	}
	for n := min(an.kb.maxCountry, k+1); n >= 1; n-- {
		s := k - n + 1
		if !isUpperStart(an.w(s)) {
			continue
		}
		if _, ok := an.kb.countryName[lower(an.text(s, k+1))]; ok {
			return s
		}
	}
	return -1
}

func (an *analysis) countryStartingAt(k int) (string, int) {
	for n := an.kb.maxCountry; n >= 1; n-- {
		if k+n > len(an.a.Tokens) || !isUpperStart(an.w(k)) {
			continue
		}
		if c, ok := an.kb.countryName[lower(an.text(k, k+n))]; ok {
			return c.ISO2, n
		}
	}
	return "", 0
}

func isUpperStart(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

// roleName title-cases a role as written ("secretary of state" ->
// "Secretary of State").
func roleName(s string) string {
	ws := strings.Fields(s)
	for i, w := range ws {
		switch lw := lower(w); {
		case i > 0 && (lw == "of" || lw == "the" || lw == "for" || lw == "and"):
			ws[i] = lw
		default:
			ws[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(ws, " ")
}

// metonyms: a capital city used as an actor stands for its country's
// government: as a possessor ("Washington's determination"), as the
// subject of a verb ("Washington said"), or coordinated with a country in
// "between X and Y".
func (an *analysis) metonyms() {
	for i, m := range an.ms {
		if (m.typ != "LOC" && m.typ != "ORG") || m.kind != "name" {
			continue
		}
		c := an.kb.capitals[lower(an.text(m.s, m.e))]
		if c == nil {
			continue
		}
		next := an.w(m.e)
		nextPOS := an.pos(m.e)
		actor := next == "'s" || next == "'" ||
			(strings.HasPrefix(nextPOS, "VB") && nextPOS != "VBG" && nextPOS != "VBN") || nextPOS == "MD"
		if !actor && lower(an.w(m.s-1)) == "between" && lower(next) == "and" && i+1 < len(an.ms) &&
			an.ms[i+1].s == m.e+1 {
			actor = true
		}
		if !actor {
			continue
		}
		m.typ, m.kind = "ORG", "metonym"
		m.key = "gov:" + c.ISO2
		m.name = c.Name + " government"
		m.actor = c.ISO3 + "GOV"
		m.country = c.ISO2
	}
}

var pronounGender = map[string]string{
	"he": "m", "him": "m", "his": "m", "himself": "m",
	"she": "f", "her": "f", "hers": "f", "herself": "f",
}

// pronouns adds he/she mentions; entities() links them to the most recent
// compatible person.
func (an *analysis) pronouns() {
	var out []*mention
	mi := 0
	for k := range an.a.Tokens {
		for mi < len(an.ms) && an.ms[mi].s <= k {
			out = append(out, an.ms[mi])
			mi++
		}
		if _, ok := pronounGender[lower(an.w(k))]; ok && an.a.Tokens[k].NER == "O" {
			out = append(out, &mention{s: k, e: k + 1, typ: "PER", kind: "pronoun", score: 1, sent: an.sentOf[k]})
		}
	}
	out = append(out, an.ms[mi:]...)
	an.ms = out
}

// entity under construction.
type entity struct {
	typ, name, role, country, actor, key string
	toks                                 []string // PER name tokens
	gender                               string
	mentions                             []int
}

// entities links mentions into canonical entities: a person's later
// mentions by surname or any sub-sequence of the name join the first full
// name ("Secretary Rubio", "Rubio" -> "Marco Rubio"); other types join on
// their normalised text or country; pronouns join the most recent person
// of compatible gender, preferring sentence subjects within the last
// three sentences.
func (an *analysis) entities() {
	var ents []*entity
	byKey := map[string]int{}
	lastPer := []int{} // mention indexes of linked person names, in order
	a := an.a
	for mi, m := range an.ms {
		m.entity = -1
		switch {
		case m.kind == "pronoun":
			g := pronounGender[lower(an.w(m.s))]
			best := -1
			for j := len(lastPer) - 1; j >= 0; j-- {
				pm := an.ms[lastPer[j]]
				if m.sent-pm.sent > 2 {
					break
				}
				e := ents[pm.entity]
				if e.gender != "" && e.gender != g {
					continue
				}
				if best < 0 {
					best = lastPer[j]
				}
				if pm.subject && pm.sent < m.sent || (pm.sent == m.sent && pm.subject) {
					best = lastPer[j]
					break
				}
			}
			if best >= 0 {
				m.entity = an.ms[best].entity
				e := ents[m.entity]
				if e.gender == "" {
					e.gender = g
				}
			}
		case m.typ == "PER":
			toks := strings.Fields(an.text(m.s, m.e))
			toks = trimPossessive(toks)
			if len(toks) == 0 {
				continue
			}
			found := -1
			for j := len(ents) - 1; j >= 0; j-- {
				e := ents[j]
				if e.typ != "PER" {
					continue
				}
				if subsequence(toks, e.toks) || subsequence(e.toks, toks) {
					found = j
					break
				}
			}
			if found < 0 {
				found = len(ents)
				ents = append(ents, &entity{typ: "PER"})
			}
			e := ents[found]
			if len(toks) > len(e.toks) {
				e.toks = toks
				e.name = strings.Join(toks, " ")
			}
			if g := an.kb.gender[lower(e.toks[0])]; g != "" && len(e.toks) > 1 {
				e.gender = g
			}
			if g, ok := an.kb.honorifics[lower(an.w(m.s-1))]; ok && g != "" {
				e.gender = g
			}
			if len(m.role) > len(e.role) || (m.country != "" && e.country == "") {
				if len(m.role) >= len(e.role) {
					e.role = m.role
				}
				if m.country != "" {
					e.country = m.country
				}
			}
			m.entity = found
			lastPer = append(lastPer, mi)
		default:
			key, name, ctry := m.key, m.name, m.country
			txt := an.text(m.s, m.e)
			if key == "" {
				if c := an.kb.countryName[lower(strings.TrimPrefix(txt, "the "))]; c != nil && m.typ == "LOC" {
					key, name, ctry = "country:"+c.ISO2, c.Name, c.ISO2
				} else {
					key, name = m.typ+":"+lower(txt), txt
					// A demonym ("Mexican") or a capital names its country.
					if c := an.kb.countryName[lower(txt)]; c != nil {
						ctry = c.ISO2
					} else if c := an.kb.capitals[lower(txt)]; c != nil && m.typ == "LOC" {
						ctry = c.ISO2
					}
				}
			}
			j, ok := byKey[key]
			if !ok {
				j = len(ents)
				byKey[key] = j
				ents = append(ents, &entity{typ: m.typ, name: name, key: key, country: ctry, actor: m.actor})
			}
			m.entity = j
		}
		if m.entity >= 0 {
			ents[m.entity].mentions = append(ents[m.entity].mentions, mi)
		}
	}
	// Emit in order of first mention, dropping nothing: every mention is
	// kept, unlinked ones with Entity -1.
	a.Mentions = make([]doc.Mention, len(an.ms))
	for i, m := range an.ms {
		a.Mentions[i] = doc.Mention{
			Span: doc.Span{Start: a.Tokens[m.s].Start, End: a.Tokens[m.e-1].End},
			Type: m.typ, Entity: m.entity, Kind: m.kind, Score: round3(m.score),
		}
	}
	a.Entities = make([]doc.Entity, len(ents))
	for i, e := range ents {
		a.Entities[i] = doc.Entity{ID: fmt.Sprintf("e%d", i+1), Type: e.typ, Name: e.name, Role: e.role,
			Country: e.country, Actor: e.actor, Mentions: e.mentions}
	}
}

func trimPossessive(toks []string) []string {
	for len(toks) > 0 && (toks[len(toks)-1] == "'s" || toks[len(toks)-1] == "'") {
		toks = toks[:len(toks)-1]
	}
	return toks
}

// subsequence reports whether every token of a appears in b in order.
func subsequence(a, b []string) bool {
	j := 0
	for _, t := range b {
		if j < len(a) && strings.EqualFold(a[j], t) {
			j++
		}
	}
	return j == len(a)
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }
