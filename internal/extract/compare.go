package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	trafilatura "github.com/markusmobius/go-trafilatura"
)

// An Extractor turns an HTML page into its main text; Extract is one, and
// Trafilatura and Readability wrap the two Go libraries it is measured
// against (`newsgraph eval extract --compare`).
type Extractor func(page []byte, pageURL string) (Result, error)

// Extractors lists the extractors eval can compare, by name.
func Extractors() map[string]Extractor {
	return map[string]Extractor{
		"newsgraph":      Extract,
		"go-trafilatura": Trafilatura,
		"go-readability": Readability,
	}
}

// Trafilatura runs github.com/markusmobius/go-trafilatura with its default
// (balanced) settings and fallback extractors enabled, as its README
// recommends for best quality.
func Trafilatura(page []byte, pageURL string) (Result, error) {
	opts := trafilatura.Options{EnableFallback: true, ExcludeComments: true}
	if u, err := url.Parse(pageURL); err == nil && pageURL != "" {
		opts.OriginalURL = u
	}
	r, err := trafilatura.Extract(bytes.NewReader(page), opts)
	if err != nil {
		return Result{}, fmt.Errorf("go-trafilatura: %w", err)
	}
	return Result{
		Text:      r.ContentText,
		Title:     r.Metadata.Title,
		Byline:    r.Metadata.Author,
		Published: r.Metadata.Date,
		Lang:      r.Metadata.Language,
		SiteName:  r.Metadata.Sitename,
	}, nil
}

// Readability runs codeberg.org/readeck/go-readability/v2 (a port of
// Mozilla's Readability.js).
func Readability(page []byte, pageURL string) (Result, error) {
	var u *url.URL
	if pageURL != "" {
		u, _ = url.Parse(pageURL)
	}
	if u == nil {
		u = &url.URL{}
	}
	a, err := readability.FromReader(bytes.NewReader(page), u)
	if err != nil {
		return Result{}, fmt.Errorf("go-readability: %w", err)
	}
	var b strings.Builder
	if a.Node != nil {
		if err := a.RenderText(&b); err != nil {
			return Result{}, fmt.Errorf("go-readability: %w", err)
		}
	}
	res := Result{Text: strings.TrimSpace(b.String()), Title: a.Title(), Byline: a.Byline(), Lang: a.Language(), SiteName: a.SiteName()}
	if t, err := a.PublishedTime(); err == nil {
		res.Published = t
	}
	return res, nil
}
