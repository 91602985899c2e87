package cameo

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
)

// DatedCode is an actor code valid in a date range (zero times: open).
type DatedCode struct {
	Code       string
	From, Till time.Time
}

// Actor is one actor dictionary entry: a canonical name, its synonyms
// and its dated codes.
type Actor struct {
	Name  string
	Codes []DatedCode
}

// CodeAt returns the actor's code on date d (zero d: the undated or the
// latest code).
func (a *Actor) CodeAt(d time.Time) string {
	if len(a.Codes) == 0 {
		return ""
	}
	if d.IsZero() {
		// prefer an open-ended code, else the last one
		for i := len(a.Codes) - 1; i >= 0; i-- {
			if a.Codes[i].Till.IsZero() {
				return a.Codes[i].Code
			}
		}
		return a.Codes[len(a.Codes)-1].Code
	}
	fallback := ""
	for _, c := range a.Codes {
		if c.From.IsZero() && c.Till.IsZero() {
			fallback = c.Code
			continue
		}
		if (c.From.IsZero() || !d.Before(c.From)) && (c.Till.IsZero() || !d.After(c.Till)) {
			return c.Code
		}
	}
	return fallback
}

// Phrase is one dictionary phrase (words) pointing at an entry.
type Phrase struct {
	Words []string
	// Stem: the last word may be followed by a short suffix (TABARI's
	// unterminated names: ARGENTIN matches ARGENTINA, ARGENTINIAN).
	Stem bool
}

// Trie indexes phrases by their words for longest-match lookup.
type Trie struct {
	next  map[string]*Trie
	stems map[string]*Trie // stem words (prefix match on the word)
	val   any
}

func (t *Trie) insert(p Phrase, val any) { t.put(p, val, false) }

// put stores val at p; overwrite replaces an earlier value (later curated
// or user entries correct earlier ones).
func (t *Trie) put(p Phrase, val any, overwrite bool) {
	n := t
	for i, w := range p.Words {
		m := &n.next
		if i == len(p.Words)-1 && p.Stem {
			m = &n.stems
		}
		if *m == nil {
			*m = map[string]*Trie{}
		}
		c, ok := (*m)[w]
		if !ok {
			c = &Trie{}
			(*m)[w] = c
		}
		n = c
	}
	if n.val == nil || overwrite {
		n.val = val
	}
}

// Longest returns the value of the longest phrase starting at words[0]
// and the number of words it covers (0 when none).
func (t *Trie) Longest(words []string) (any, int) {
	var best any
	bestN := 0
	n := t
	for i, w := range words {
		if n.stems != nil {
			for k := 0; k <= 3 && k < len(w); k++ {
				if c, ok := n.stems[w[:len(w)-k]]; ok && c.val != nil && i+1 > bestN {
					best, bestN = c.val, i+1
					break
				}
			}
		}
		c, ok := n.next[w]
		if !ok {
			break
		}
		n = c
		if n.val != nil {
			best, bestN = n.val, i+1
		}
	}
	return best, bestN
}

// Actors is an actor dictionary: phrases → entries.
type Actors struct {
	Trie Trie
	// First holds curated and user entries, which win over the
	// dictionaries' entries for the same words.
	First   Trie
	Entries []*Actor
	// Priority makes Read put entries in First.
	Priority bool
}

// Longest finds the longest actor phrase at words[0], preferring First
// on ties.
func (a *Actors) Longest(words []string) (*Actor, int) {
	v1, n1 := a.First.Longest(words)
	v2, n2 := a.Trie.Longest(words)
	if n1 > 0 && n1 >= n2 {
		return v1.(*Actor), n1
	}
	if n2 > 0 {
		return v2.(*Actor), n2
	}
	return nil, 0
}

// AddFile reads one Phoenix-format actor file into a.
func (a *Actors) AddFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("load actor dictionary %s: %w", path, err)
	}
	defer f.Close()
	if err := a.Read(f); err != nil {
		return fmt.Errorf("load actor dictionary %s: %w", path, err)
	}
	return nil
}

// phraseOf turns a dictionary name (FOO_BAR_, FOO BAR) into a Phrase.
func phraseOf(name string) Phrase {
	name = strings.TrimSpace(strings.ToUpper(name))
	stem := !strings.HasSuffix(name, "_")
	name = strings.ReplaceAll(name, "_", " ")
	ws := strings.Fields(name)
	// short or non-alphabetic last words never stem-match
	if len(ws) > 0 {
		last := ws[len(ws)-1]
		if len(last) < 5 || strings.ContainsAny(last, ".-'()") {
			stem = false
		}
	}
	return Phrase{Words: ws, Stem: stem}
}

// Read parses Phoenix actor entries: "NAME [CODE]" lines with "+SYNONYM"
// lines and tab-indented "[CODE DATES]" lines.
func (a *Actors) Read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var cur *Actor
	var pending []Phrase
	var lines dictLines
	flush := func() {
		if cur != nil && len(cur.Codes) > 0 {
			a.Entries = append(a.Entries, cur)
			for _, p := range pending {
				if len(p.Words) == 0 {
					continue
				}
				if a.Priority {
					a.First.put(p, cur, true)
				} else {
					a.Trie.insert(p, cur)
				}
			}
		}
		cur, pending = nil, nil
	}
	for sc.Scan() {
		line := sc.Text()
		t, ok := lines.clean(line)
		if !ok {
			continue
		}
		name, codes := splitCodes(t)
		switch {
		case name == "" && len(codes) > 0: // code line for the current entry
			if cur != nil {
				cur.Codes = append(cur.Codes, codes...)
			}
		case strings.HasPrefix(name, "+"):
			if cur != nil {
				pending = append(pending, phraseOf(strings.TrimPrefix(name, "+")))
				cur.Codes = append(cur.Codes, codes...)
			}
		default:
			if cur != nil && len(cur.Codes) > 0 {
				flush()
			} else if cur != nil {
				// an entry without codes yet: synonym chains continue
				// (PETRARCH allows codes after the synonyms)
			}
			if cur == nil {
				cur = &Actor{Name: name}
			}
			pending = append(pending, phraseOf(name))
			cur.Codes = append(cur.Codes, codes...)
		}
	}
	flush()
	return sc.Err()
}

// splitCodes splits "NAME [CODE a-b] [CODE2]" into name and dated codes.
func splitCodes(t string) (string, []DatedCode) {
	i := strings.Index(t, "[")
	if i < 0 {
		return strings.TrimSpace(t), nil
	}
	name := strings.TrimSpace(t[:i])
	var out []DatedCode
	rest := t[i:]
	for {
		i := strings.Index(rest, "[")
		if i < 0 {
			break
		}
		j := strings.Index(rest[i:], "]")
		if j < 0 {
			break
		}
		f := strings.Fields(rest[i+1 : i+j])
		rest = rest[i+j+1:]
		if len(f) == 0 {
			continue
		}
		dc := DatedCode{Code: strings.ToUpper(f[0])}
		if len(f) > 1 {
			// "19950601 - 19990815", "< 950601": spaces are allowed
			dc.From, dc.Till = parseRange(strings.Join(f[1:], ""))
		}
		out = append(out, dc)
	}
	return name, out
}

// parseRange parses ">D", "<D", "D1-D2" with D as YYMMDD or YYYYMMDD.
func parseRange(s string) (from, till time.Time) {
	switch {
	case strings.HasPrefix(s, ">"):
		from = parseDictDate(s[1:])
	case strings.HasPrefix(s, "<"):
		till = parseDictDate(s[1:])
	case strings.Contains(s, "-"):
		p := strings.SplitN(s, "-", 2)
		from, till = parseDictDate(p[0]), parseDictDate(p[1])
	}
	return
}

func parseDictDate(s string) time.Time {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil {
		return time.Time{}
	}
	var y, m, d int
	switch len(s) {
	case 8:
		y, m, d = n/10000, n/100%100, n%100
	case 6:
		y, m, d = n/10000, n/100%100, n%100
		if y < 30 {
			y += 2000
		} else {
			y += 1900
		}
	default:
		return time.Time{}
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
}

// Agent is a common-noun role: "PRESIDENT" → GOV. Prefix agents (NGO~)
// go before the country code, others after it.
type Agent struct {
	Name   string
	Code   string
	Prefix bool
}

// Agents is an agent dictionary.
type Agents struct {
	Trie Trie
}

// AddFile reads a Phoenix agents file.
func (g *Agents) AddFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("load agent dictionary %s: %w", path, err)
	}
	defer f.Close()
	if err := g.Read(f); err != nil {
		return fmt.Errorf("load agent dictionary %s: %w", path, err)
	}
	return nil
}

// Read parses agent lines: "NAME {PLURALS} [~CODE]" with !SUBST! lists.
func (g *Agents) Read(r io.Reader) error {
	sc := bufio.NewScanner(r)
	subst := map[string][]string{}
	var lines dictLines
	for sc.Scan() {
		line := sc.Text()
		t, ok := lines.clean(line)
		if !ok {
			continue
		}
		if strings.HasPrefix(t, "!") && strings.Contains(t, "=") {
			p := strings.SplitN(t, "=", 2)
			key := strings.TrimSpace(p[0])
			for _, w := range strings.Split(p[1], ",") {
				if w = strings.TrimSpace(strings.ToUpper(w)); w != "" {
					subst[key] = append(subst[key], w)
				}
			}
			continue
		}
		i := strings.Index(t, "[")
		j := strings.Index(t, "]")
		if i < 0 || j < i {
			continue
		}
		code := strings.TrimSpace(t[i+1 : j])
		name := strings.TrimSpace(t[:i])
		var plurals []string
		noPlural := false
		if k := strings.Index(name, "{"); k >= 0 {
			l := strings.Index(name, "}")
			if l < k {
				l = len(name)
			}
			inner := strings.Fields(name[k+1 : l])
			if len(inner) == 0 {
				noPlural = true
			}
			plurals = inner
			name = strings.TrimSpace(name[:k])
		}
		ag := &Agent{Name: name}
		switch {
		case strings.HasSuffix(code, "~"):
			ag.Prefix = true
			ag.Code = strings.TrimSuffix(code, "~")
		default:
			ag.Code = strings.TrimPrefix(code, "~")
		}
		ag.Code = strings.ToUpper(strings.TrimSpace(ag.Code))
		forms := expandSubst(strings.ToUpper(name), subst)
		for _, f := range forms {
			ph := Phrase{Words: strings.Fields(strings.ReplaceAll(strings.Trim(f, "_"), "_", " "))}
			if len(ph.Words) == 0 {
				continue
			}
			g.Trie.insert(ph, ag)
			if len(plurals) == 0 && !noPlural {
				pw := append([]string{}, ph.Words...)
				pw[len(pw)-1] = plural(pw[len(pw)-1])
				g.Trie.insert(Phrase{Words: pw}, ag)
			}
		}
		for _, p := range plurals {
			for _, f := range expandSubst(strings.ToUpper(p), subst) {
				ph := Phrase{Words: strings.Fields(strings.ReplaceAll(strings.Trim(f, "_"), "_", " "))}
				if len(ph.Words) > 0 {
					g.Trie.insert(ph, ag)
				}
			}
		}
	}
	return sc.Err()
}

// expandSubst replaces !KEY! markers by each of their words.
func expandSubst(s string, subst map[string][]string) []string {
	i := strings.Index(s, "!")
	if i < 0 {
		return []string{s}
	}
	j := strings.Index(s[i+1:], "!")
	if j < 0 {
		return []string{strings.ReplaceAll(s, "!", "")}
	}
	key := s[i : i+j+2]
	vals := subst[key]
	if len(vals) == 0 {
		return []string{strings.Replace(s, key, "", 1)}
	}
	var out []string
	for _, v := range vals {
		// a substitution glued to a word ("CONGRESS!PERSON!") makes one word
		out = append(out, expandSubst(strings.Replace(s, key, v, 1), subst)...)
	}
	return out
}

// Discards holds phrases that void a sentence (or the whole story).
type Discards struct {
	Trie Trie // val: bool (true: story-level)
}

// AddFile reads a discard list.
func (d *Discards) AddFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("load discards %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		t := strings.TrimSpace(stripComment(sc.Text()))
		if t == "" || strings.HasPrefix(t, "<") {
			continue
		}
		story := strings.HasPrefix(t, "+")
		t = strings.TrimPrefix(t, "+")
		ph := Phrase{Words: strings.Fields(strings.ToUpper(strings.ReplaceAll(strings.TrimSuffix(t, "_"), "_", " ")))}
		if len(ph.Words) > 0 {
			d.Trie.insert(ph, story)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("load discards %s: %w", path, err)
	}
	return nil
}
