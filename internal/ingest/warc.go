package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"newsgraph/internal/doc"
)

// Limits of the WARC reader beside MaxRecord.
const (
	maxHeaderLine = 64 << 10 // one WARC or HTTP header line
	maxHeaders    = 1 << 20  // all headers of one record
)

// warc reads a WARC 1.0/1.1 file (or an old ARC file): each response,
// resource or conversion record holding an HTML (or plain-text) 2xx payload
// becomes an article with the record's target URI, and the page's
// publication date or else the capture date. Other records (warcinfo,
// request, metadata, revisit, images, redirects) are skipped silently.
// Whole-file and per-record gzip are both read (the gzip stream is
// multi-member); offsets in origins count decompressed bytes.
//
// A record whose HTTP chunked encoding is broken falls back to its raw
// body, as browsers and warcio do; a record cut short by the end of the
// file is reported as truncated; garbage between records is reported once
// and skipped up to the next "WARC/" line.
func (s *reader) warc() error {
	arc := false
	for {
		if err := s.ctx.Err(); err != nil {
			return stop{err}
		}
		off := s.offset()
		line, err := s.readLine(maxHeaderLine)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return s.bad(s.at(off), err)
		}
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "":
			continue // the blank lines that end every record
		case strings.HasPrefix(trimmed, "WARC/"):
			if err := s.warcRecord(off); err != nil {
				return err
			}
		case strings.HasPrefix(trimmed, "filedesc://") || arc && looksLikeARC(trimmed):
			arc = true
			if err := s.arcRecord(off, trimmed); err != nil {
				return err
			}
		default:
			if err := s.bad(s.at(off), fmt.Errorf("expected a WARC record, found %q (stray bytes: the previous record's Content-Length is likely wrong); skipping to the next record", clip(trimmed, 40))); err != nil {
				return err
			}
			if err := s.resync(); err != nil {
				return err
			}
		}
	}
}

// readLine reads one line without its line ending; longer lines are
// discarded and reported.
func (s *reader) readLine(max int) (string, error) {
	var buf []byte
	tooLong := false
	for {
		chunk, err := s.r.ReadSlice('\n')
		if !tooLong {
			if len(buf)+len(chunk) > max {
				tooLong, buf = true, nil
			} else {
				buf = append(buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && (len(buf) > 0 || tooLong) {
			err = nil
		}
		if err != nil {
			if err != io.EOF {
				err = readErr(err, s.offset())
			}
			return "", err
		}
		if tooLong {
			return "", fmt.Errorf("header line %w of %d bytes", ErrTooLarge, max)
		}
		return strings.TrimRight(string(buf), "\r\n"), nil
	}
}

// resync skips lines up to the next one starting a WARC record.
func (s *reader) resync() error {
	for {
		b, err := s.r.Peek(5)
		if len(b) == 5 && string(b) == "WARC/" {
			return nil
		}
		if err != nil {
			return nil // EOF: the main loop ends
		}
		if _, err := s.readLine(maxHeaderLine); err != nil && !errors.Is(err, ErrTooLarge) {
			return nil
		}
	}
}

// warcRecord reads the headers and block of the record whose version line
// started at off.
func (s *reader) warcRecord(off int64) error {
	origin := s.at(off)
	h := textproto.MIMEHeader{}
	total := 0
	last := ""
	for {
		line, err := s.readLine(maxHeaderLine)
		if err == io.EOF {
			return s.bad(origin, fmt.Errorf("%w record: end of file inside headers", ErrTruncated))
		}
		if err != nil {
			return s.bad(origin, err)
		}
		if line == "" {
			break
		}
		total += len(line)
		if total > maxHeaders {
			return s.bad(origin, fmt.Errorf("record headers %w of %d bytes", ErrTooLarge, maxHeaders))
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" { // folded header
			vs := h[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(line)
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue // tolerate a malformed header line
		}
		last = textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(k))
		h.Add(last, strings.TrimSpace(v))
	}
	n, err := strconv.ParseInt(strings.TrimSpace(h.Get("Content-Length")), 10, 64)
	if err != nil || n < 0 {
		if e := s.bad(origin, fmt.Errorf("record without a valid Content-Length (%q)", h.Get("Content-Length"))); e != nil {
			return e
		}
		return s.resync()
	}
	typ := strings.ToLower(h.Get("Warc-Type"))
	wanted := typ == "response" || typ == "resource" || typ == "conversion"
	if !wanted || n > s.opt.maxRecord() {
		got, err := io.CopyN(io.Discard, s.r, n)
		if err != nil {
			return s.bad(origin, fmt.Errorf("%w record: Content-Length %d, only %d bytes left", ErrTruncated, n, got))
		}
		if wanted {
			return s.bad(origin, fmt.Errorf("record %w of %d bytes (Content-Length %d)", ErrTooLarge, s.opt.maxRecord(), n))
		}
		return nil
	}
	block := make([]byte, n)
	if got, err := io.ReadFull(s.r, block); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
			return s.bad(origin, fmt.Errorf("%w record: Content-Length %d, only %d bytes left", ErrTruncated, n, got))
		}
		return s.bad(origin, readErr(err, s.offset()))
	}
	target := cleanURI(h.Get("Warc-Target-Uri"))
	date, _ := time.Parse(time.RFC3339Nano, strings.TrimSpace(h.Get("Warc-Date")))
	ct := h.Get("Content-Type")
	return s.later(func() (*doc.Article, error) {
		if typ == "response" && strings.HasPrefix(strings.ToLower(ct), "application/http") {
			return recordArticle(httpArticle(block, target))(origin, date)
		}
		return recordArticle(payloadArticle(block, ct, target))(origin, date)
	})
}

// recordArticle completes the article of a record (nil, nil when the
// record holds none) with its origin and, failing a date of its own, the
// capture date.
func recordArticle(a *doc.Article, err error) func(origin string, date time.Time) (*doc.Article, error) {
	return func(origin string, date time.Time) (*doc.Article, error) {
		if err != nil {
			return nil, &Error{Origin: origin, Err: err}
		}
		if a == nil {
			return nil, nil
		}
		a.Origin = origin
		if a.Published.IsZero() {
			a.Published = date
		}
		return a, nil
	}
}

// looksLikeARC reports an ARC record header line: URL IP DATE TYPE LENGTH.
func looksLikeARC(line string) bool {
	f := strings.Fields(line)
	if len(f) < 5 || !strings.Contains(f[0], "://") {
		return false
	}
	_, err := strconv.ParseInt(f[len(f)-1], 10, 64)
	return err == nil
}

// arcRecord reads one ARC (v1 or v2) record given its header line.
func (s *reader) arcRecord(off int64, line string) error {
	origin := s.at(off)
	f := strings.Fields(line)
	if len(f) < 5 {
		return s.bad(origin, fmt.Errorf("malformed ARC header %q", clip(line, 60)))
	}
	n, err := strconv.ParseInt(f[len(f)-1], 10, 64)
	if err != nil || n < 0 {
		return s.bad(origin, fmt.Errorf("malformed ARC record length %q", f[len(f)-1]))
	}
	wanted := !strings.HasPrefix(f[0], "filedesc://") && n <= s.opt.maxRecord()
	if !wanted {
		if got, err := io.CopyN(io.Discard, s.r, n); err != nil {
			return s.bad(origin, fmt.Errorf("%w record: length %d, only %d bytes left", ErrTruncated, n, got))
		}
		if n > s.opt.maxRecord() {
			return s.bad(origin, fmt.Errorf("record %w of %d bytes", ErrTooLarge, s.opt.maxRecord()))
		}
		return nil
	}
	block := make([]byte, n)
	if got, err := io.ReadFull(s.r, block); err != nil {
		return s.bad(origin, fmt.Errorf("%w record: length %d, only %d bytes left", ErrTruncated, n, got))
	}
	date, _ := time.Parse("20060102150405", f[2])
	return s.later(func() (*doc.Article, error) {
		if bytes.HasPrefix(block, []byte("HTTP/")) {
			return recordArticle(httpArticle(block, f[0]))(origin, date)
		}
		return recordArticle(payloadArticle(block, f[3], f[0]))(origin, date)
	})
}

// httpArticle parses an HTTP response message and turns a 2xx HTML or text
// payload into an article; it returns nil, nil for anything else.
func httpArticle(block []byte, target string) (*doc.Article, error) {
	end, sep := bytes.Index(block, []byte("\r\n\r\n")), 4
	if e := bytes.Index(block, []byte("\n\n")); end < 0 || e >= 0 && e < end {
		end, sep = e, 2
	}
	if end < 0 {
		return nil, errors.New("HTTP response without a header/body separator")
	}
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(block[:end+sep])))
	status, err := tp.ReadLine()
	if err != nil {
		return nil, fmt.Errorf("HTTP status line: %w", err)
	}
	f := strings.Fields(status)
	if len(f) < 2 || !strings.HasPrefix(f[0], "HTTP/") {
		return nil, fmt.Errorf("malformed HTTP status line %q", clip(status, 60))
	}
	code, _ := strconv.Atoi(f[1])
	if code < 200 || code > 299 {
		return nil, nil // redirects and errors are not articles
	}
	hdr, err := tp.ReadMIMEHeader()
	if err != nil && len(hdr) == 0 {
		return nil, fmt.Errorf("HTTP headers: %w", err)
	}
	body := block[end+sep:]
	if strings.Contains(strings.ToLower(hdr.Get("Transfer-Encoding")), "chunked") {
		if dec, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(body))); err == nil {
			body = dec
		} // else: mislabelled or broken chunking, keep the raw body
	}
	if cl := hdr.Get("Content-Length"); cl != "" && !strings.Contains(strings.ToLower(hdr.Get("Transfer-Encoding")), "chunked") {
		if n, err := strconv.Atoi(cl); err == nil && n >= 0 && n < len(body) {
			body = body[:n]
		}
	}
	switch enc := strings.ToLower(strings.TrimSpace(hdr.Get("Content-Encoding"))); enc {
	case "", "identity":
	case "gzip", "x-gzip", "deflate":
		var zr io.Reader
		if enc == "deflate" {
			zr = flate.NewReader(bytes.NewReader(body))
		} else {
			g, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				return nil, fmt.Errorf("content encoding %s: %w", enc, err)
			}
			zr = g
		}
		dec, err := io.ReadAll(io.LimitReader(zr, DefaultMaxRecord+1))
		if errors.Is(err, io.ErrUnexpectedEOF) && len(dec) > 0 {
			err = nil // a payload cut in its trailer: keep what decoded, as browsers do
		}
		if err != nil {
			return nil, fmt.Errorf("content encoding %s: %w", enc, err)
		}
		if len(dec) > DefaultMaxRecord {
			return nil, fmt.Errorf("decoded payload %w of %d bytes", ErrTooLarge, DefaultMaxRecord)
		}
		body = dec
	default:
		return nil, fmt.Errorf("unsupported content encoding %q", enc)
	}
	return payloadArticle(body, hdr.Get("Content-Type"), target)
}

// payloadArticle turns an HTML or plain-text payload into an article; other
// media types give nil, nil.
func payloadArticle(body []byte, contentType, target string) (*doc.Article, error) {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(contentType, ";")[0]))
	}
	if mt == "" || mt == "unk" || mt == "application/octet-stream" {
		if f := sniffMarkup(bytes.TrimSpace(body)); f == HTML {
			mt = "text/html"
		}
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		a, err := pageArticle(body, contentType, target)
		if err != nil {
			return nil, err
		}
		a.URL = target
		return a, nil
	case "text/plain":
		if !strings.HasPrefix(target, "http://") && !strings.HasPrefix(target, "https://") {
			return nil, nil // crawler logs and metadata (wget's metadata:// records)
		}
		if bytes.IndexByte(body, 0) >= 0 {
			return nil, ErrBinary
		}
		a := &doc.Article{URL: target}
		a.Title, a.Text = splitTitle(strings.ToValidUTF8(string(body), "\uFFFD"))
		if strings.TrimSpace(a.Text) == "" {
			return nil, nil
		}
		return a, nil
	}
	return nil, nil
}

// cleanURI undoes the angle brackets some writers put around target URIs
// (WARC 1.0's grammar; wget) and escapes stray spaces.
func cleanURI(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	return strings.ReplaceAll(strings.TrimSpace(s), " ", "%20")
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
