package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"newsgraph/internal/doc"
)

const examplePath = "../../../shared/examples/rubio-mexico.txt"

// runCmd runs the newsgraph command in-process and returns its exit status
// and output.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cmdEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	code := run(context.Background(), env, args)
	return code, out.String(), errb.String()
}

// decodeArticles parses JSONL output strictly.
func decodeArticles(t *testing.T, out string) []doc.Article {
	t.Helper()
	var as []doc.Article
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	for dec.More() {
		var a doc.Article
		if err := dec.Decode(&a); err != nil {
			t.Fatalf("output is not JSON articles: %v\n%s", err, out)
		}
		as = append(as, a)
	}
	return as
}

// checkOffsets asserts that every token and sentence span slices Text
// exactly: in bounds, ordered, on rune boundaries, sentences covering their
// tokens.
func checkOffsets(t *testing.T, a *doc.Article) {
	t.Helper()
	prev := 0
	for i, tk := range a.Tokens {
		if tk.Start < prev || tk.End <= tk.Start || tk.End > len(a.Text) {
			t.Fatalf("token %d %v out of order or bounds (text %d bytes)", i, tk.Span, len(a.Text))
		}
		if w := a.Slice(tk.Span); strings.TrimSpace(w) != w {
			t.Errorf("token %d %q has surrounding space", i, w)
		}
		prev = tk.End
	}
	next := 0
	for i, s := range a.Sentences {
		if s.FirstToken != next || s.EndToken <= s.FirstToken || s.EndToken > len(a.Tokens) {
			t.Fatalf("sentence %d tokens [%d,%d) do not follow on from %d", i, s.FirstToken, s.EndToken, next)
		}
		if s.Start != a.Tokens[s.FirstToken].Start || s.End != a.Tokens[s.EndToken-1].End {
			t.Errorf("sentence %d span %v does not match its tokens", i, s.Span)
		}
		next = s.EndToken
	}
	if next != len(a.Tokens) {
		t.Errorf("sentences cover %d of %d tokens", next, len(a.Tokens))
	}
}

func TestAnalyzeExample(t *testing.T) {
	if _, err := os.Stat(examplePath); err != nil {
		t.Skip("shared example absent:", err)
	}
	code, out, errOut := runCmd(t, "", "analyze", "--published", "2026-11-26", examplePath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	as := decodeArticles(t, out)
	if len(as) != 1 {
		t.Fatalf("got %d articles, want 1", len(as))
	}
	a := &as[0]
	checkOffsets(t, a)
	if a.Lang != "en" {
		t.Errorf("lang = %q, want en", a.Lang)
	}
	if got := a.Published.Format("2006-01-02"); got != "2026-11-26" {
		t.Errorf("published = %s, want 2026-11-26 from --published", got)
	}
	// 15 sentences, plus the "Mexico City:" dateline standing apart.
	if len(a.Sentences) != 16 {
		for _, s := range a.Sentences {
			t.Logf("%q", a.Slice(s.Span))
		}
		t.Errorf("got %d sentences, want 16 (15 + dateline)", len(a.Sentences))
	}
	if got := a.Slice(a.Sentences[0].Span); got != "Mexico City:" {
		t.Errorf("first sentence %q, want the dateline", got)
	}
	usTokens := 0
	for _, tk := range a.Tokens {
		if a.Slice(tk.Span) == "U.S." {
			usTokens++
		}
	}
	if want := strings.Count(a.Text, "U.S."); usTokens != want || want == 0 {
		t.Errorf("%d \"U.S.\" tokens, want %d", usTokens, want)
	}
	for i, s := range a.Sentences {
		body := a.Slice(s.Span)
		if strings.HasSuffix(body, "U.S.") || strings.HasPrefix(a.Text[s.End:], " U.S.") && !strings.HasSuffix(body, ".") {
			t.Errorf("sentence %d split at U.S.: %q", i, body)
		}
	}
	// The curly possessive splits off, as in CoNLL/PTB.
	found := false
	for i := 0; i+1 < len(a.Tokens); i++ {
		if a.Slice(a.Tokens[i].Span) == "Rubio" && a.Slice(a.Tokens[i+1].Span) == "’s" {
			found = true
		}
	}
	if !found {
		t.Error(`no "Rubio" + "’s" tokens`)
	}
}
