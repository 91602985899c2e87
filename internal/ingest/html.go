package ingest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/charmap"

	"newsgraph/internal/doc"
	"newsgraph/internal/extract"
)

// html reads the input as one web page and extracts its main text.
func (s *reader) html() error {
	b, err := s.readAll()
	if err != nil {
		return s.bad(s.name, err)
	}
	a, err := pageArticle(b, s.opt.ContentType, s.opt.URL)
	if err != nil {
		return s.bad(s.name, err)
	}
	a.Origin = s.name
	return s.emit(a)
}

// pageArticle extracts the article of an HTML page: the bytes are decoded
// to UTF-8 from the charset the content type, a BOM or a <meta> declares
// (browsers' rules; Windows-1252 when none does), invalid sequences
// becoming U+FFFD as in a browser.
func pageArticle(page []byte, contentType, pageURL string) (*doc.Article, error) {
	if i := bytes.IndexByte(page[:min(len(page), sniffLen)], 0); i >= 0 {
		return nil, fmt.Errorf("%w at byte %d", ErrBinary, i)
	}
	page = toUTF8(page, contentType)
	res, err := extract.Extract(page, pageURL)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	if strings.TrimSpace(res.Text) == "" {
		return nil, ErrNoText
	}
	u := pageURL
	if u == "" {
		u = res.URL
	}
	return &doc.Article{
		URL:       u,
		Title:     res.Title,
		Byline:    res.Byline,
		Published: res.Published,
		Lang:      res.Lang,
		Source:    "",
		Text:      res.Text,
	}, nil
}

// toUTF8 decodes an HTML page to UTF-8.
func toUTF8(page []byte, contentType string) []byte {
	enc, name, certain := charset.DetermineEncoding(page[:min(len(page), 4096)], contentType)
	valid := utf8.Valid(page)
	if name == "utf-8" || enc == nil || !certain && valid {
		if valid {
			return page
		}
		// Undeclared and not UTF-8: Windows-1252 is the web's default.
		if !certain {
			if out, err := charmap.Windows1252.NewDecoder().Bytes(page); err == nil {
				return out
			}
		}
		return bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(page)))
	if err != nil {
		return bytes.ToValidUTF8(page, []byte("\uFFFD"))
	}
	return out
}
