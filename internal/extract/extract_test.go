package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"newsgraph/internal/cputime"
)

const devDir = "../../../shared/data/html/mozilla-readability"

func loadDev(t testing.TB) []DevPage {
	t.Helper()
	pages, err := LoadDevDir(devDir)
	if err != nil || len(pages) == 0 {
		t.Skip("shared extraction dev pages not available:", err)
	}
	return pages
}

// TestDevQuality compares Extract with both libraries on the dev pages.
// The gold is Readability.js's own output, which favours go-readability;
// Extract must match it and beat go-trafilatura (figures in docs/ingest.md).
func TestDevQuality(t *testing.T) {
	pages := loadDev(t)
	res := map[string]EvalResult{}
	names := []string{"newsgraph", "go-readability"}
	if !testing.Short() {
		names = append(names, "go-trafilatura")
	}
	for _, name := range names {
		r, scores := Evaluate(Extractors()[name], pages)
		res[name] = r
		t.Logf("%-15s P %.4f R %.4f F1 %.4f  %.0f pages/s", name, r.Precision, r.Recall, r.F1, r.PagesPerSec)
		if name == "newsgraph" {
			for _, s := range scores {
				if s.F1 < 0.95 {
					t.Logf("  %-18s P %.3f R %.3f F1 %.3f %v", s.ID, s.Precision, s.Recall, s.F1, s.Err)
				}
			}
		}
	}
	if ng, rd := res["newsgraph"], res["go-readability"]; ng.F1 < rd.F1-0.002 || ng.Errors > 0 {
		t.Errorf("newsgraph F1 %.4f below go-readability %.4f", ng.F1, rd.F1)
	}
	if tr, ok := res["go-trafilatura"]; ok && res["newsgraph"].F1 < tr.F1 {
		t.Errorf("newsgraph F1 %.4f below go-trafilatura %.4f", res["newsgraph"].F1, tr.F1)
	}
}

func TestScore(t *testing.T) {
	tests := []struct {
		got, gold string
		p, r      float64
	}{
		{"a b c", "a b c", 1, 1},
		{"A, b!", "a b c d", 1, 0.5},
		{"a a a b", "a b", 0.5, 1},
		{"", "", 1, 1},
		{"x", "", 0, 0},
	}
	for _, tt := range tests {
		p, r, _ := Score(tt.got, tt.gold)
		if p != tt.p || r != tt.r {
			t.Errorf("Score(%q, %q) = %v, %v; want %v, %v", tt.got, tt.gold, p, r, tt.p, tt.r)
		}
	}
}

func TestStripInert(t *testing.T) {
	tests := []struct{ in, want string }{
		{`a<script>if (a<b) x="</div>";</script>b`, "ab"},
		{`a<SCRIPT type="text/javascript">x</Script >b`, "ab"},
		{`<script type="application/ld+json">{"a":1}</script>`, `<script type="application/ld+json">{"a":1}</script>`},
		{`a<!-- <p>hidden</p> -->b<style>p{}</style>c<noscript><img></noscript>d`, "abcd"},
		{`a<svg viewBox="0 0 1 1"><path d="M0"/></svg>b`, "ab"},
		{`a<nav><ul><li><nav>in</nav></li></ul>x</nav>b`, "ab"},
		{`a<aside>unclosed<p>text</p>`, `a<aside>unclosed<p>text</p>`},
		{`<navbar>kept</navbar><footer class="f">gone</FOOTER>`, `<navbar>kept</navbar>`},
		{`<form><p>ASP.NET page</p></form>`, `<form><p>ASP.NET page</p></form>`},
		{`<scripts>kept</scripts><p>x</p>`, `<scripts>kept</scripts><p>x</p>`},
		{`a<script>never closed`, "a"},
		{`a<!-- never closed`, "a"},
		{`x < y and <b>bold</b>`, `x < y and <b>bold</b>`},
	}
	for _, tt := range tests {
		if got := string(stripInert([]byte(tt.in))); got != tt.want {
			t.Errorf("stripInert(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExtractMetadata(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><head><title>Rubio visits Mexico | Example News</title>
<link rel="canonical" href="https://news.example.com/rubio">
<meta property="article:published_time" content="2026-11-26T09:30:00Z">
<meta name="author" content="Jane Reporter">
<script>var junk = "<p>not text</p>";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Rubio visits Mexico</h1>
<p>Mexico City: U.S. Secretary of State Marco Rubio arrived in Mexico City today, signaling a new phase of collaboration between Washington and Mexico on security.</p>
<p>Secretary Rubio met with Mexican President Claudia Sheinbaum and key government officials to discuss measures aimed at curbing cartel activities, officials said.</p>
<p>The talks focused on enhanced intelligence sharing, joint law enforcement operations, and the flow of arms across the border, according to both governments.</p>
</article><footer>Copyright Example News. All rights reserved.</footer></body></html>`
	r, err := Extract([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(r.Text, "Mexico City: U.S. Secretary") || strings.Contains(r.Text, "not text") || strings.Contains(r.Text, "Copyright") {
		t.Errorf("text = %q", r.Text)
	}
	if strings.Count(r.Text, "\n\n") < 2 {
		t.Errorf("paragraphs not separated: %q", r.Text)
	}
	if !strings.HasPrefix(r.Title, "Rubio visits Mexico") || r.Byline != "Jane Reporter" || r.URL != "https://news.example.com/rubio" ||
		r.Published.Format("2006-01-02T15:04") != "2026-11-26T09:30" || r.Lang != "en" {
		t.Errorf("metadata = %+v", r)
	}
}

func TestFragmentText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain  text\n", "plain text"},
		{"Caf&eacute; &amp; bar", "Café & bar"},
		{"<p>One.</p><p>Two <b>bold</b>.</p>", "One.\n\nTwo bold."},
		{"line<br>break<script>x</script>", "line\nbreak"},
		{"<ul><li>a</li><li>b</li></ul>", "a\n\nb"},
	}
	for _, tt := range tests {
		if got := FragmentText(tt.in); got != tt.want {
			t.Errorf("FragmentText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// BenchmarkExtract measures pages/s over the 31 dev pages (358 KB average).
func BenchmarkExtract(b *testing.B) {
	for _, name := range []string{"newsgraph", "go-readability", "go-trafilatura"} {
		b.Run(name, func(b *testing.B) {
			pages := loadDev(b)
			ex := Extractors()[name]
			var n int64
			for _, p := range pages {
				n += int64(len(p.HTML))
			}
			b.SetBytes(n / int64(len(pages)))
			i := 0
			cpu := cputime.Used()
			for b.Loop() {
				p := pages[i%len(pages)]
				ex([]byte(p.HTML), p.URL)
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(b.N)/(cputime.Used()-cpu).Seconds(), "pages/cpu-s")
		})
	}
}

// TestDevMetadata measures title, byline and date against the
// expected-metadata.json of each dev page (Readability.js's output).
func TestDevMetadata(t *testing.T) {
	pages := loadDev(t)
	var n, title, byline, nbyline, date, ndate int
	for _, p := range pages {
		b, err := os.ReadFile(filepath.Join(devDir, p.ID, "expected-metadata.json"))
		if err != nil {
			continue
		}
		var m struct {
			Title         string `json:"title"`
			Byline        string `json:"byline"`
			PublishedTime string `json:"publishedTime"`
		}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		r, err := Extract([]byte(p.HTML), p.URL)
		if err != nil {
			t.Errorf("%s: %v", p.ID, err)
			continue
		}
		n++
		if strings.EqualFold(strings.Join(strings.Fields(r.Title), " "), strings.Join(strings.Fields(m.Title), " ")) {
			title++
		} else {
			t.Logf("%s: title %q, want %q", p.ID, r.Title, m.Title)
		}
		if m.Byline != "" {
			nbyline++
			if strings.Contains(strings.ToLower(m.Byline), strings.ToLower(r.Byline)) && r.Byline != "" {
				byline++
			}
		}
		if m.PublishedTime != "" {
			ndate++
			if want, err := time.Parse(time.RFC3339, m.PublishedTime); err == nil && r.Published.Equal(want) ||
				!r.Published.IsZero() && strings.HasPrefix(m.PublishedTime, r.Published.Format("2006-01-02")) {
				date++
			} else {
				t.Logf("%s: published %v, want %s", p.ID, r.Published, m.PublishedTime)
			}
		}
	}
	t.Logf("titles %d/%d, bylines %d/%d, dates %d/%d", title, n, byline, nbyline, date, ndate)
	if title < n*9/10 {
		t.Errorf("only %d/%d titles right", title, n)
	}
}

func TestPageDate(t *testing.T) {
	tests := []struct{ page, want string }{
		{`<html><head><meta name="parsely-pub-date" content="2026-11-26T08:00:00Z"></head><body><p>x</p></body></html>`, "2026-11-26"},
		{`<html><body><header><time datetime="2030-01-01">now</time></header><article><time datetime="2026-11-25T10:00:00+01:00">Nov 25</time><p>x</p></article></body></html>`, "2026-11-25"},
		{`<html><body><span><time pubdate datetime="2026-11-24">x</time></span></body></html>`, "2026-11-24"},
		{`<html><body><time>not a date</time></body></html>`, ""},
	}
	for _, tt := range tests {
		doc, _ := html.Parse(strings.NewReader(tt.page))
		got := pageDate(doc)
		s := ""
		if !got.IsZero() {
			s = got.Format("2006-01-02")
		}
		if s != tt.want {
			t.Errorf("pageDate(%q) = %q, want %q", tt.page, s, tt.want)
		}
	}
}

// TestDeepNesting: x/net/html refuses more than 512 open elements, which
// bounds every recursive walk here; such pages come back as an error.
func TestDeepNesting(t *testing.T) {
	page := "<html><body>" + strings.Repeat("<div>", 100000) + "<p>text</p></body></html>"
	if _, err := Extract([]byte(page), ""); err == nil || !strings.Contains(err.Error(), "parse html") {
		t.Errorf("deeply nested page: err = %v, want a parse error", err)
	}
}
