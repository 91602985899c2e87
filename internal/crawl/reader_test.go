package crawl

import (
	"io"

	"newsgraph/internal/doc"
	"newsgraph/internal/ingest"
)

// testReader is the production Reader wiring (see cmd/newsgraph/crawl.go).
func testReader(r io.Reader, name, contentType string, fn func(*doc.Article, error) error) error {
	return ingest.FromReader(r, name, ingest.Options{ContentType: contentType, URL: name}, fn)
}
