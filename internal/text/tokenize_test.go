package text

import (
	"strings"
	"testing"
	"unicode/utf8"

	"newsgraph/internal/doc"
)

// words returns the token strings, for readable test tables.
func words(s string, toks []doc.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = s[t.Start:t.End]
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // tokens joined by "|"
	}{
		{"plain", "Rubio arrived today.", "Rubio|arrived|today|."},
		{"dotted abbreviation", "U.S. officials and the U.K. said", "U.S.|officials|and|the|U.K.|said"},
		{"U.S. at sentence end", "troops to the U.S. The talks", "troops|to|the|U.S.|The|talks"},
		{"titles", "Sen. Rubio met Dr. Smith and Mr. Jones", "Sen.|Rubio|met|Dr.|Smith|and|Mr.|Jones"},
		{"company and month", "Acme Inc. said on Jan. 5", "Acme|Inc.|said|on|Jan.|5"},
		{"initials", "John F. Kennedy", "John|F.|Kennedy"},
		{"lowercase dotted", "e.g. at 5 p.m. today", "e.g.|at|5|p.m.|today"},
		{"spanish dotted", "EE.UU. y la Sra. Pérez", "EE.UU.|y|la|Sra.|Pérez"},
		{"curly possessive", "Rubio’s first trip", "Rubio|’s|first|trip"},
		{"straight possessive", "Mexico's border", "Mexico|'s|border"},
		{"clitics", "we're sure they'll go, I'm told, he'd", "we|'re|sure|they|'ll|go|,|I|'m|told|,|he|'d"},
		{"negation", "don't can't won't", "do|n't|ca|n't|wo|n't"},
		{"name apostrophe", "O'Neill and D’Amato", "O'Neill|and|D’Amato"},
		{"plural possessive", "farmers' union", "farmers|'|union"},
		{"abbreviation possessive", "the U.S.’s role and Acme Inc.'s", "the|U.S.|’s|role|and|Acme|Inc.|'s"},
		{"quote after word", "'Yes' she said", "'|Yes|'|she|said"},
		{"percent", "rose 3.5% to", "rose|3.5|%|to"},
		{"currency", "$1.2bn and €30m or £5", "$|1.2bn|and|€|30m|or|£|5"},
		{"thousands", "155,221 bags at 10:30", "155,221|bags|at|10:30"},
		{"leading-dot decimal", "averaged .596 and .5%.", "averaged|.596|and|.5|%|."},
		{"iso date", "on 2026-11-26.", "on|2026-11-26|."},
		{"slash date", "on 11/26/2026,", "on|11/26/2026|,"},
		{"ordinals", "the 2nd and 1980s", "the|2nd|and|1980s"},
		{"url", "see https://example.com/a/b?x=1&y=(2). Next", "see|https://example.com/a/b?x=1&y=(2)|.|Next"},
		{"url in parens", "(http://reuters.com/x)", "(|http://reuters.com/x|)"},
		{"www", "at www.state.gov, said", "at|www.state.gov|,|said"},
		{"host", "visit reuters.com today", "visit|reuters.com|today"},
		{"email", "write to press.office@state.gov.", "write|to|press.office@state.gov|."},
		{"hyphens", "anti-cartel, high-profile 10-year-old", "anti-cartel|,|high-profile|10-year-old"},
		{"abbreviation hyphen", "U.S.-Mexico talks", "U.S.-Mexico|talks"},
		{"dashes", "Mexico—and Ecuador – next -- later", "Mexico|—|and|Ecuador|–|next|--|later"},
		{"straight quotes", `He said "no." Then`, `He|said|"|no|.|"|Then`},
		{"curly quotes", "“We will,” he said", "“|We|will|,|”|he|said"},
		{"ptb quotes", "``Yes,'' he said", "``|Yes|,|''|he|said"},
		{"ellipsis", "wait... what… now", "wait|...|what|…|now"},
		{"question runs", "Really?! Yes!", "Really|?!|Yes|!"},
		{"ampersand", "AT&T and S&P but R & D", "AT&T|and|S&P|but|R|&|D"},
		{"hashtag mention", "#Mexico @SecRubio", "#Mexico|@SecRubio"},
		{"no abbreviation", "No. 5 said no.", "No.|5|said|no|."},
		{"sentence-final word", "in the region.", "in|the|region|."},
		{"state", "Fresno, Calif. is", "Fresno|,|Calif.|is"},
		{"cyrillic", "Путин заявил, что", "Путин|заявил|,|что"},
		{"arabic", "قال الرئيس: نعم", "قال|الرئيس|:|نعم"},
		{"han", "美国国务卿访问墨西哥。", "美|国|国|务|卿|访|问|墨|西|哥|。"},
		{"japanese", "ルビオ国務長官は", "ルビオ|国|務|長|官|は"},
		{"korean", "루비오 장관", "루비오|장관"},
		{"accents", "José Martínez, São Paulo", "José|Martínez|,|São|Paulo"},
		{"spaces", "a\u00a0b\u2009c\u3000d\u200be", "a|b|c|d|e"},
		{"empty", "", ""},
		{"only space", " \n\t ", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := strings.Join(words(tt.in, Tokenize(tt.in)), "|")
			if got != tt.want {
				t.Errorf("Tokenize(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

// checkTokens asserts the invariants every tokenization keeps: spans in
// order, non-empty, not overlapping, within s, on rune boundaries of valid
// text, and nothing but whitespace left between tokens.
func checkTokens(t *testing.T, s string, toks []doc.Token) {
	t.Helper()
	prev := 0
	for i, tk := range toks {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) {
			t.Fatalf("token %d %v bad (prev end %d, len %d)", i, tk.Span, prev, len(s))
		}
		gap := s[prev:tk.Start]
		for _, r := range gap {
			if r != utf8.RuneError && !isSpaceRune(r) && !(r < utf8.RuneSelf && asciiClass[r] == CharSpace) {
				t.Fatalf("token %d: non-space %q skipped in gap %q", i, r, gap)
			}
		}
		if utf8.ValidString(s) && (!utf8.RuneStart(s[tk.Start]) || tk.End < len(s) && !utf8.RuneStart(s[tk.End])) {
			t.Fatalf("token %d %v splits a rune", i, tk.Span)
		}
		prev = tk.End
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"U.S. Secretary of State Marco Rubio’s visit, 3.5% of $1.2bn on 2026-11-26.",
		"see https://x.org/(a) or a@b.co... “Yes,” he said—then left!",
		"Путин 美国 الرئيس 루비오 ルビオ",
		"\xff\xfe bad \xe2\x80 utf8 \xc3",
		"Mexico City: In a visit.\n\nMr. Smith's Inc. won't.",
		"a.b.c.d.e.f. x@y.z.w 1,2.3:4/5-6",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		checkTokens(t, s, toks)
		sents := Sentences(s, toks)
		next := 0
		for i, se := range sents {
			if se.FirstToken != next || se.EndToken <= se.FirstToken || se.EndToken > len(toks) {
				t.Fatalf("sentence %d [%d,%d) after %d", i, se.FirstToken, se.EndToken, next)
			}
			if se.Start != toks[se.FirstToken].Start || se.End != toks[se.EndToken-1].End {
				t.Fatalf("sentence %d span %v mismatches tokens", i, se.Span)
			}
			next = se.EndToken
		}
		if next != len(toks) {
			t.Fatalf("sentences cover %d of %d tokens", next, len(toks))
		}
		_ = Language(s)
	})
}
