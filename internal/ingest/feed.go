package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/araddon/dateparse"
	"github.com/mmcdole/gofeed"

	"newsgraph/internal/doc"
	"newsgraph/internal/extract"
)

// feed reads an RSS, Atom or JSON feed: one article per item, its text the
// item's full content (content:encoded, atom:content) or else its
// description, rendered from HTML to text; links resolved against the feed's
// own link (or xml:base) and then opt.URL.
//
// The feed is read whole, up to MaxRecord bytes, then parsed by gofeed,
// whose encoding/xml decoder expands only the predefined and HTML entities:
// custom DTD entities (the "billion laughs" bomb) are never expanded.
func (s *reader) feed() error {
	b, err := s.readAll()
	if err != nil {
		return s.bad(s.name, err)
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return s.bad(fmt.Sprintf("%s@%d", s.name, i), ErrBinary)
	}
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	var lost error
	if err != nil && strings.Contains(err.Error(), "unexpected EOF") {
		// A feed cut short: close it after its last complete item and keep
		// what it holds; report it only when an item was lost.
		fixed, cut := closeTruncatedFeed(b)
		if f2, err2 := gofeed.NewParser().Parse(bytes.NewReader(fixed)); err2 == nil {
			f, err = f2, nil
			if cut {
				lost = fmt.Errorf("%w feed: the last item is incomplete; %d items before it were read", ErrTruncated, len(f.Items))
			}
		}
	}
	if err != nil {
		return s.bad(s.name, fmt.Errorf("parse feed: %w", err))
	}
	if lost != nil {
		if err := s.bad(s.name, lost); err != nil {
			return err
		}
	}
	base := resolve(s.opt.URL, f.Link)
	for i, it := range f.Items {
		if it == nil {
			continue
		}
		a := feedArticle(f, it, base)
		a.Origin = fmt.Sprintf("%s#%d", s.name, i+1)
		if strings.TrimSpace(a.Text) == "" {
			if err := s.bad(a.Origin, fmt.Errorf("%w: item has no content, description or title", ErrNoText)); err != nil {
				return err
			}
			continue
		}
		if err := s.emit(a); err != nil {
			return err
		}
	}
	return nil
}

func feedArticle(f *gofeed.Feed, it *gofeed.Item, base string) *doc.Article {
	a := &doc.Article{
		Title: extract.FragmentText(it.Title),
		URL:   resolve(base, it.Link),
		Lang:  langCode(f.Language),
	}
	if a.URL == "" && strings.HasPrefix(it.GUID, "http") {
		a.URL = it.GUID
	}
	body := it.Content
	if strings.TrimSpace(extract.FragmentText(body)) == "" {
		body = it.Description
	}
	a.Text = extract.FragmentText(body)
	if a.Text == "" {
		a.Text = a.Title // link-only items: the headline is all there is
	}
	var names []string
	for _, p := range it.Authors {
		if p != nil && strings.TrimSpace(p.Name) != "" {
			names = append(names, strings.TrimSpace(p.Name))
		}
	}
	a.Byline = strings.Join(names, ", ")
	switch {
	case it.PublishedParsed != nil:
		a.Published = *it.PublishedParsed
	case it.UpdatedParsed != nil:
		a.Published = *it.UpdatedParsed
	case it.Published != "":
		a.Published = looseDate(it.Published)
	case it.Updated != "":
		a.Published = looseDate(it.Updated)
	}
	if a.Published.Year() < 1900 {
		a.Published = time.Time{}
	}
	return a
}

// resolve returns ref resolved against base when ref is relative.
func resolve(base, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return base
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	if r.IsAbs() || base == "" {
		return ref
	}
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return ref
	}
	return b.ResolveReference(r).String()
}

// langCode reduces "en-us" to "en".
func langCode(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	if len(s) != 2 {
		return ""
	}
	return s
}

// looseDate parses the dates gofeed gives up on: RFC 822 with a
// non-English weekday ("mer, 16 nov 2022 00:38:15 +0100") or American
// order ("Sat, Dec 16 2023 02:02:33 PM").
func looseDate(s string) time.Time {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, ','); i >= 0 && i <= 10 {
		s = strings.TrimSpace(s[i+1:])
	}
	if t, ok := parseTime(s); ok {
		return t
	}
	for _, layout := range []string{"2 Jan 2006 15:04:05 -0700", "2 Jan 2006 15:04:05 MST", "2 Jan 2006 15:04 -0700",
		"Jan 2 2006 03:04:05 PM", "Jan 2 2006 15:04:05", "2 Jan 2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	if t, err := dateparse.ParseAny(s); err == nil {
		return t
	}
	return time.Time{}
}

// closeTruncatedFeed cuts a truncated feed after its last complete item and
// appends the closing tags of its root, so the items before the break can
// be read. cut reports whether an incomplete item was dropped.
func closeTruncatedFeed(b []byte) (fixed []byte, cut bool) {
	low := bytes.ToLower(b)
	open := max(bytes.LastIndex(low, []byte("<item")), bytes.LastIndex(low, []byte("<entry")))
	closed := max(bytes.LastIndex(low, []byte("</item>")), bytes.LastIndex(low, []byte("</entry>")))
	end := len(b)
	if open > closed {
		end, cut = open, true
	}
	fixed = append([]byte(nil), b[:end]...)
	switch {
	case bytes.Contains(low, []byte("<rdf:rdf")):
		if bytes.Contains(low[:end], []byte("<channel")) && !bytes.Contains(low[:end], []byte("</channel>")) {
			fixed = append(fixed, "</channel>"...)
		}
		fixed = append(fixed, "</rdf:RDF>"...)
	case bytes.Contains(low, []byte("<rss")):
		fixed = append(fixed, "</channel></rss>"...)
	default:
		fixed = append(fixed, "</feed>"...)
	}
	return fixed, cut
}
