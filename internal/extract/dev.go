package extract

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
)

// DevPage is one page of an extraction dev set: the HTML and its gold text.
type DevPage struct {
	ID   string `json:"id"`
	URL  string `json:"url"`
	HTML string `json:"html"`
	Text string `json:"text"`
}

// LoadDevDir reads a directory laid out like Mozilla Readability's test
// pages: one subdirectory per page holding source.html(.gz) and
// expected.txt.
func LoadDevDir(dir string) ([]DevPage, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("load extraction dev dir: %w", err)
	}
	var pages []DevPage
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		sub := filepath.Join(dir, e.Name())
		gold, err := os.ReadFile(filepath.Join(sub, "expected.txt"))
		if err != nil {
			continue // not a page directory
		}
		page, err := readMaybeGzip(filepath.Join(sub, "source.html.gz"))
		if os.IsNotExist(err) {
			page, err = os.ReadFile(filepath.Join(sub, "source.html"))
		}
		if err != nil {
			return nil, fmt.Errorf("load extraction dev page %s: %w", sub, err)
		}
		pages = append(pages, DevPage{ID: e.Name(), URL: "http://fakehost/test/page.html", HTML: decodePage(page), Text: string(gold)})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].ID < pages[j].ID })
	return pages, nil
}

func readMaybeGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(io.LimitReader(zr, 64<<20))
}

// decodePage returns a saved page as UTF-8 text, decoding the charset it
// declares (as a dev JSONL file, whose "html" is a JSON string, already is).
func decodePage(page []byte) string {
	if utf8.Valid(page) {
		return string(page)
	}
	enc, _, _ := charset.DetermineEncoding(page, "")
	if out, err := enc.NewDecoder().Bytes(page); err == nil {
		return string(out)
	}
	return strings.ToValidUTF8(string(page), "\uFFFD")
}
