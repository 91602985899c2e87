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
	"github.com/araddon/dateparse"
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
	fallbackDate := pageDate(doc) // before Readability prunes the tree
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
	} else {
		res.Published = fallbackDate
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

// dateMeta lists <meta> names, properties and itemprops that hold a
// publication date and that Readability does not read.
var dateMeta = map[string]bool{
	"article:published_time": true, "og:published_time": true, "datepublished": true, "pubdate": true,
	"publishdate": true, "publish-date": true, "publish_date": true, "date": true, "dc.date": true,
	"dc.date.issued": true, "dcterms.created": true, "dcterms.issued": true, "sailthru.date": true,
	"parsely-pub-date": true, "publication_date": true, "article.published": true, "originalpublicationdate": true,
}

// pageDate finds a publication date in <meta> tags or <time> elements:
// a meta date first, then a <time> marked itemprop=datePublished or
// pubdate, then the first <time datetime> inside <article> or <main>.
func pageDate(doc *html.Node) time.Time {
	var meta, marked, inArticle time.Time
	var walk func(n *html.Node, article bool)
	walk = func(n *html.Node, article bool) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "meta":
				key := strings.ToLower(firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop")))
				if dateMeta[key] && meta.IsZero() {
					meta = parseDate(attr(n, "content"))
				}
			case "time":
				t := parseDate(firstNonEmpty(attr(n, "datetime"), textOf(n)))
				_, pub := attrOK(n, "pubdate")
				switch {
				case t.IsZero():
				case (pub || strings.EqualFold(attr(n, "itemprop"), "datePublished")) && marked.IsZero():
					marked = t
				case article && inArticle.IsZero():
					inArticle = t
				}
			case "article", "main":
				article = true
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, article)
		}
	}
	walk(doc, false)
	for _, t := range []time.Time{meta, marked, inArticle} {
		if !t.IsZero() {
			return t
		}
	}
	return time.Time{}
}

// parseDate reads the date forms found in page metadata; zero if none, or
// if the year is implausible for a news page.
func parseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if len(s) < 8 || len(s) > 64 {
		return time.Time{}
	}
	t, err := dateparse.ParseAny(s)
	if err != nil || t.Year() < 1990 || t.Year() > 2100 {
		return time.Time{}
	}
	return t
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil && b.Len() < 100; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}
