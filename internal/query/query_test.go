package query

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in, want string // want: canonical String(); "" for match-all
	}{
		{"", ""},
		{"   ", ""},
		{"rubio", "rubio"},
		{"Rubio Mexico", "Rubio AND Mexico"},
		{"rubio AND mexico", "rubio AND mexico"},
		{"rubio && mexico", "rubio AND mexico"},
		{"rubio OR mexico", "rubio OR mexico"},
		{"a OR b c", "a OR (b AND c)"},
		{"a b OR c", "(a AND b) OR c"},
		{"(a OR b) c", "(a OR b) AND c"},
		{"NOT a", "NOT a"},
		{"-a b", "NOT a AND b"},
		{"a -b", "a AND NOT b"},
		{"NOT NOT a", "a"},
		{"a-b", "a-b"},
		{`"Mexico City"`, `"Mexico City"`},
		{`"  Mexico   City "`, `"Mexico City"`},
		{"econ*", "econ*"},
		{"country:MX", "country:MX"},
		{"Country:MX", "country:MX"},
		{`place:"Mexico City"`, `place:"Mexico City"`},
		{`actor:"Marco Rubio" from:2026-11`, `actor:"Marco Rubio" AND from:2026-11`},
		{"event:04 OR event:0421 OR event:PROTEST", "event:04 OR event:0421 OR event:PROTEST"},
		{"theme:ECON_TRADE -source:bbc", "theme:ECON_TRADE AND NOT source:bbc"},
		{"to:2026-11-30T12:00:00Z", "to:\"2026-11-30T12:00:00Z\""},
		{"((a))", "a"},
		{"a (b OR (c d))", "a AND (b OR (c AND d))"},
		{"10:30", `"10:30"`}, // not a filter: the prefix is not letters
		{"---", ""},          // nothing searchable
		{`""`, ""},
		{"a \x00 b", "a AND b"},
		{"and or not", "and AND or AND not"}, // lower case: words
	}
	for _, tc := range cases {
		n, err := Parse(tc.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.in, err)
			continue
		}
		got := ""
		if n != nil {
			got = n.String()
		}
		if got != tc.want {
			t.Errorf("Parse(%q) = %s, want %s", tc.in, got, tc.want)
		}
		// The canonical form parses back to itself.
		if n != nil {
			m, err := Parse(got)
			if err != nil || m.String() != got {
				t.Errorf("round trip of %q: %v, %v", got, m, err)
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ in, msg string }{
		{`"open`, "unterminated quote"},
		{"(a OR b", "unclosed parenthesis"},
		{"a)", "unexpected"},
		{"a AND", "AND needs"},
		{"AND a", "AND needs"},
		{"a OR", "OR needs"},
		{"OR a", "OR needs"},
		{"a OR OR b", "OR needs"},
		{"NOT", "NOT needs"},
		{"a NOT", "NOT needs"},
		{"foo:bar", "unknown filter"},
		{"country:", "needs a value"},
		{`place:""`, "needs a value"},
		{"from:yesterday", "from:"},
		{"to:2026-13", "to:"},
		{"event:5", "not a CAMEO code"},
		{"event:04x", "not a CAMEO code"},
		{strings.Repeat("(", 40) + "a" + strings.Repeat(")", 40), "nested deeper"},
		{strings.Repeat("a ", 300), "more than"},
		{strings.Repeat("x", MaxLen+1), "longer than"},
		{"\xff\xfe", "UTF-8"},
	}
	for _, tc := range cases {
		_, err := Parse(tc.in)
		if err == nil {
			t.Errorf("Parse(%q) succeeded, want error %q", tc.in, tc.msg)
			continue
		}
		if !errors.Is(err, ErrSyntax) {
			t.Errorf("Parse(%q): error %v does not match ErrSyntax", tc.in, err)
		}
		if !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("Parse(%q) = %v, want it to mention %q", tc.in, err, tc.msg)
		}
	}
}

func TestDateRange(t *testing.T) {
	cases := []struct{ in, start, end string }{
		{"2026", "2026-01-01", "2027-01-01"},
		{"2026-02", "2026-02-01", "2026-03-01"},
		{"2026-12-31", "2026-12-31", "2027-01-01"},
	}
	for _, tc := range cases {
		s, e, err := DateRange(tc.in)
		if err != nil || s.Format("2006-01-02") != tc.start || e.Format("2006-01-02") != tc.end {
			t.Errorf("DateRange(%q) = %v, %v, %v", tc.in, s, e, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"rubio", `"a b" OR c`, "NOT (a OR b) country:MX", `place:"x y"`, "-a*", "event:04 from:2026-01",
		"a AND (b OR NOT c)", `"`, "(", ")", "foo:bar", "\x00", "é*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := Parse(s)
		if err != nil {
			if !errors.Is(err, ErrSyntax) {
				t.Fatalf("Parse(%q): error %v is not a syntax error", s, err)
			}
			return
		}
		if n == nil {
			return
		}
		// The canonical form is stable: parsing it again gives itself.
		c := n.String()
		m, err := Parse(c)
		if err != nil {
			t.Fatalf("Parse(%q) canonical %q does not parse: %v", s, c, err)
		}
		if m == nil || m.String() != c {
			t.Fatalf("Parse(%q): canonical %q re-parses to %v", s, c, m)
		}
	})
}
