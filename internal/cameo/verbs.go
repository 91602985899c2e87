// Package cameo loads the PETRARCH2 dictionaries (CAMEO verb patterns,
// Phoenix actor, agent and discard lists) and the CAMEO, Goldstein,
// QuadClass and PLOVER tables, into read-only values that the event coder
// matches sentences against.
//
// The files are third-party data (MIT / CC BY-SA / GDELT open) and are not
// committed: `make setup` copies them into ./data/cameo and the binary loads
// them at run time; `--dict DIR` swaps in other dictionaries in the same
// formats (e.g. PETRARCH's PETR.Validate.* unit-test dictionaries).
package cameo

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strings"
)

// Elem kinds in a verb pattern.
const (
	ElemWords    = iota // one of Alts (each a run of consecutive words)
	ElemSource          // $: the source actor
	ElemTarget          // +: the target actor
	ElemCompound        // %: a compound actor (both sides)
	ElemSkip            // ^: skip a noun phrase
)

// Elem is one element of a pattern.
type Elem struct {
	Kind int
	// Alts lists the alternative word runs (synsets expand to several).
	Alts [][]string
	// Adjacent means the element must follow the previous one (or the
	// verb) with no word in between: PETRARCH's '_' connector.
	Adjacent bool
	// PP marks the head of a prepositional phrase "(TO ...)": it does
	// not match an infinitive "to" before a verb.
	PP bool
}

// Pattern is one verb pattern: "- PRE * POST [code]".
type Pattern struct {
	Pre  []Elem // in text order, before the verb
	Post []Elem // in text order, after the verb
	Code string // may be "a:b" (source→target a, target→source b)
	Line string // the dictionary line, kept as evidence (Event.Rule)
	// Weight orders patterns: more literal words win.
	Weight int
}

// Block is a verb synonym block: its verbs share the patterns.
type Block struct {
	Name     string
	Code     string // default code for the block ("---": no event)
	Patterns []*Pattern
}

// Verb is one surface form of a verb of a block. Multi-word verbs ("CORDON
// OFF", "WIRE TAP") carry the words that must surround the head form.
type Verb struct {
	Form   string   // the head word form, e.g. "CORDONED"
	Before []string // words immediately before the head
	After  []string // words immediately after the head
	Code   string   // verb-specific code, "" for the block code
	Lemma  string   // the primary form
	Block  *Block
}

// Verbs is a loaded verb dictionary.
type Verbs struct {
	Forms   map[string][]*Verb // head form → candidates (multi-words first)
	Blocks  []*Block
	Synsets map[string][][]string
}

// LoadVerbs reads a PETRARCH verb dictionary.
func LoadVerbs(path string) (*Verbs, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load verb dictionary %s: %w", path, err)
	}
	defer f.Close()
	v, err := ReadVerbs(f)
	if err != nil {
		return nil, fmt.Errorf("load verb dictionary %s: %w", path, err)
	}
	return v, nil
}

// stripComment removes "#" comments and <!-- --> on one line.
// dictLines cleans the lines of a PETRARCH dictionary file: <!-- -->
// comments (possibly spanning lines), # comments and blank lines. It
// keeps the multi-line comment state between calls.
type dictLines struct{ inComment bool }

// clean returns a line's content, trimmed, and false when nothing is left.
func (d *dictLines) clean(line string) (string, bool) {
	if d.inComment {
		i := strings.Index(line, "-->")
		if i < 0 {
			return "", false
		}
		d.inComment = false
		line = line[i+3:]
	}
	if i := strings.Index(line, "<!--"); i >= 0 && !strings.Contains(line[i:], "-->") {
		d.inComment = true
		line = line[:i]
	}
	if strings.HasPrefix(strings.TrimSpace(line), "#") {
		return "", false
	}
	t := strings.TrimSpace(stripComment(line))
	return t, t != ""
}

func stripComment(line string) string {
	if i := strings.Index(line, "<!--"); i >= 0 {
		if j := strings.Index(line[i:], "-->"); j >= 0 {
			line = line[:i] + line[i+j+3:]
		} else {
			line = line[:i]
		}
	}
	if i := strings.Index(line, "#"); i >= 0 {
		line = line[:i]
	}
	return line
}

// ReadVerbs parses a verb dictionary from r.
func ReadVerbs(r io.Reader) (*Verbs, error) { return ReadVerbsWith(r, nil) }

// ReadVerbsWith parses a verb dictionary whose patterns may use the
// synsets of another (seed) dictionary, as a supplement file does.
func ReadVerbsWith(r io.Reader, seed map[string][][]string) (*Verbs, error) {
	v := &Verbs{Forms: map[string][]*Verb{}, Synsets: map[string][][]string{}}
	for k, s := range seed {
		v.Synsets[k] = s
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var block *Block
	synset := ""
	var lines dictLines
	type rawPat struct {
		b    *Block
		line string
	}
	var pats []rawPat
	for sc.Scan() {
		raw := sc.Text()
		line := raw
		t, ok := lines.clean(line)
		if !ok {
			continue
		}
		switch {
		case strings.HasPrefix(t, "---"):
			f := strings.Fields(strings.Trim(t, "- "))
			block = &Block{Code: "---"}
			for _, w := range f {
				if strings.HasPrefix(w, "[") {
					block.Code = strings.Trim(w, "[]")
				} else if block.Name == "" {
					block.Name = w
				}
			}
			v.Blocks = append(v.Blocks, block)
			synset = ""
		case strings.HasPrefix(t, "&"):
			synset = strings.Fields(t)[0]
			block = nil
		case strings.HasPrefix(t, "+") && synset != "":
			term := strings.TrimPrefix(t, "+")
			term = strings.ReplaceAll(term, "_", " ")
			words := strings.Fields(strings.ToUpper(term))
			if len(words) == 0 {
				continue
			}
			v.Synsets[synset] = append(v.Synsets[synset], words)
			noPlural := strings.HasSuffix(synset, "_") || strings.HasSuffix(strings.TrimPrefix(t, "+"), "_")
			if !noPlural && !strings.HasPrefix(words[len(words)-1], "&") {
				pl := append(append([]string{}, words[:len(words)-1]...), plural(words[len(words)-1]))
				v.Synsets[synset] = append(v.Synsets[synset], pl)
			}
		case strings.HasPrefix(t, "~"):
			// verb transformations: not used by the shallow coder
		case strings.HasPrefix(t, "-"):
			if block != nil {
				pats = append(pats, rawPat{block, raw})
			}
		default:
			if block == nil {
				continue
			}
			v.addVerbLine(block, t)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for _, p := range pats {
		pat, ok := v.parsePattern(p.line)
		if ok {
			p.b.Patterns = append(p.b.Patterns, pat)
		}
	}
	for _, b := range v.Blocks {
		sort.SliceStable(b.Patterns, func(i, j int) bool { return b.Patterns[i].Weight > b.Patterns[j].Weight })
	}
	for k, c := range v.Forms {
		sort.SliceStable(c, func(i, j int) bool {
			return len(c[i].Before)+len(c[i].After) > len(c[j].Before)+len(c[j].After)
		})
		v.Forms[k] = c
	}
	return v, nil
}

// plural makes the regular plural of a noun, as PETRARCH does.
func plural(w string) string {
	switch {
	case strings.HasSuffix(w, "Y") && len(w) > 1 && !strings.ContainsRune("AEIOU", rune(w[len(w)-2])):
		return w[:len(w)-1] + "IES"
	case strings.HasSuffix(w, "S"), strings.HasSuffix(w, "X"), strings.HasSuffix(w, "Z"),
		strings.HasSuffix(w, "CH"), strings.HasSuffix(w, "SH"):
		return w + "ES"
	case strings.HasSuffix(w, "MAN"):
		return w[:len(w)-3] + "MEN"
	}
	return w + "S"
}

// verbForms makes the regular forms of a verb stem.
func verbForms(stem string) []string {
	out := []string{stem}
	switch {
	case strings.HasSuffix(stem, "S"), strings.HasSuffix(stem, "X"), strings.HasSuffix(stem, "Z"),
		strings.HasSuffix(stem, "CH"), strings.HasSuffix(stem, "SH"):
		out = append(out, stem+"ES")
	case strings.HasSuffix(stem, "Y") && len(stem) > 1 && !strings.ContainsRune("AEIOU", rune(stem[len(stem)-2])):
		out = append(out, stem[:len(stem)-1]+"IES")
	default:
		out = append(out, stem+"S")
	}
	switch {
	case strings.HasSuffix(stem, "E"):
		out = append(out, stem+"D")
	case strings.HasSuffix(stem, "Y") && len(stem) > 1 && !strings.ContainsRune("AEIOU", rune(stem[len(stem)-2])):
		out = append(out, stem[:len(stem)-1]+"IED")
	default:
		out = append(out, stem+"ED")
	}
	// the silent e drops after a consonant or a u (SUE → SUING, ARGUE →
	// ARGUING, ISSUE → ISSUING) but not in -ee/-oe/-ye (AGREEING)
	if strings.HasSuffix(stem, "E") && len(stem) > 2 && !strings.ContainsRune("AEIOY", rune(stem[len(stem)-2])) {
		out = append(out, stem[:len(stem)-1]+"ING")
	} else {
		out = append(out, stem+"ING")
	}
	// doubled final consonant (STOP → STOPPED) for short CVC stems
	if n := len(stem); n >= 3 && n <= 5 && isCons(stem[n-1]) && !strings.ContainsRune("WXY", rune(stem[n-1])) &&
		!isCons(stem[n-2]) && isCons(stem[n-3]) {
		d := stem + stem[n-1:]
		out = append(out, d+"ED", d+"ING")
	}
	return out
}

func isCons(b byte) bool { return b >= 'A' && b <= 'Z' && !strings.ContainsRune("AEIOU", rune(b)) }

// addVerbLine adds the forms of one verb line of a block.
func (v *Verbs) addVerbLine(b *Block, t string) {
	code := ""
	if i := strings.Index(t, "["); i >= 0 {
		if j := strings.Index(t[i:], "]"); j > 0 {
			code = strings.TrimSpace(t[i+1 : i+j])
		}
		t = t[:i]
	}
	var irregular []string
	if i := strings.Index(t, "{"); i >= 0 {
		j := strings.Index(t, "}")
		if j < i {
			j = len(t)
		}
		irregular = strings.Fields(t[i+1 : j])
		t = t[:i]
	}
	f := strings.Fields(strings.ToUpper(t))
	if len(f) == 0 {
		return
	}
	primary := f[0]
	forms := []string{primary}
	if len(irregular) > 0 {
		for _, w := range irregular {
			forms = append(forms, strings.ToUpper(w))
		}
	} else if !strings.Contains(primary, "_") {
		forms = verbForms(primary)
	} else {
		// compound with '+' on the head: regular forms of the head
		before, head, after := splitCompound(primary)
		for _, h := range verbForms(head) {
			forms = append(forms, joinCompound(before, h, after))
		}
		forms = forms[1:]
	}
	seen := map[string]bool{}
	for _, form := range forms {
		if seen[form] {
			continue
		}
		seen[form] = true
		before, head, after := splitCompound(form)
		if head == "" {
			continue
		}
		v.Forms[head] = append(v.Forms[head], &Verb{Form: head, Before: before, After: after, Code: code, Lemma: primary, Block: b})
	}
}

// splitCompound splits "WIRE_+TAP" or "+CORDON_OFF" into words before the
// head, the head, and words after it. A form without '+' but with '_' has
// its first word as head.
func splitCompound(form string) (before []string, head string, after []string) {
	parts := strings.Split(form, "_")
	hi := 0
	for i, p := range parts {
		if strings.HasPrefix(p, "+") {
			hi = i
		}
	}
	var out []string
	for _, p := range parts {
		p = strings.TrimPrefix(p, "+")
		out = append(out, p)
	}
	var b, a []string
	for i, p := range out {
		if p == "" {
			continue
		}
		switch {
		case i < hi:
			b = append(b, p)
		case i > hi:
			a = append(a, p)
		}
	}
	return b, out[hi], a
}

func joinCompound(before []string, head string, after []string) string {
	parts := append(append([]string{}, before...), "+"+head)
	parts = append(parts, after...)
	return strings.Join(parts, "_")
}

var ppActor = regexp.MustCompile(`\((\S+)\s+([$+%])(\s*\))`)

// parsePattern parses "- PRE * POST [code] # comment".
func (v *Verbs) parsePattern(line string) (*Pattern, bool) {
	t := strings.TrimSpace(line)
	t = strings.TrimPrefix(t, "-")
	if i := strings.Index(t, "#"); i >= 0 {
		t = t[:i]
	}
	code := ""
	i := strings.LastIndex(t, "[")
	if i < 0 {
		return nil, false
	}
	j := strings.Index(t[i:], "]")
	if j < 0 {
		return nil, false
	}
	code = strings.TrimSpace(t[i+1 : i+j])
	body := strings.ToUpper(t[:i])
	// "(IN +)": the actor is the object of the preposition, right after it
	body = ppActor.ReplaceAllString(body, "($1_$2")
	// normalise: the verb marker may be glued with '_' (IN_*, *_OUT)
	body = strings.ReplaceAll(body, "(", " (")
	body = strings.ReplaceAll(body, ")", " ")
	star := strings.Index(body, "*")
	if star < 0 {
		return nil, false
	}
	pre, post := body[:star], body[star+1:]
	p := &Pattern{Code: code, Line: strings.TrimSpace(line)}
	var ok bool
	if p.Pre, ok = v.parseElems(pre, false); !ok {
		return nil, false
	}
	if p.Post, ok = v.parseElems(post, true); !ok {
		return nil, false
	}
	for _, e := range append(append([]Elem{}, p.Pre...), p.Post...) {
		switch e.Kind {
		case ElemWords:
			if len(e.Alts) > 0 {
				p.Weight += 2 * len(e.Alts[0])
			}
		case ElemSource, ElemTarget, ElemCompound:
			p.Weight++
		}
	}
	return p, true
}

// parseElems parses one side of a pattern. '_' glues words into one
// adjacent run; a '_' touching the verb marker makes the run adjacent to
// the verb.
func (v *Verbs) parseElems(s string, post bool) ([]Elem, bool) {
	// braces: {A B} is a consecutive run
	s = strings.ReplaceAll(s, "{", " {")
	s = strings.ReplaceAll(s, "}", "} ")
	var toks []string
	inBrace := false
	cur := ""
	for _, f := range strings.Fields(s) {
		if strings.HasPrefix(f, "{") {
			inBrace = true
			f = strings.TrimPrefix(f, "{")
			cur = ""
		}
		if inBrace {
			end := strings.HasSuffix(f, "}")
			f = strings.TrimSuffix(f, "}")
			if f != "" {
				if cur != "" {
					cur += "_"
				}
				cur += f
			}
			if end {
				inBrace = false
				if cur != "" {
					toks = append(toks, cur)
				}
			}
			continue
		}
		toks = append(toks, f)
	}
	var out []Elem
	for ti, tok := range toks {
		pp := strings.HasPrefix(tok, "(")
		tok = strings.TrimPrefix(tok, "(")
		if tok == "" {
			continue
		}
		adjacent := false
		if post && ti == 0 && strings.HasPrefix(tok, "_") {
			adjacent = true
		}
		tailGlue := !post && ti == len(toks)-1 && strings.HasSuffix(tok, "_")
		words := strings.Split(strings.Trim(tok, "_"), "_")
		var run []Elem
		for _, w := range words {
			if w == "" {
				continue
			}
			var e Elem
			switch w {
			case "$":
				e.Kind = ElemSource
			case "+":
				e.Kind = ElemTarget
			case "%":
				e.Kind = ElemCompound
			case "^":
				e.Kind = ElemSkip
			default:
				if strings.HasPrefix(w, "&") {
					alts, ok := v.Synsets[w]
					if !ok {
						alts, ok = v.Synsets[w+"_"]
					}
					if !ok {
						return nil, false
					}
					e.Alts = alts
				} else {
					e.Alts = [][]string{{w}}
				}
			}
			run = append(run, e)
		}
		for k := range run {
			if k > 0 {
				run[k].Adjacent = true
			}
		}
		if pp && len(run) > 0 && run[0].Kind == ElemWords {
			run[0].PP = true
		}
		if len(run) > 0 && adjacent {
			run[0].Adjacent = true
		}
		if tailGlue && len(run) > 0 {
			// the last pre element is adjacent to the verb: mark with a
			// trailing adjacency, encoded as an extra empty Words elem.
			run = append(run, Elem{Kind: ElemWords, Adjacent: true})
		}
		out = append(out, run...)
	}
	return out, true
}
