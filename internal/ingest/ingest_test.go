package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"newsgraph/internal/dedup"
	"newsgraph/internal/doc"
)

// collect reads one input and returns its articles and errors.
func collect(t testing.TB, data []byte, name string, opt Options) ([]*doc.Article, []error) {
	t.Helper()
	var arts []*doc.Article
	var errs []error
	err := FromReader(bytes.NewReader(data), name, opt, func(a *doc.Article, err error) error {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		arts = append(arts, a)
		return nil
	})
	if err != nil {
		t.Fatalf("FromReader(%s) returned %v", name, err)
	}
	return arts, errs
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

const sharedData = "../../../shared/data/"

// TestSharedData reads every file under the shared feeds, html, warc and
// news folders: none may fail except the one record of warcio's
// example-trunc.warc whose Content-Length is two bytes short of its
// payload (two stray bytes precede the next record).
func TestSharedData(t *testing.T) {
	if _, err := os.Stat(sharedData); err != nil {
		t.Skip("shared data not available")
	}
	want := map[string]int{"feeds": 40, "html": 93, "warc": 9, "news": 22010}
	for _, dir := range []string{"feeds", "html", "warc", "news"} {
		if testing.Short() && dir == "news" {
			continue
		}
		n := 0
		err := Walk(context.Background(), []string{sharedData + dir}, Options{}, func(a *doc.Article, err error) error {
			if err != nil {
				var ie *Error
				if errors.As(err, &ie) && strings.HasSuffix(ie.Origin, "example-trunc.warc@2560") {
					return nil
				}
				t.Errorf("%s: %v", dir, err)
				return nil
			}
			n++
			if a.ID == "" || a.Hash == "" || len(a.SimHash) != 16 || a.Origin == "" || strings.TrimSpace(a.Text) == "" {
				t.Errorf("%s: incomplete article %+v", dir, a)
			}
			if a.Hash != dedup.Hash(a.Text) {
				t.Errorf("%s: hash mismatch", a.Origin)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if n != want[dir] {
			t.Errorf("%s: %d articles, want %d", dir, n, want[dir])
		}
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		head, name, ct string
		want           Format
	}{
		{"WARC/1.0\r\n", "x.bin", "", WARC},
		{"filedesc://x.arc 0.0.0.0 2014 text/plain 7\n", "x", "", WARC},
		{"<?xml version='1.0'?>\n<!-- c -->\n<rss version='2.0'>", "page.html", "", Feed},
		{"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", "", "", Feed},
		{"<rdf:RDF xmlns:rdf='x'>", "", "", Feed},
		{"<!DOCTYPE html><html>", "feed.xml", "", HTML},
		{"<html><body>", "", "", HTML},
		{"<div>fragment</div>", "", "", HTML},
		{"<div>fragment</div>", "", "application/rss+xml", Feed},
		{"{\"id\":1}\n", "", "", JSONL},
		{"{\"id\":1}\n", "notes.txt", "", Text},
		{"Title\n\nBody", "a.txt", "", Text},
		{"Title\n\nBody", "", "text/plain; charset=utf-8", Text},
		{"Title\n\nBody", "", "", ""},
		{"\x00\x01\x02", "a.txt", "", ""},
		{"plain", "x.warc", "", WARC},
	}
	for _, tt := range tests {
		if got := sniff([]byte(tt.head), tt.name, tt.ct); got != tt.want {
			t.Errorf("sniff(%q, %q, %q) = %q, want %q", tt.head, tt.name, tt.ct, got, tt.want)
		}
	}
}

func TestText(t *testing.T) {
	arts, errs := collect(t, []byte("Rubio visits Mexico\n\nMexico City: U.S. Secretary of State Marco Rubio arrived.\n"), "a.txt", Options{})
	if len(errs) > 0 || len(arts) != 1 {
		t.Fatalf("got %d articles, errors %v", len(arts), errs)
	}
	a := arts[0]
	if a.Title != "Rubio visits Mexico" || !strings.HasPrefix(a.Text, "Mexico City:") || a.ID != a.Hash || a.Origin != "a.txt" {
		t.Errorf("bad article %+v", a)
	}
	// No blank line after the first line: no title.
	arts, _ = collect(t, []byte("Line one\nline two\n"), "b.txt", Options{})
	if arts[0].Title != "" || arts[0].Text != "Line one\nline two" {
		t.Errorf("title taken without blank line: %+v", arts[0])
	}
}

func TestBadInputs(t *testing.T) {
	valid := []byte("{\"id\":\"a\",\"text\":\"fine\"}\n")
	trunc := gz(bytes.Repeat([]byte("{\"text\":\"some words here\"}\n"), 2000))
	trunc = trunc[:len(trunc)/2]
	tests := []struct {
		name   string
		data   []byte
		opt    Options
		arts   int
		errsub []string // substrings of the errors, in order
	}{
		{"binary.txt", []byte("abc\x00\x01\x02def"), Options{}, 0, []string{"binary.txt", "binary"}},
		{"latin1.txt", []byte("Caf\xe9 society\n"), Options{}, 0, []string{"latin1.txt", "invalid UTF-8 at byte 3"}},
		{"latin1r.txt", []byte("Caf\xe9 society\n"), Options{RepairUTF8: true}, 1, nil},
		{"bad.jsonl", append(append(append([]byte{}, valid...), "{\"text\": nope}\n"...), valid...), Options{}, 2, []string{"bad.jsonl:2: malformed JSON at column"}},
		{"utf.jsonl", []byte("{\"text\":\"caf\xe9\"}\n"), Options{}, 0, []string{"utf.jsonl:1", "invalid UTF-8"}},
		{"empty.jsonl", []byte("{\"id\":\"x\",\"text\":\"  \"}\n"), Options{}, 0, []string{"empty.jsonl:1", "no article text"}},
		{"long.jsonl", append(append([]byte("{\"text\":\""+strings.Repeat("x", 5000)+"\"}\n"), valid...), valid...), Options{MaxRecord: 1000}, 2, []string{"long.jsonl:1: line exceeds size limit"}},
		{"trunc.jsonl.gz", trunc, Options{}, -1, []string{"trunc.jsonl.gz", "truncated"}},
		{"badgz.gz", []byte{0x1f, 0x8b, 0, 0}, Options{}, 0, []string{"badgz.gz", "gzip"}},
		{"big.html", []byte("<html><body><p>" + strings.Repeat("word ", 400) + "</p></body></html>"), Options{MaxRecord: 1000}, 0, []string{"big.html", "exceeds size limit"}},
		{"cut.xml", []byte("<?xml version='1.0'?><rss><channel><item><title>a</title></item>"), Options{}, 1, nil},
		{"cutitem.xml", []byte("<?xml version='1.0'?><rss><channel><item><title>a</title></item><item><title>b</tit"), Options{}, 1, []string{"cutitem.xml", "truncated feed", "1 items"}},
		{"garbage.xml", []byte("<rss><<<>>>"), Options{}, 0, []string{"garbage.xml", "parse feed"}},
		{"empty.html", []byte("<html><body><script>x()</script></body></html>"), Options{}, 0, []string{"empty.html", "no article text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			arts, errs := collect(t, tt.data, tt.name, tt.opt)
			if tt.arts >= 0 && len(arts) != tt.arts {
				t.Errorf("%d articles, want %d (errors %v)", len(arts), tt.arts, errs)
			}
			if (len(errs) == 0) != (len(tt.errsub) == 0) || len(errs) > 1 {
				t.Fatalf("errors %v, want one mentioning %q", errs, tt.errsub)
			}
			for _, err := range errs {
				var ie *Error
				if !errors.As(err, &ie) {
					t.Errorf("error %v is not an *ingest.Error", err)
				}
				for _, sub := range tt.errsub {
					if !strings.Contains(err.Error(), sub) {
						t.Errorf("error %q does not mention %q", err, sub)
					}
				}
			}
		})
	}
}

// endless yields n bytes of 'a' without a newline, never holding them.
type endless struct{ n int64 }

func (e *endless) Read(p []byte) (int, error) {
	if e.n <= 0 {
		return 0, io.EOF
	}
	k := min(int64(len(p)), e.n)
	for i := range p[:k] {
		p[i] = 'a'
	}
	e.n -= k
	return int(k), nil
}

// TestHugeLine feeds a 200 MB line: it must be reported by line number and
// the next line still read, with memory bounded by MaxRecord.
func TestHugeLine(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 200 MB")
	}
	r := io.MultiReader(strings.NewReader("{\"text\":\"first\"}\n{\"text\":\""), &endless{200 << 20}, strings.NewReader("\"}\n{\"text\":\"last\"}\n"))
	var got []string
	err := FromReader(r, "huge.jsonl", Options{}, func(a *doc.Article, err error) error {
		if err != nil {
			got = append(got, err.Error())
		} else {
			got = append(got, a.Text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"first", "huge.jsonl:2: line exceeds size limit of 33554432 bytes", "last"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestXMLBomb checks that entity-expansion bombs neither expand nor hang.
func TestXMLBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">`)
	prev := "lol"
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, `<!ENTITY lol%d "%s">`, i, strings.Repeat("&"+prev+";", 10))
		prev = fmt.Sprintf("lol%d", i)
	}
	b.WriteString(`]><rss version="2.0"><channel><title>t</title><item><title>bomb</title><description>&lol9;</description></item></channel></rss>`)
	arts, errs := collect(t, []byte(b.String()), "bomb.xml", Options{})
	// gofeed's non-strict decoder keeps unknown entities as text or drops
	// them; either way nothing expands.
	for _, a := range arts {
		if len(a.Text) > 1000 || strings.Contains(a.Text, "lollol") {
			t.Errorf("entity expanded to %d bytes", len(a.Text))
		}
	}
	if len(arts)+len(errs) != 1 {
		t.Errorf("bomb: %d articles, errors %v; want one or the other", len(arts), errs)
	}
}

func TestFeed(t *testing.T) {
	feed := `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Le Monde</title><link>https://example.org/news/</link>
<item><title>Caf` + "\xe9" + ` &amp; politique</title><link>/2026/11/26/story.html</link>
<description>&lt;p&gt;First paragraph.&lt;/p&gt;&lt;p&gt;Second &lt;b&gt;bold&lt;/b&gt;.&lt;/p&gt;</description>
<pubDate>Thu, 26 Nov 2026 10:00:00 +0100</pubDate><author>Jean Dupont</author></item>
<item><title>Headline only</title><link>https://other.example.com/x</link></item>
</channel></rss>`
	arts, errs := collect(t, []byte(feed), "f.xml", Options{})
	if len(errs) > 0 || len(arts) != 2 {
		t.Fatalf("%d articles, errors %v", len(arts), errs)
	}
	a := arts[0]
	if a.Title != "Café & politique" || a.URL != "https://example.org/2026/11/26/story.html" ||
		a.Text != "First paragraph.\n\nSecond bold." || a.Source != "example.org" ||
		a.Published.Format("2006-01-02T15:04") != "2026-11-26T09:00" || a.Origin != "f.xml#1" {
		t.Errorf("bad item: %+v", a)
	}
	if arts[1].Text != "Headline only" || arts[1].Source != "other.example.com" {
		t.Errorf("bad headline-only item: %+v", arts[1])
	}
}

func TestJSONLFields(t *testing.T) {
	in := `{"id":"r1","url":"https://www.example.com/a","title":"T","published":"2026-11-26","text":"Body text.","extra":[1,2]}
{"id":42,"html":"<html><head><title>Page</title></head><body><article><p>` + strings.Repeat("Main text of the story goes on. ", 20) + `</p></article></body></html>","source":"Wire"}
`
	arts, errs := collect(t, []byte(in), "x.jsonl", Options{})
	if len(errs) > 0 || len(arts) != 2 {
		t.Fatalf("%d articles, errors %v", len(arts), errs)
	}
	if a := arts[0]; a.ID != "r1" || a.Source != "example.com" || a.Published.Format("2006-01-02") != "2026-11-26" || a.Origin != "x.jsonl:1" {
		t.Errorf("bad first: %+v", a)
	}
	if a := arts[1]; a.ID != "42" || a.Source != "Wire" || !strings.HasPrefix(a.Text, "Main text of the story") || a.Origin != "x.jsonl:2" {
		t.Errorf("bad second: %+v", a)
	}
}

// warcRecord builds one WARC/1.0 record.
func warcRecord(typ, uri, ct string, block []byte) []byte {
	return []byte(fmt.Sprintf("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Date: 2026-11-26T08:00:00Z\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, uri, ct, len(block), block))
}

func TestWARC(t *testing.T) {
	page := "<html><head><title>Story</title></head><body><article><p>" + strings.Repeat("The minister arrived in the capital today. ", 15) + "</p></article></body></html>"
	chunked := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n", len(page), page)
	plain := "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
	redirect := "HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n"
	var w bytes.Buffer
	w.Write(warcRecord("warcinfo", "", "application/warc-fields", []byte("software: test\r\n")))
	w.Write(warcRecord("request", "http://a.example/", "application/http; msgtype=request", []byte("GET / HTTP/1.1\r\n\r\n")))
	w.Write(warcRecord("response", "<http://a.example/story>", "application/http; msgtype=response", []byte(chunked)))
	w.Write(warcRecord("response", "http://b.example/r", "application/http; msgtype=response", []byte(redirect)))
	w.Write(gz(warcRecord("response", "http://c.example/p", "application/http; msgtype=response", []byte(plain))))
	full := w.Bytes()
	// gzip per record only works when all records are gzipped: test both forms.
	for _, tc := range []struct {
		name string
		data []byte
	}{{"mixed.warc", full}, {"whole.warc.gz", gz(bytes.ReplaceAll(full, gz(nil), nil))}} {
		_ = tc
	}
	var plainW bytes.Buffer
	var gzW bytes.Buffer
	var starts []int // compressed offset of each record's gzip member
	for _, rec := range [][]byte{
		warcRecord("warcinfo", "", "application/warc-fields", []byte("software: test\r\n")),
		warcRecord("response", "<http://a.example/story>", "application/http; msgtype=response", []byte(chunked)),
		warcRecord("response", "http://b.example/r", "application/http; msgtype=response", []byte(redirect)),
		warcRecord("response", "http://c.example/p", "application/http; msgtype=response", []byte(plain)),
	} {
		plainW.Write(rec)
		starts = append(starts, gzW.Len())
		gzW.Write(gz(rec))
	}
	for name, data := range map[string][]byte{"a.warc": plainW.Bytes(), "a.warc.gz": gzW.Bytes()} {
		arts, errs := collect(t, data, name, Options{})
		if len(errs) > 0 || len(arts) != 2 {
			t.Fatalf("%s: %d articles, errors %v", name, len(arts), errs)
		}
		if a := arts[0]; a.URL != "http://a.example/story" || a.Title != "Story" || !strings.HasPrefix(a.Text, "The minister") ||
			a.Published.Format(time3339) != "2026-11-26T08:00:00Z" || !strings.HasPrefix(a.Origin, name+"@") {
			t.Errorf("%s: bad article %+v", name, a)
		}
		// Per-record gzip: origins are the members' offsets in the file.
		if name == "a.warc.gz" {
			want := []string{fmt.Sprintf("a.warc.gz@%d", starts[1]), fmt.Sprintf("a.warc.gz@%d", starts[3])}
			if got := []string{arts[0].Origin, arts[1].Origin}; fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("origins %v, want %v", got, want)
			}
		}
	}
	// Whole-file gzip: offsets into the single member.
	arts, errs := collect(t, gz(plainW.Bytes()), "w.warc.gz", Options{})
	if len(errs) > 0 || len(arts) != 2 || !strings.HasPrefix(arts[1].Origin, "w.warc.gz@0+") {
		t.Errorf("whole-file gzip origins: %v", arts)
	}
	// Truncated: the last record is cut in its block.
	data := plainW.Bytes()
	arts, errs = collect(t, data[:len(data)-200], "t.warc", Options{})
	if len(arts) != 1 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "truncated record") {
		t.Errorf("truncated: %d articles, errors %v", len(arts), errs)
	}
}

const time3339 = "2006-01-02T15:04:05Z07:00"

func TestWalkSkips(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt":                "Title\n\nSome text.",
		"expected.json":        `{"title":"not an input"}`,
		"SOURCE.md":            "# about",
		".hidden.txt":          "secret",
		"sub/b.jsonl":          `{"text":"from jsonl"}`,
		"sub/noext":            "just words",
		"sub/page":             "<!DOCTYPE html><html><body><p>" + strings.Repeat("Words of a page. ", 20) + "</p></body></html>",
		"sub/image.bin":        "\x89PNG\x00\x00",
		".git/objects/x.jsonl": `{"text":"no"}`,
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(content), 0o644)
	}
	var origins []string
	err := Walk(context.Background(), []string{dir}, Options{}, func(a *doc.Article, err error) error {
		if err != nil {
			t.Errorf("unexpected error %v", err)
			return nil
		}
		origins = append(origins, strings.TrimPrefix(a.Origin, dir+"/"))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"a.txt", "sub/b.jsonl:1", "sub/page"}
	if fmt.Sprint(origins) != fmt.Sprint(want) {
		t.Errorf("walked %v, want %v", origins, want)
	}
	// Stopping: fn's error ends the walk and is returned.
	sentinel := errors.New("enough")
	if err := Walk(context.Background(), []string{dir}, Options{}, func(*doc.Article, error) error { return sentinel }); err != sentinel {
		t.Errorf("Walk returned %v, want the callback's error", err)
	}
	// A missing path is a bad input, not a failure of Walk.
	var bad error
	Walk(context.Background(), []string{filepath.Join(dir, "nope")}, Options{}, func(_ *doc.Article, err error) error { bad = err; return nil })
	if bad == nil || !strings.Contains(bad.Error(), "nope") {
		t.Errorf("missing path error = %v", bad)
	}
}

// TestHTTPBytes reads a page as the crawler hands it over: bytes, a
// content type with a charset the page does not declare, and a URL.
func TestHTTPBytes(t *testing.T) {
	page := "<div><h1>Caf\xe9</h1><p>" + strings.Repeat("Le caf\xe9 est ouvert \x96 dit le patron. ", 12) + "</p></div>"
	arts, errs := collect(t, []byte(page), "https://www.example.fr/story", Options{
		ContentType: "text/html; charset=windows-1252", URL: "https://www.example.fr/story"})
	if len(errs) > 0 || len(arts) != 1 {
		t.Fatalf("%d articles, errors %v", len(arts), errs)
	}
	a := arts[0]
	if !strings.Contains(a.Text, "Le café est ouvert – dit") || a.URL != "https://www.example.fr/story" || a.Source != "example.fr" {
		t.Errorf("bad article %+v", a)
	}
}

// TestWorkers checks that concurrent extraction delivers exactly what
// sequential reading does, in the same order, and stops when told to.
func TestWorkers(t *testing.T) {
	var w, j bytes.Buffer
	for i := 0; i < 40; i++ {
		page := fmt.Sprintf("<html><head><title>Story %d</title></head><body><article><p>%s</p></article></body></html>", i, strings.Repeat(fmt.Sprintf("Sentence number %d of the story. ", i), 10+i%7))
		switch i % 10 {
		case 3: // broken content encoding: a per-record error
			w.Write(gz(warcRecord("response", fmt.Sprintf("http://e.example/%d", i), "application/http; msgtype=response", []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\nnot gzip"))))
		case 7: // not an article
			w.Write(gz(warcRecord("response", fmt.Sprintf("http://e.example/%d", i), "application/http; msgtype=response", []byte("HTTP/1.1 404 Not Found\r\n\r\n"))))
		default:
			w.Write(gz(warcRecord("response", fmt.Sprintf("http://e.example/%d", i), "application/http; msgtype=response", []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"+page))))
		}
		if i%10 == 5 {
			j.WriteString("{\"text\": broken}\n")
		} else {
			fmt.Fprintf(&j, "{\"id\":\"%d\",\"html\":%q}\n", i, page)
		}
	}
	for name, data := range map[string][]byte{"w.warc": w.Bytes(), "j.jsonl": j.Bytes()} {
		trace := func(workers int) []string {
			var out []string
			err := FromReader(bytes.NewReader(data), name, Options{Workers: workers}, func(a *doc.Article, err error) error {
				if err != nil {
					out = append(out, "error "+err.Error())
				} else {
					out = append(out, a.Origin+" "+a.Title+" "+a.Hash)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		seq, par := trace(0), trace(4)
		if len(seq) < 30 || fmt.Sprint(seq) != fmt.Sprint(par) {
			t.Errorf("%s: sequential and concurrent reads differ:\n%v\n%v", name, seq, par)
		}
		sentinel := errors.New("enough")
		n := 0
		err := FromReader(bytes.NewReader(data), name, Options{Workers: 4}, func(*doc.Article, error) error {
			if n++; n == 3 {
				return sentinel
			}
			return nil
		})
		if err != sentinel || n != 3 {
			t.Errorf("%s: stop: err %v after %d calls", name, err, n)
		}
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2026-11-26T09:30:00+01:00", "2026-11-26T08:30:00Z"},
		{"2026-11-26", "2026-11-26T00:00:00Z"},
		{"1987-02-26T15:01:01Z", "1987-02-26T15:01:01Z"},
		{"Thu, 26 Nov 2026 10:00:00 GMT", "2026-11-26T10:00:00Z"},
		{"1795680000", "2026-11-26T08:00:00Z"},
		{"1795680000000", "2026-11-26T08:00:00Z"},
		{"26-FEB-1987", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := ""
		if tm, ok := parseTime(tt.in); ok {
			got = tm.UTC().Format(time3339)
		}
		if got != tt.want {
			t.Errorf("parseTime(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
