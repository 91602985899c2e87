// Package extract finds the main text of a news page and its metadata
// (title, byline, publication date).
package extract

import "time"

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

// Extract returns the main text and metadata of an HTML page.
func Extract(page []byte, pageURL string) (Result, error) {
	return Readability(page, pageURL)
}
