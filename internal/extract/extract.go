// Package extract finds the main text of a news page and its metadata
// (title, byline, publication date, language).
//
// Extract runs Mozilla's Readability algorithm (the go-readability port)
// on a page stripped beforehand of scripts, styles and comments, and
// renders the article as paragraphs separated by blank lines. The
// comparison with go-trafilatura and plain go-readability that led to this
// choice is in docs/ingest.md and reproduced by
// `newsgraph eval extract --compare`.
package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
)

// Result is what Extract finds in a page.
type Result struct {
	Text      string // main text, paragraphs separated by "\n\n"
	Title     string
	Byline    string
	Published time.Time // zero when unknown
	Lang      string
	SiteName  string
	URL       string // canonical URL the page declares, if any
}

// Extract returns the main text and metadata of an HTML page, which must
// already be UTF-8 (ingest decodes declared charsets first). pageURL, when
// known, resolves relative links. Extract is safe for concurrent use.
func Extract(page []byte, pageURL string) (Result, error) {
	doc, err := html.Parse(bytes.NewReader(stripInert(page)))
	if err != nil {
		return Result{}, fmt.Errorf("parse html: %w", err)
	}
	u := &url.URL{}
	if pageURL != "" {
		if pu, err := url.Parse(pageURL); err == nil {
			u = pu
		}
	}
	res := Result{URL: canonicalURL(doc)}
	p := readability.NewParser()
	a, err := p.ParseAndMutate(doc, u)
	if err != nil {
		return res, fmt.Errorf("readability: %w", err)
	}
	if a.Node != nil {
		var w textWriter
		w.node(a.Node)
		res.Text = w.String()
	}
	res.Title = strings.TrimSpace(a.Title())
	res.Byline = strings.TrimSpace(a.Byline())
	res.Lang = a.Language()
	res.SiteName = a.SiteName()
	if t, err := a.PublishedTime(); err == nil {
		res.Published = t
	}
	return res, nil
}

// canonicalURL returns <link rel=canonical> or og:url, if the page has one.
func canonicalURL(doc *html.Node) string {
	var found string
	var walk func(n *html.Node) bool
	walk = func(n *html.Node) bool {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "body":
				return true // metadata lives in <head>
			case "link":
				if strings.EqualFold(attr(n, "rel"), "canonical") && strings.HasPrefix(attr(n, "href"), "http") {
					found = attr(n, "href")
					return true
				}
			case "meta":
				if attr(n, "property") == "og:url" && strings.HasPrefix(attr(n, "content"), "http") && found == "" {
					found = attr(n, "content")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if walk(c) {
				return true
			}
		}
		return false
	}
	walk(doc)
	return strings.TrimSpace(found)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
