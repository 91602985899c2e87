package crawl

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strings"
)

// Feed is one outlet's feed as listed in a feeds file.
type Feed struct {
	URL     string `json:"url"`
	Name    string `json:"name,omitempty"`    // outlet name, used as Article.Source
	Country string `json:"country,omitempty"` // ISO2 of the outlet
	Lang    string `json:"lang,omitempty"`    // expected language, ISO 639-1
}

// ParseFeedList reads a feeds file: one feed a line, the URL first, then
// optional tab- or space-separated fields name, country and language. A
// name with spaces must be tab-separated. Blank lines and lines starting
// with '#' are skipped.
//
//	https://example.org/rss.xml	Example Times	US	en
func ParseFeedList(r io.Reader) ([]Feed, error) {
	var feeds []Feed
	seen := map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		var fields []string
		if strings.Contains(line, "\t") {
			for _, f := range strings.Split(line, "\t") {
				if f = strings.TrimSpace(f); f != "" {
					fields = append(fields, f)
				}
			}
		} else {
			fields = strings.Fields(line)
		}
		u, err := url.Parse(fields[0])
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("feeds line %d: %q is not an http(s) URL", n, fields[0])
		}
		f := Feed{URL: u.String()}
		if len(fields) > 1 {
			f.Name = fields[1]
		}
		if len(fields) > 2 {
			f.Country = strings.ToUpper(fields[2])
		}
		if len(fields) > 3 {
			f.Lang = strings.ToLower(fields[3])
		}
		if seen[f.URL] {
			continue
		}
		seen[f.URL] = true
		feeds = append(feeds, f)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read feeds list: %w", err)
	}
	return feeds, nil
}
