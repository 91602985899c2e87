package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/pipeline"
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

// runTextOnly runs `newsgraph analyze ARGS...` with only the text stage in
// the flow, for tests of reading and output that need no models.
func runTextOnly(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cmdEnv{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb}
	textFlow := func(opt flowOptions) (*pipeline.Pipeline, error) {
		if len(opt.stages) == 0 {
			opt.stages = []string{"text"}
		}
		return newFlow(opt)
	}
	err := analyzeCmd(context.Background(), env, args, textFlow)
	if err == nil {
		return 0, out.String(), errb.String()
	}
	fmt.Fprintf(&errb, "newsgraph analyze: %v\n", err)
	var ec exitCoder
	if errors.As(err, &ec) {
		return ec.ExitCode(), out.String(), errb.String()
	}
	return 1, out.String(), errb.String()
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

func TestAnalyzeInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("a.txt", "Rubio visits Mexico\n\nSen. Rubio arrived in the U.S. The talks began.")
	jsonl := write("b.jsonl", `{"id":"x1","title":"One","published":"2026-11-20","text":"El Sr. Pérez viajó a EE.UU. La visita terminó."}`+"\n"+
		`{"id":"x2","text":"Officials met today. They agreed."}`+"\n")
	binary := write("c.txt", "bad\x00binary")
	missing := dir + "/nope.txt"

	t.Run("jsonl and text", func(t *testing.T) {
		code, out, errOut := runTextOnly(t, "", "--published", "2026-11-26", good, jsonl)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		as := decodeArticles(t, out)
		if len(as) != 3 {
			t.Fatalf("got %d articles, want 3", len(as))
		}
		for i := range as {
			checkOffsets(t, &as[i])
		}
		if as[0].Title != "Rubio visits Mexico" || len(as[0].Sentences) != 2 || as[0].Lang != "en" {
			t.Errorf("text article: title %q, %d sentences, lang %q", as[0].Title, len(as[0].Sentences), as[0].Lang)
		}
		if as[1].ID != "x1" || as[1].Lang != "es" || len(as[1].Sentences) != 2 {
			t.Errorf("jsonl article: id %q lang %q %d sentences", as[1].ID, as[1].Lang, len(as[1].Sentences))
		}
		if got := as[1].Published.Format(time.DateOnly); got != "2026-11-20" {
			t.Errorf("published %s: --published must not override the input's date", got)
		}
		if got := as[2].Published.Format(time.DateOnly); got != "2026-11-26" {
			t.Errorf("published %s, want --published 2026-11-26", got)
		}
	})
	t.Run("stdin", func(t *testing.T) {
		code, out, errOut := runTextOnly(t, "Officials met. They agreed.", "-")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if as := decodeArticles(t, out); len(as) != 1 || len(as[0].Sentences) != 2 {
			t.Errorf("stdin: %s", out)
		}
	})
	t.Run("stops at first bad input", func(t *testing.T) {
		code, out, errOut := runTextOnly(t, "", binary, good)
		if code == 0 {
			t.Fatal("exit 0 on a binary input")
		}
		if !strings.Contains(errOut, "c.txt") {
			t.Errorf("error does not name the file: %s", errOut)
		}
		if len(decodeArticles(t, out)) != 0 {
			t.Errorf("articles after a fatal error: %s", out)
		}
	})
	t.Run("keep going", func(t *testing.T) {
		code, out, errOut := runTextOnly(t, "", "--keep-going", binary, missing, good)
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		if !strings.Contains(errOut, "c.txt") || !strings.Contains(errOut, "nope.txt") || !strings.Contains(errOut, "2 inputs failed") {
			t.Errorf("stderr does not report both bad inputs with file and offset:\n%s", errOut)
		}
		if as := decodeArticles(t, out); len(as) != 1 {
			t.Errorf("got %d articles, want the good one", len(as))
		}
	})
	t.Run("pretty", func(t *testing.T) {
		code, out, _ := runTextOnly(t, "", "--pretty", good)
		if code != 0 || !strings.Contains(out, "\n  \"id\": ") {
			t.Errorf("exit %d, not indented:\n%.200s", code, out)
		}
		decodeArticles(t, out)
	})
	t.Run("stages", func(t *testing.T) {
		if code, _, errOut := runTextOnly(t, "", "--stages", "text", good); code != 0 {
			t.Errorf("--stages text: exit %d: %s", code, errOut)
		}
		if code, _, errOut := runTextOnly(t, "", "--stages", "nosuch", good); code == 0 || !strings.Contains(errOut, "nosuch") {
			t.Errorf("--stages nosuch: exit %d: %s", code, errOut)
		}
	})
	t.Run("bad flags", func(t *testing.T) {
		if code, _, _ := runTextOnly(t, "", "--published", "26/11/2026", good); code == 0 {
			t.Error("bad --published accepted")
		}
		if code, _, _ := runTextOnly(t, ""); code == 0 {
			t.Error("no input accepted")
		}
	})
}
