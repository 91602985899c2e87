// Package ingest reads news articles from files, directories, standard
// input or bytes in hand, in every format newsgraph accepts: plain text,
// JSONL, HTML pages, RSS/Atom feeds and WARC/ARC web archives, gzipped or
// not. Each article comes out with its identity (ID, Hash, SimHash) and
// provenance (Origin) set; each bad input comes out as an *Error naming the
// file and the line, item or byte offset, so one corrupt record never stops
// a crawl of millions.
//
// Formats are chosen by content first when it is unambiguous (gzip and
// WARC magic, a feed's root element, an HTML doctype), then by file
// extension or content-type hint, then by weaker sniffing; see
// docs/ingest.md. Memory is bounded by Options.MaxRecord per line, record
// or document, whatever the input.
package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"newsgraph/internal/dedup"
	"newsgraph/internal/doc"
)

// Format names an input format.
type Format string

// The formats ingest reads.
const (
	Auto  Format = ""      // sniff content, extension and content type
	Text  Format = "text"  // one article per file; title = first line if a blank line follows
	JSONL Format = "jsonl" // one JSON object per line (also a JSON array or object in a .json file)
	HTML  Format = "html"  // one web page, main text extracted
	Feed  Format = "feed"  // RSS 0.9x/1.0/2.0, Atom, JSON Feed: one article per item
	WARC  Format = "warc"  // WARC 1.0/1.1 and old ARC: one article per HTML response/resource record
)

// DefaultMaxRecord caps the bytes of one JSONL line, one WARC record, one
// text or HTML document or one feed.
const DefaultMaxRecord = 32 << 20

// Options controls reading.
type Options struct {
	// Format forces a format; Auto (the zero value) sniffs.
	Format Format
	// ContentType is a MIME type hint (an HTTP Content-Type header, charset
	// included) for FromReader; it picks the format and the HTML/feed
	// character set when the content does not declare one.
	ContentType string
	// URL is the address the bytes came from: the page URL of an HTML page,
	// the feed URL that relative item links are resolved against.
	URL string
	// Source names the outlet when the input does not; else the URL's host.
	Source string
	// MaxRecord caps one line, record or document in bytes
	// (DefaultMaxRecord when 0). Larger inputs are reported and skipped.
	MaxRecord int64
	// RepairUTF8 replaces invalid UTF-8 in text and JSONL input with U+FFFD
	// instead of reporting the line as an error. HTML and feeds are always
	// decoded leniently from their declared character set.
	RepairUTF8 bool
	// Workers is how many pages are extracted at once when a WARC file or
	// a JSONL file with "html" lines is read (0 or 1: one at a time).
	// Articles still reach fn in input order, on the calling goroutine; at
	// most 2×Workers records are held in memory.
	Workers int
}

func (o *Options) maxRecord() int64 {
	if o.MaxRecord <= 0 {
		return DefaultMaxRecord
	}
	return o.MaxRecord
}

// Error is a bad input: Origin names the file and the line (file:12),
// record offset (file@4096) or feed item (file#3) it was found at.
type Error struct {
	Origin string
	Err    error
}

func (e *Error) Error() string { return e.Origin + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// Errors callers may test for with errors.Is.
var (
	ErrTooLarge    = errors.New("exceeds size limit")
	ErrBinary      = errors.New("binary content (NUL bytes), not an article format")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrNoText      = errors.New("no article text")
	ErrTruncated   = errors.New("truncated")
)

// Func receives each article, or each bad input as a nil article and an
// *Error. Returning a non-nil error stops reading; Walk and FromReader then
// return it.
type Func func(a *doc.Article, err error) error

// stop wraps an error returned by Func so readers pass it up unchanged.
type stop struct{ err error }

func (s stop) Error() string { return s.err.Error() }

// Walk reads every path in turn: a file, a directory (recursively, in
// lexical order, skipping hidden entries and files that are not an article
// format, see docs/ingest.md) or "-" for standard input. It returns the
// first error fn returns, or ctx's error when cancelled; bad inputs only
// reach fn.
func Walk(ctx context.Context, paths []string, opt Options, fn Func) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch {
		case p == "-":
			err = readStream(ctx, os.Stdin, "-", opt, fn)
		default:
			err = walkPath(ctx, p, opt, fn)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func walkPath(ctx context.Context, root string, opt Options, fn Func) error {
	info, err := os.Stat(root)
	if err != nil {
		return report(fn, root, err)
	}
	if !info.IsDir() {
		return readFile(ctx, root, opt, fn, false)
	}
	var files []string
	werr := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			files = append(files, path) // reported when read
			return nil
		}
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		} else if d.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
				files = append(files, path) // a link to a file; links to directories are not followed
			}
		}
		return nil
	})
	if werr != nil {
		return report(fn, root, werr)
	}
	sort.Strings(files)
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := readFile(ctx, f, opt, fn, true); err != nil {
			return err
		}
	}
	return nil
}

// report passes a bad input to fn and returns fn's verdict.
func report(fn Func, origin string, err error) error {
	var ie *Error
	if !errors.As(err, &ie) {
		err = &Error{Origin: origin, Err: err}
	}
	return fn(nil, err)
}

func readFile(ctx context.Context, path string, opt Options, fn Func, inDir bool) error {
	if inDir && opt.Format == Auto && skipByName(path) {
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return report(fn, path, err)
	}
	defer f.Close()
	return readInput(ctx, f, path, opt, fn, inDir)
}

// FromReader reads the articles in r, named name in origins and error
// messages (a file name, a URL); opt.ContentType and opt.URL carry what an
// HTTP fetch knows. It is Walk for bytes already in hand.
func FromReader(r io.Reader, name string, opt Options, fn Func) error {
	return readStream(context.Background(), r, name, opt, fn)
}

func readStream(ctx context.Context, r io.Reader, name string, opt Options, fn Func) error {
	return readInput(ctx, r, name, opt, fn, false)
}

// skipByName reports files that a directory walk passes over without
// reading: single JSON documents (expected outputs beside test inputs),
// Markdown and other documentation, checksums, images and archives of
// other kinds.
func skipByName(path string) bool {
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(path), ".gz")))
	switch ext {
	case ".json", ".md", ".markdown", ".rst", ".csv", ".tsv", ".sha256", ".md5", ".sum",
		".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".ico", ".pdf", ".zip", ".tar", ".tgz",
		".css", ".js", ".go", ".py", ".sh", ".yml", ".yaml", ".toml", ".cdx", ".cdxj", ".idx":
		return true
	}
	base := strings.ToLower(filepath.Base(path))
	return strings.HasPrefix(base, "license") || strings.HasPrefix(base, "readme") || base == "source.md"
}

// counter counts the bytes read through it, for error offsets.
type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

const sniffLen = 8 << 10

func readInput(ctx context.Context, r io.Reader, name string, opt Options, fn Func, inDir bool) error {
	raw := &counter{r: r}
	br := bufio.NewReaderSize(raw, 64<<10)
	head, _ := br.Peek(2)
	var in io.Reader = br
	var members *memberReader
	lname := strings.ToLower(name)
	if len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return report(fn, name, fmt.Errorf("gzip: %w", err))
		}
		defer zr.Close()
		members = newMemberReader(zr, br, raw)
		in = members
		lname = strings.TrimSuffix(lname, ".gz")
	}
	c := &counter{r: in}
	br2 := bufio.NewReaderSize(c, 64<<10)
	head, err := br2.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return report(fn, name, readErr(err, 0))
	}
	format := opt.Format
	if format == Auto {
		format = sniff(head, lname, opt.ContentType)
		if format == "" {
			if inDir {
				return nil // not an article format: skipped in directories
			}
			if bytes.IndexByte(head, 0) >= 0 {
				return report(fn, name, ErrBinary)
			}
			format = Text
		}
	}
	s := &reader{ctx: ctx, name: name, opt: opt, fn: fn, r: br2, count: c, buffered: br2.Buffered, members: members}
	if opt.Workers > 1 {
		s.sem = make(chan struct{}, opt.Workers)
	}
	var rerr error
	switch format {
	case Text:
		rerr = s.text()
	case JSONL:
		rerr = s.jsonl()
	case HTML:
		rerr = s.html()
	case Feed:
		rerr = s.feed()
	case WARC:
		rerr = s.warc()
	default:
		rerr = fmt.Errorf("unknown format %q", format)
	}
	if rerr == nil {
		rerr = s.flush()
	} else {
		s.drain()
	}
	var st stop
	if errors.As(rerr, &st) {
		return st.err
	}
	if rerr != nil {
		return report(fn, name, rerr)
	}
	return nil
}

// memberReader decompresses a gzip stream member by member (as
// gzip.Reader in multistream mode does) while noting where each member
// starts, in compressed and decompressed bytes, so that a WARC record
// written as its own gzip member can be named by the member's offset in
// the file, as CDX indexes do.
type memberReader struct {
	zr     *gzip.Reader
	src    *bufio.Reader // a ByteReader: flate reads nothing past a member
	raw    *counter      // bytes read from the file into src
	out    int64         // decompressed bytes returned
	starts [][2]int64    // (decompressed, compressed) start of each member not yet passed
}

func newMemberReader(zr *gzip.Reader, src *bufio.Reader, raw *counter) *memberReader {
	zr.Multistream(false)
	return &memberReader{zr: zr, src: src, raw: raw, starts: [][2]int64{{0, 0}}}
}

func (m *memberReader) Read(p []byte) (int, error) {
	for {
		n, err := m.zr.Read(p)
		m.out += int64(n)
		if err != io.EOF {
			return n, err
		}
		if _, perr := m.src.Peek(1); perr != nil {
			return n, io.EOF // no further member
		}
		comp := m.raw.n - int64(m.src.Buffered())
		if rerr := m.zr.Reset(m.src); rerr != nil {
			return n, fmt.Errorf("gzip member at byte %d: %w", comp, rerr)
		}
		m.zr.Multistream(false)
		m.starts = append(m.starts, [2]int64{m.out, comp})
		if n > 0 {
			return n, nil
		}
	}
}

// locate names decompressed offset off as "@C" when a member starts there
// (C its compressed offset), else "@C+D": D bytes into the member at C.
// Offsets must be asked in increasing order; members before off are
// forgotten.
func (m *memberReader) locate(off int64) string {
	i := 0
	for i+1 < len(m.starts) && m.starts[i+1][0] <= off {
		i++
	}
	m.starts = m.starts[i:]
	st := m.starts[0]
	if st[0] == off {
		return fmt.Sprintf("@%d", st[1])
	}
	return fmt.Sprintf("@%d+%d", st[1], off-st[0])
}

// at names a byte offset of the input for origins: plain offsets for
// uncompressed input, member offsets for gzip (see memberReader.locate).
func (s *reader) at(off int64) string {
	if s.members == nil {
		return fmt.Sprintf("%s@%d", s.name, off)
	}
	return s.name + s.members.locate(off)
}

// readErr describes a read failure; a gzip stream cut short is the common one.
func readErr(err error, off int64) error {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%w input at byte %d (decompressed): %v", ErrTruncated, off, err)
	}
	if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) {
		return fmt.Errorf("corrupt gzip at byte %d (decompressed): %w", off, err)
	}
	return fmt.Errorf("read at byte %d: %w", off, err)
}

// sniff picks a format from the first bytes, the file name (".gz" already
// removed) and a MIME type. It returns "" when the content matches no
// article format and the name gives no hint: a directory walk skips such
// files, an explicit path reads them as text unless they are binary.
func sniff(head []byte, name, contentType string) Format {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	// Unambiguous signatures first.
	switch {
	case bytes.HasPrefix(h, []byte("WARC/")) || bytes.HasPrefix(h, []byte("filedesc://")):
		return WARC
	case bytes.IndexByte(head, 0) >= 0:
		return "" // binary; utf-16 feeds are not supported
	}
	if len(h) > 0 && h[0] == '<' {
		if f := sniffMarkup(h); f != "" {
			return f
		}
	}
	// Then the name and the content type.
	switch filepath.Ext(name) {
	case ".txt", ".text":
		return Text
	case ".jsonl", ".ndjson", ".json":
		return JSONL
	case ".html", ".htm", ".xhtml", ".shtml":
		return HTML
	case ".rss", ".atom", ".rdf", ".xml":
		return Feed
	case ".warc", ".arc":
		return WARC
	}
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		switch {
		case mt == "text/html" || mt == "application/xhtml+xml":
			return HTML
		case mt == "application/rss+xml" || mt == "application/atom+xml" || mt == "application/rdf+xml" ||
			mt == "application/xml" || mt == "text/xml" || mt == "application/feed+json":
			return Feed
		case mt == "application/warc":
			return WARC
		case mt == "application/x-ndjson" || mt == "application/jsonl" || mt == "application/json":
			return JSONL
		case mt == "text/plain":
			return Text
		}
	}
	// Weak content sniffing last.
	switch {
	case len(h) > 0 && (h[0] == '{' || h[0] == '['):
		return JSONL
	case len(h) > 0 && h[0] == '<':
		return HTML
	}
	return ""
}

// sniffMarkup tells a feed from an HTML page by the first elements.
func sniffMarkup(h []byte) Format {
	low := bytes.ToLower(h[:min(len(h), 4096)])
	// Skip the XML declaration, comments, processing instructions and doctype
	// to find the root element.
	for len(low) > 0 {
		low = bytes.TrimLeft(low, " \t\r\n")
		switch {
		case bytes.HasPrefix(low, []byte("<!doctype html")):
			return HTML
		case bytes.HasPrefix(low, []byte("<!--")):
			i := bytes.Index(low, []byte("-->"))
			if i < 0 {
				return ""
			}
			low = low[i+3:]
			continue
		case bytes.HasPrefix(low, []byte("<?")) || bytes.HasPrefix(low, []byte("<!")):
			i := bytes.IndexByte(low, '>')
			if i < 0 {
				return ""
			}
			low = low[i+1:]
			continue
		case bytes.HasPrefix(low, []byte("<rss")) || bytes.HasPrefix(low, []byte("<feed")) ||
			bytes.HasPrefix(low, []byte("<rdf:rdf")) || bytes.HasPrefix(low, []byte("<rdf")) ||
			bytes.HasPrefix(low, []byte("<channel")):
			return Feed
		case bytes.HasPrefix(low, []byte("<html")) || bytes.HasPrefix(low, []byte("<head")) ||
			bytes.HasPrefix(low, []byte("<body")):
			return HTML
		}
		return ""
	}
	return ""
}

// reader holds the state of reading one input.
type reader struct {
	ctx      context.Context
	name     string
	opt      Options
	fn       Func
	r        *bufio.Reader
	count    *counter
	buffered func() int
	members  *memberReader // gzip input: where each member starts

	// Concurrent extraction (Options.Workers > 1): results wait in queue,
	// in input order, until they are delivered.
	sem   chan struct{}
	queue []*job
}

// job is one article or bad input on its way to fn; done is closed when
// its result is ready.
type job struct {
	done chan struct{}
	a    *doc.Article
	err  error
}

var closed = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// offset is the position (in decompressed bytes) of the next unread byte.
func (s *reader) offset() int64 { return s.count.n - int64(s.buffered()) }

// emit finishes an article's identity and hands it to fn (after any
// articles still being extracted before it).
func (s *reader) emit(a *doc.Article) error {
	return s.push(&job{done: closed, a: a})
}

// bad hands a bad input to fn, in order like emit.
func (s *reader) bad(origin string, err error) error {
	return s.push(&job{done: closed, err: &Error{Origin: origin, Err: err}})
}

// later runs work, which extracts one article (nil, nil: not an article;
// errors must be *Error), on another goroutine when Options.Workers > 1,
// and delivers its result in input order.
func (s *reader) later(work func() (*doc.Article, error)) error {
	if s.sem == nil {
		a, err := work()
		return s.push(&job{done: closed, a: a, err: err})
	}
	j := &job{done: make(chan struct{})}
	go func() {
		s.sem <- struct{}{}
		defer func() { <-s.sem; close(j.done) }()
		j.a, j.err = work()
	}()
	return s.push(j)
}

// push queues j and delivers every finished job at the head of the queue,
// waiting for the head while too many are pending.
func (s *reader) push(j *job) error {
	if len(s.queue) == 0 && j.done == closed {
		return s.deliver(j)
	}
	s.queue = append(s.queue, j)
	for len(s.queue) > 0 {
		head := s.queue[0]
		if len(s.queue) <= 2*cap(s.sem) {
			select {
			case <-head.done:
			default:
				return nil
			}
		} else {
			<-head.done
		}
		s.queue = s.queue[1:]
		if err := s.deliver(head); err != nil {
			return err
		}
	}
	return nil
}

// flush delivers every queued job, in order.
func (s *reader) flush() error {
	for len(s.queue) > 0 {
		head := s.queue[0]
		<-head.done
		s.queue = s.queue[1:]
		if err := s.deliver(head); err != nil {
			s.drain()
			return err
		}
	}
	return nil
}

// drain waits for the queued jobs and drops them (reading stopped).
func (s *reader) drain() {
	for _, j := range s.queue {
		<-j.done
	}
	s.queue = nil
}

// deliver hands one job's result to fn.
func (s *reader) deliver(j *job) error {
	if err := s.ctx.Err(); err != nil {
		return stop{err}
	}
	var err error
	switch {
	case j.err != nil:
		err = s.fn(nil, j.err)
	case j.a != nil:
		finish(j.a, s.opt)
		err = s.fn(j.a, nil)
	}
	if err != nil {
		return stop{err}
	}
	return nil
}

// finish sets the fields every article carries: trimmed text, Hash,
// SimHash, ID (the given one, else Hash) and Source (the given one, else
// the URL's host).
func finish(a *doc.Article, opt Options) {
	a.Text = strings.TrimSpace(a.Text)
	a.Title = strings.Join(strings.Fields(a.Title), " ")
	h, sim := dedup.Fingerprints(a.Text)
	a.Hash, a.SimHash = h, dedup.FormatSimHash(sim)
	if a.ID == "" {
		a.ID = a.Hash
	}
	if a.Source == "" {
		a.Source = opt.Source
	}
	if a.Source == "" && a.URL != "" {
		if u, err := url.Parse(a.URL); err == nil {
			a.Source = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	if !a.Published.IsZero() {
		a.Published = a.Published.UTC()
	}
}

// readAll reads the rest of the input up to the record limit.
func (s *reader) readAll() ([]byte, error) {
	max := s.opt.maxRecord()
	b, err := io.ReadAll(io.LimitReader(s.r, max+1))
	if err != nil {
		return nil, readErr(err, s.offset())
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("document %w of %d bytes", ErrTooLarge, max)
	}
	return b, nil
}

// parseTime accepts the date forms found in news data.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 9 && len(s) <= 13 {
		if len(s) == 13 {
			return time.UnixMilli(n).UTC(), true // JavaScript milliseconds
		}
		return time.Unix(n, 0).UTC(), true // Unix seconds
	}
	for _, layout := range []string{
		time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05", "2006-01-02", time.RFC1123Z, time.RFC1123, time.RFC822Z, time.RFC822,
		"Mon, 2 Jan 2006 15:04:05 -0700", "Mon, 2 Jan 2006 15:04:05 MST", "20060102150405", "2006-01-02T15:04:05Z0700",
	} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
