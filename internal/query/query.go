// Package query parses newsgraph's search language into an AST that each
// store compiles to its own parameterised SQL.
//
// The language, kept small on purpose so it reads the same in the CLI, the
// API and saved alerts:
//
//	words and "quoted phrases"     full-text terms over title and text; word* is a prefix
//	a AND b, a b                   both (AND is implicit between adjacent terms)
//	a OR b                         either
//	NOT a, -a                      not
//	( ... )                        grouping; precedence NOT > AND > OR
//	actor:USA  actor:"Marco Rubio" CAMEO actor code (prefix) or entity name
//	country:MX country:MEX          ISO2, CAMEO/ISO3 code or country name
//	place:"Mexico City"            resolved place name or GeoNames id
//	theme:ECON_TRADE               GKG theme (also matches sub-themes ECON_TRADE_*)
//	event:042 event:04 event:PROTEST  CAMEO code, root (2 digits) or PLOVER category
//	source:reuters                 outlet name or host (any outlet of the story)
//	from:2024-03 to:2024-03-31     publication date bounds, inclusive (YYYY, YYYY-MM, YYYY-MM-DD)
//
// The parser never builds SQL: stores walk the AST and bind every value as a
// parameter, and full-text terms are re-quoted by FTSExpr so a user's FTS
// syntax is always searched for, never executed.
package query

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits that keep a hostile query cheap to reject.
const (
	MaxLen   = 4096 // bytes of query text
	MaxTerms = 256  // terms and filters
	MaxDepth = 32   // nesting of parentheses and NOT
)

// Fields are the filter names the language knows.
var Fields = []string{"actor", "country", "place", "theme", "event", "source", "from", "to"}

// ErrSyntax is matched (errors.Is) by every parse error, so callers can
// answer 400 without knowing the error's text.
var ErrSyntax = errors.New("query syntax error")

// Error is a parse error at a byte offset of the query.
type Error struct {
	Pos int
	Msg string
}

func (e *Error) Error() string { return fmt.Sprintf("query: at %d: %s", e.Pos, e.Msg) }

// Is makes errors.Is(err, ErrSyntax) true.
func (e *Error) Is(target error) bool { return target == ErrSyntax }

// Node is one node of a parsed query.
type Node interface {
	// String renders the node back in the query language (canonical form).
	String() string
	node()
}

// Term is a full-text word or phrase.
type Term struct {
	Text   string // without quotes
	Phrase bool   // was "quoted"
	Prefix bool   // word*: matches words starting with Text
}

// Field is a filter such as country:MX.
type Field struct {
	Name  string // one of Fields, lower case
	Value string
}

// And matches when every node matches.
type And struct{ Nodes []Node }

// Or matches when any node matches.
type Or struct{ Nodes []Node }

// Not matches when its node does not.
type Not struct{ Node Node }

func (Term) node()  {}
func (Field) node() {}
func (And) node()   {}
func (Or) node()    {}
func (Not) node()   {}

func (t Term) String() string {
	if t.Phrase || needsQuote(t.Text) {
		return `"` + strings.ReplaceAll(t.Text, `"`, ``) + `"`
	}
	if t.Prefix {
		return t.Text + "*"
	}
	return t.Text
}

func (f Field) String() string {
	v := f.Value
	if needsQuote(v) {
		v = `"` + strings.ReplaceAll(v, `"`, ``) + `"`
	}
	return f.Name + ":" + v
}

func (a And) String() string { return join(a.Nodes, " AND ") }
func (o Or) String() string  { return join(o.Nodes, " OR ") }
func (n Not) String() string { return "NOT " + wrap(n.Node) }

func join(ns []Node, sep string) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = wrap(n)
	}
	return strings.Join(parts, sep)
}

func wrap(n Node) string {
	switch n.(type) {
	case And, Or:
		return "(" + n.String() + ")"
	}
	return n.String()
}

func needsQuote(s string) bool {
	if s == "" || s == "AND" || s == "OR" || s == "NOT" {
		return true
	}
	for _, r := range s {
		if unicode.IsSpace(r) || r == '(' || r == ')' || r == '"' || r == ':' || r == '*' {
			return true
		}
	}
	return strings.HasPrefix(s, "-")
}

// Parse parses q. An empty (or all-blank) query returns a nil Node, which
// matches every article.
func Parse(q string) (Node, error) {
	if len(q) > MaxLen {
		return nil, &Error{Pos: MaxLen, Msg: fmt.Sprintf("query longer than %d bytes", MaxLen)}
	}
	if !utf8.ValidString(q) {
		return nil, &Error{Pos: 0, Msg: "query is not valid UTF-8"}
	}
	// ASCII control characters (NUL included) are blanks: they can't be
	// typed on purpose and would end an FTS string early.
	q = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, q)
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks, src: q}
	if len(toks) == 0 {
		return nil, nil
	}
	n, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if p.i < len(p.toks) {
		t := p.toks[p.i]
		return nil, &Error{Pos: t.pos, Msg: fmt.Sprintf("unexpected %q", t.text)}
	}
	if n == nil {
		return nil, nil
	}
	return n, nil
}

type tokKind int

const (
	tWord tokKind = iota
	tPhrase
	tField
	tLParen
	tRParen
	tAnd
	tOr
	tNot
)

type token struct {
	kind  tokKind
	text  string // word, phrase content, or field value
	field string // for tField
	pos   int
	quote bool // field value was quoted
}

func isFieldName(s string) bool {
	for _, f := range Fields {
		if f == s {
			return true
		}
	}
	return false
}

func lex(q string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(q) {
		r, w := utf8.DecodeRuneInString(q[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
		case r == '(':
			toks = append(toks, token{kind: tLParen, text: "(", pos: i})
			i++
		case r == ')':
			toks = append(toks, token{kind: tRParen, text: ")", pos: i})
			i++
		case r == '"':
			s, n, err := quoted(q, i)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{kind: tPhrase, text: s, pos: i})
			i = n
		case r == '-' && i+1 < len(q) && !isBreak(q[i+1]) && (i == 0 || isBreak(q[i-1]) || q[i-1] == '('):
			toks = append(toks, token{kind: tNot, text: "-", pos: i})
			i++
		default:
			start := i
			for i < len(q) && !isBreak(q[i]) && q[i] != '"' {
				_, w := utf8.DecodeRuneInString(q[i:])
				i += w
			}
			word := q[start:i]
			if c := strings.IndexByte(word, ':'); c > 0 && isLetters(word[:c]) {
				name := strings.ToLower(word[:c])
				if !isFieldName(name) {
					return nil, &Error{Pos: start, Msg: fmt.Sprintf("unknown filter %q; known filters: %s", word[:c+1], strings.Join(Fields, ": ")+":")}
				}
				val, quote := word[c+1:], false
				if val == "" && i < len(q) && q[i] == '"' {
					s, n, err := quoted(q, i)
					if err != nil {
						return nil, err
					}
					val, quote, i = s, true, n
				}
				val = strings.TrimSpace(val)
				if val == "" {
					return nil, &Error{Pos: start, Msg: fmt.Sprintf("filter %s: needs a value", name)}
				}
				toks = append(toks, token{kind: tField, field: name, text: val, pos: start, quote: quote})
				continue
			}
			k := tWord
			switch word {
			case "AND", "&&":
				k = tAnd
			case "OR", "||":
				k = tOr
			case "NOT":
				k = tNot
			}
			toks = append(toks, token{kind: k, text: word, pos: start})
		}
		if len(toks) > 4*MaxTerms {
			return nil, &Error{Pos: i, Msg: "too many terms"}
		}
	}
	return toks, nil
}

// quoted reads a "..." string starting at q[i] == '"' and returns its
// content and the offset after the closing quote.
func quoted(q string, i int) (string, int, error) {
	end := strings.IndexByte(q[i+1:], '"')
	if end < 0 {
		return "", 0, &Error{Pos: i, Msg: "unterminated quote"}
	}
	return q[i+1 : i+1+end], i + 2 + end, nil
}

func isBreak(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v' || b == '(' || b == ')'
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

type parser struct {
	toks  []token
	i     int
	src   string
	terms int
}

func (p *parser) peek() *token {
	if p.i < len(p.toks) {
		return &p.toks[p.i]
	}
	return nil
}

func (p *parser) or(depth int) (Node, error) {
	var nodes []Node
	for {
		n, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		if n != nil {
			nodes = append(nodes, n)
		}
		t := p.peek()
		if t == nil || t.kind != tOr {
			break
		}
		p.i++
		if nt := p.peek(); nt == nil || nt.kind == tRParen || nt.kind == tOr {
			return nil, &Error{Pos: t.pos, Msg: "OR needs a term on both sides"}
		}
		if len(nodes) == 0 {
			return nil, &Error{Pos: t.pos, Msg: "OR needs a term on both sides"}
		}
	}
	switch len(nodes) {
	case 0:
		return nil, nil
	case 1:
		return nodes[0], nil
	}
	return Or{Nodes: flatten(nodes, true)}, nil
}

func (p *parser) and(depth int) (Node, error) {
	var nodes []Node
	for {
		t := p.peek()
		if t == nil || t.kind == tOr || t.kind == tRParen {
			break
		}
		if t.kind == tAnd {
			if len(nodes) == 0 {
				return nil, &Error{Pos: t.pos, Msg: "AND needs a term on both sides"}
			}
			p.i++
			if nt := p.peek(); nt == nil || nt.kind == tRParen || nt.kind == tOr || nt.kind == tAnd {
				return nil, &Error{Pos: t.pos, Msg: "AND needs a term on both sides"}
			}
			continue
		}
		n, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		if n != nil {
			nodes = append(nodes, n)
		}
	}
	switch len(nodes) {
	case 0:
		return nil, nil
	case 1:
		return nodes[0], nil
	}
	return And{Nodes: flatten(nodes, false)}, nil
}

func (p *parser) unary(depth int) (Node, error) {
	if depth > MaxDepth {
		return nil, &Error{Pos: p.peek().pos, Msg: fmt.Sprintf("query nested deeper than %d", MaxDepth)}
	}
	t := p.peek()
	p.i++
	switch t.kind {
	case tNot:
		nt := p.peek()
		if nt == nil || nt.kind == tRParen || nt.kind == tOr || nt.kind == tAnd {
			return nil, &Error{Pos: t.pos, Msg: "NOT needs a term after it"}
		}
		n, err := p.unary(depth + 1)
		if err != nil || n == nil {
			return n, err
		}
		if inner, ok := n.(Not); ok { // NOT NOT a == a
			return inner.Node, nil
		}
		return Not{Node: n}, nil
	case tLParen:
		n, err := p.or(depth + 1)
		if err != nil {
			return nil, err
		}
		if c := p.peek(); c == nil || c.kind != tRParen {
			return nil, &Error{Pos: t.pos, Msg: "unclosed parenthesis"}
		}
		p.i++
		return n, nil
	case tRParen:
		return nil, &Error{Pos: t.pos, Msg: "unexpected )"}
	case tField:
		if err := p.count(t); err != nil {
			return nil, err
		}
		f := Field{Name: t.field, Value: t.text}
		if err := checkField(f); err != nil {
			return nil, &Error{Pos: t.pos, Msg: err.Error()}
		}
		return f, nil
	case tPhrase:
		if err := p.count(t); err != nil {
			return nil, err
		}
		s := strings.Join(strings.Fields(t.text), " ")
		if !hasAlnum(s) {
			return nil, nil // nothing searchable: ignore
		}
		return Term{Text: s, Phrase: true}, nil
	default: // tWord, or a stray operator-looking word
		if err := p.count(t); err != nil {
			return nil, err
		}
		w := t.text
		prefix := false
		if strings.HasSuffix(w, "*") {
			w = strings.TrimRight(w, "*")
			prefix = true
		}
		if !hasAlnum(w) {
			return nil, nil
		}
		return Term{Text: w, Prefix: prefix}, nil
	}
}

func (p *parser) count(t *token) error {
	p.terms++
	if p.terms > MaxTerms {
		return &Error{Pos: t.pos, Msg: fmt.Sprintf("more than %d terms", MaxTerms)}
	}
	return nil
}

func flatten(nodes []Node, or bool) []Node {
	var out []Node
	for _, n := range nodes {
		switch v := n.(type) {
		case And:
			if !or {
				out = append(out, v.Nodes...)
				continue
			}
		case Or:
			if or {
				out = append(out, v.Nodes...)
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// checkField validates a filter's value so stores can trust its shape.
func checkField(f Field) error {
	switch f.Name {
	case "from", "to":
		if _, _, err := DateRange(f.Value); err != nil {
			return fmt.Errorf("%s: %v", f.Name, err)
		}
	case "event":
		if _, err := EventCode(f.Value); err != nil {
			return err
		}
	}
	if len(f.Value) > 200 {
		return fmt.Errorf("%s: value too long", f.Name)
	}
	return nil
}

// DateRange returns the half-open UTC interval [start, end) a date value
// covers: a year, a month, a day, or an RFC 3339 instant (end = start+1s).
func DateRange(v string) (start, end time.Time, err error) {
	for _, l := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
		{time.RFC3339, func(t time.Time) time.Time { return t.Add(time.Second) }},
	} {
		if t, e := time.Parse(l.layout, v); e == nil {
			t = t.UTC()
			return t, l.next(t), nil
		}
	}
	return time.Time{}, time.Time{}, fmt.Errorf("date %q: want YYYY, YYYY-MM, YYYY-MM-DD or RFC 3339", v)
}

// EventKind says which event column an event: value matches.
type EventKind int

const (
	EventRoot   EventKind = iota // 2-digit CAMEO root, e.g. "04"
	EventBase                    // 3-digit base code, e.g. "042"
	EventCodeK                   // full 3/4-digit code, e.g. "0421"
	EventPLOVER                  // PLOVER category, e.g. "PROTEST"
)

// EventCode classifies an event: value.
func EventCode(v string) (EventKind, error) {
	digits := true
	for i := 0; i < len(v); i++ {
		if v[i] < '0' || v[i] > '9' {
			digits = false
		}
	}
	switch {
	case digits && len(v) == 2:
		return EventRoot, nil
	case digits && len(v) == 3:
		return EventBase, nil
	case digits && len(v) == 4:
		return EventCodeK, nil
	case !digits && isPlover(v):
		return EventPLOVER, nil
	}
	return 0, fmt.Errorf("event: %q is not a CAMEO code (2-4 digits) or PLOVER category", v)
}

func isPlover(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '-') {
			return false
		}
	}
	return v != ""
}
