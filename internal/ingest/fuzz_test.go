package ingest

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"newsgraph/internal/doc"
)

// fuzzRead reads data as format and checks the reader's promises: no
// panic, every error an *Error with an origin, every article with its
// identity set and valid UTF-8 text.
func fuzzRead(t *testing.T, data []byte, name string, format Format) {
	opt := Options{Format: format, MaxRecord: 1 << 20}
	err := FromReader(bytes.NewReader(data), name, opt, func(a *doc.Article, err error) error {
		if err != nil {
			var ie *Error
			if !errors.As(err, &ie) || ie.Origin == "" || !strings.HasPrefix(ie.Origin, name) {
				t.Fatalf("error without origin: %v", err)
			}
			return nil
		}
		if a.ID == "" || len(a.Hash) != 32 || len(a.SimHash) != 16 || !strings.HasPrefix(a.Origin, name) {
			t.Fatalf("incomplete article %+v", a)
		}
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
			t.Fatalf("invalid UTF-8 in article %q", a.Origin)
		}
		if strings.TrimSpace(a.Text) == "" {
			t.Fatalf("empty article %q", a.Origin)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("FromReader returned %v", err)
	}
}

func FuzzText(f *testing.F) {
	f.Add([]byte("Title\n\nBody text."))
	f.Add([]byte("\ufeffno title\nsecond line"))
	f.Add([]byte("bad \xff utf8"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "f.txt", Text) })
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"a","url":"http://x.example/a","title":"T","published":"2026-11-26","text":"Body"}` + "\n"))
	f.Add([]byte(`{"id":1,"html":"<p>Hello <b>world</b></p>"}` + "\n" + `{"text":"x"` + "\n"))
	f.Add([]byte(`[{"text":"array form"},{"text":""}]`))
	f.Add([]byte("{\"text\":\"\xff\"}\n\n\n{}"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "f.jsonl", JSONL) })
}

func FuzzFeed(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><rss version="2.0"><channel><link>http://e.example/</link><item><title>A</title><link>/a</link><description>&lt;p&gt;x&lt;/p&gt;</description><pubDate>Thu, 26 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>`))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://e.example/"><entry><title>E</title><link href="e"/><content type="html">&lt;b&gt;c&lt;/b&gt;</content><updated>2026-11-26T10:00:00Z</updated></entry></feed>`))
	f.Add([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item><title>caf` + "\xe9" + `</title></item></rdf:RDF>`))
	f.Add([]byte(`<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss><channel><item><title>&b;</title>`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "f.xml", Feed) })
}

func FuzzWARC(f *testing.F) {
	page := "<html><head><title>T</title></head><body><p>Some article text here, long enough.</p></body></html>"
	f.Add(warcRecord("response", "http://e.example/", "application/http; msgtype=response", []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"+page)))
	f.Add(warcRecord("response", "<http://e.example/c>", "application/http; msgtype=response", []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>hi\r\nzz\r\n")))
	f.Add(warcRecord("resource", "http://e.example/r", "text/html", []byte(page)))
	f.Add([]byte("filedesc://x.arc 0.0.0.0 20140216050221 text/plain 3\nabc\nhttp://e.example/ 1.2.3.4 20140216050221 text/html 20\nHTTP/1.0 200 OK\r\n\r\n<p>x"))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999\r\nWARC-Type: response\r\n\r\nshort"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "f.warc", WARC) })
}

func FuzzHTML(f *testing.F) {
	f.Add([]byte(`<!DOCTYPE html><html><head><meta charset="iso-8859-1"><title>T</title></head><body><article><p>Caf` + "\xe9" + ` text.</p></article></body></html>`))
	f.Add([]byte(`<html><script>var a="</scr"+"ipt>";</script><p>x<table><tr><td>cell</table><!-- c`))
	f.Add([]byte(`<p><p><p><div><span><a href="javascript:x">link</a>`))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, data, "f.html", HTML) })
}

// FuzzSniff reads with format sniffing, through every reader.
func FuzzSniff(f *testing.F) {
	f.Add([]byte("WARC/1.0\r\n\r\n"), "x")
	f.Add([]byte("<rss><channel><item><title>a</title></item></channel></rss>"), "x.xml")
	f.Add([]byte("\x1f\x8b\x08\x00"), "x.gz")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		if name == "" || strings.ContainsAny(name, "@#:") {
			name = "x"
		}
		fuzzRead(t, data, name, Auto)
	})
}
