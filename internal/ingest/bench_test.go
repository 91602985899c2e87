package ingest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"newsgraph/internal/cputime"
	"newsgraph/internal/doc"
)

// BenchmarkJSONL reads the BBC corpus (2,225 articles, decompressed in
// memory first): articles/s for JSON decoding, hashing and SimHash.
func BenchmarkJSONL(b *testing.B) {
	f, err := os.Open(sharedData + "news/bbc2225.jsonl.gz")
	if err != nil {
		b.Skip("shared BBC corpus not available")
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	n := 0
	cpu := cputime.Used()
	for b.Loop() {
		FromReader(bytes.NewReader(data), "bbc.jsonl", Options{}, func(a *doc.Article, err error) error {
			if err != nil {
				b.Fatal(err)
			}
			n++
			return nil
		})
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(n)/(cputime.Used()-cpu).Seconds(), "articles/cpu-s")
}

// BenchmarkWARC reads a WARC built from the 31 Readability test pages
// (each a response record, gzipped per record as crawlers write them):
// MB/s of WARC input, including HTML extraction.
func BenchmarkWARC(b *testing.B) {
	pages, _ := filepath.Glob(sharedData + "html/mozilla-readability/*/source.html.gz")
	if len(pages) == 0 {
		b.Skip("shared html pages not available")
	}
	var w bytes.Buffer
	for _, p := range pages {
		f, err := os.Open(p)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			b.Fatal(err)
		}
		page, _ := io.ReadAll(zr)
		f.Close()
		http := append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"), page...)
		w.Write(gz(warcRecord("response", "http://example.org/"+filepath.Base(filepath.Dir(p)), "application/http; msgtype=response", http)))
	}
	data := w.Bytes()
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			n := 0
			cpu := cputime.Used()
			for b.Loop() {
				FromReader(bytes.NewReader(data), "pages.warc.gz", Options{Workers: workers}, func(a *doc.Article, err error) error {
					if err != nil {
						b.Fatal(err)
					}
					n++
					return nil
				})
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
			b.ReportMetric(float64(n)/(cputime.Used()-cpu).Seconds(), "pages/cpu-s")
			b.ReportMetric(float64(len(data))*float64(b.N)/1e6/(cputime.Used()-cpu).Seconds(), "MB/cpu-s")
		})
	}
}
