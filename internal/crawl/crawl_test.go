package crawl

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"newsgraph/internal/doc"
)

const shared = "../../../shared/data"

// memState is an in-memory State, enough to test the crawler's own logic;
// the store-backed State is tested with the store in cmd/newsgraph.
type memState struct {
	mu    sync.Mutex
	feeds map[string]FeedState
	sink  *memSink
}

func (m *memState) Feed(_ context.Context, url string) (FeedState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if st, ok := m.feeds[url]; ok {
		return st, nil
	}
	return FeedState{URL: url}, nil
}

func (m *memState) SaveFeed(_ context.Context, st FeedState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.feeds[st.URL] = st
	return nil
}

func (m *memState) Stored(_ context.Context, ids []string) (map[string]bool, error) {
	m.sink.mu.Lock()
	defer m.sink.mu.Unlock()
	out := map[string]bool{}
	for _, id := range ids {
		out[id] = m.sink.arts[id] != nil
	}
	return out, nil
}

// memSink keeps articles by id and counts how often each was put.
type memSink struct {
	mu   sync.Mutex
	puts map[string]int
	arts map[string]*doc.Article
}

func (s *memSink) Put(_ context.Context, as []*doc.Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, a := range as {
		s.puts[a.ID]++
		s.arts[a.ID] = a
	}
	return nil
}

// site is the local test web: the shared feeds (whose item links point to
// real sites the allow-list refuses), a feed of our own whose items link to
// the shared HTML pages, and hostile endpoints.
type site struct {
	t        *testing.T
	srv      *httptest.Server
	mu       sync.Mutex
	requests map[string]int // path → count
	cond     int            // conditional requests received
	pages    map[string][]byte
	feeds    map[string][]byte
}

func newSite(t *testing.T) *site {
	t.Helper()
	s := &site{t: t, requests: map[string]int{}, pages: map[string][]byte{}, feeds: map[string][]byte{}}
	feedFiles, _ := filepath.Glob(filepath.Join(shared, "feeds/feed-rs/*.xml"))
	pageDirs, _ := filepath.Glob(filepath.Join(shared, "html/mozilla-readability/*"))
	if len(feedFiles) == 0 || len(pageDirs) == 0 {
		t.Skip("shared feeds/html not present")
	}
	for _, f := range feedFiles {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s.feeds[filepath.Base(f)] = b
	}
	for _, d := range pageDirs[:8] {
		gz, err := os.ReadFile(filepath.Join(d, "source.html.gz"))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		s.pages[filepath.Base(d)] = b
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// ownFeed lists our pages plus the hostile ones.
func (s *site) ownFeed() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Local</title><link>` + s.srv.URL + `</link>`)
	item := func(title, path, desc string) {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s%s</link><guid>%s</guid><pubDate>Thu, 26 Nov 2026 10:00:00 GMT</pubDate><description>%s</description></item>",
			title, s.srv.URL, path, path, desc)
	}
	// Sorted, not map order: the body (and so its ETag) must be the same on
	// every request, or the second cycle's conditional GET gets a 200.
	for _, name := range slices.Sorted(maps.Keys(s.pages)) {
		item("Page "+name, "/pages/"+name, "Feed summary of "+name+" with enough words to stand in for the page.")
	}
	item("Redirected", "/redirect/bbc-1", "Summary of a redirected page.")
	item("Slow page", "/slow", "Summary of a page that never finishes loading.")
	item("Huge page", "/huge", "Summary of a page with an endless body.")
	item("Gone", "/gone", "Summary of a page that is gone, kept from the feed.")
	item("Private", "/private/secret", "Summary of a page robots.txt forbids, kept from the feed.")
	b.WriteString("</channel></rss>")
	return []byte(b.String())
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests[r.URL.Path]++
	if r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "" {
		s.cond++
	}
	s.mu.Unlock()
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	case p == "/own.xml":
		serveWithETag(w, r, s.ownFeed(), "application/rss+xml")
	case strings.HasPrefix(p, "/feeds/"):
		b, ok := s.feeds[strings.TrimPrefix(p, "/feeds/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		serveWithETag(w, r, b, "application/xml")
	case strings.HasPrefix(p, "/pages/"):
		b, ok := s.pages[strings.TrimPrefix(p, "/pages/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(b)
	case strings.HasPrefix(p, "/redirect/"):
		http.Redirect(w, r, "/pages/"+strings.TrimPrefix(p, "/redirect/"), http.StatusMovedPermanently)
	case p == "/slow", p == "/slowfeed.xml":
		// slow-loris: a byte a while, never finishing within the timeout
		w.Header().Set("Content-Type", "text/html")
		for i := 0; i < 100; i++ {
			if _, err := w.Write([]byte("<")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-time.After(100 * time.Millisecond):
			case <-r.Context().Done():
				return
			}
		}
	case p == "/huge":
		w.Header().Set("Content-Type", "text/html")
		chunk := bytes.Repeat([]byte("<p>endless</p>"), 4096)
		for i := 0; i < 1000; i++ {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	case p == "/broken.xml":
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, "<rss><channel><item><title>unterminated")
	case p == "/error.xml":
		http.Error(w, "boom", http.StatusInternalServerError)
	default:
		http.NotFound(w, r)
	}
}

func serveWithETag(w http.ResponseWriter, r *http.Request, body []byte, ctype string) {
	etag := fmt.Sprintf(`"%x"`, sha256.Sum256(body))
	w.Header().Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Write(body)
}

func testConfig() Config {
	cfg := Defaults("test")
	cfg.AllowHosts = []string{"127.0.0.1"}
	cfg.Timeout = time.Second
	cfg.MaxBody = 2 << 20
	cfg.PerHostInterval = 0
	cfg.PerHost = 4
	cfg.Retries = 1
	cfg.Backoff = 10 * time.Millisecond
	return cfg
}

func TestCycle(t *testing.T) {
	s := newSite(t)
	feeds := []Feed{{URL: s.srv.URL + "/own.xml", Name: "Local Times", Lang: "en"}}
	for name := range s.feeds {
		feeds = append(feeds, Feed{URL: s.srv.URL + "/feeds/" + name})
	}
	feeds = append(feeds,
		Feed{URL: s.srv.URL + "/slowfeed.xml"},
		Feed{URL: s.srv.URL + "/broken.xml"},
		Feed{URL: s.srv.URL + "/error.xml"},
		Feed{URL: s.srv.URL + "/missing.xml"},
		Feed{URL: "http://203.0.113.7/offsite.xml"}, // TEST-NET: must never be dialled
	)
	sink := &memSink{puts: map[string]int{}, arts: map[string]*doc.Article{}}
	st := &memState{feeds: map[string]FeedState{}, sink: sink}
	c := New(testConfig(), st, sink, testReader)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stats, err := c.Cycle(ctx, feeds)
	if err != nil {
		t.Fatalf("Cycle: %v", err)
	}
	t.Logf("cycle 1: %s", stats)
	// Timeouts bound the cycle: the slow endpoints cost at most
	// (retries+1) × timeout each, in parallel with everything else.
	if limit := 4 * testConfig().Timeout * 2; stats.Duration > limit {
		t.Errorf("cycle took %s, want < %s: a bad host stalled it", stats.Duration, limit)
	}
	if stats.Feeds != len(feeds) {
		t.Errorf("feeds polled = %d, want %d", stats.Feeds, len(feeds))
	}
	if stats.FeedErrors < 5 {
		t.Errorf("feed errors = %d, want ≥ 5 (slow, broken, 500, 404, off-site)", stats.FeedErrors)
	}
	for id, n := range sink.puts {
		if n != 1 {
			t.Errorf("article %s put %d times, want once", id, n)
		}
	}
	// Every page of our own feed that is reachable was fetched and extracted.
	for name := range s.pages {
		if s.requests["/pages/"+name] == 0 {
			t.Errorf("page %s never fetched", name)
		}
	}
	if s.requests["/private/secret"] != 0 {
		t.Errorf("robots.txt disallowed page was fetched")
	}
	var fromPage, own int
	for _, a := range sink.arts {
		if a.Source == "Local Times" {
			own++
			if strings.Contains(a.URL, "/pages/") && !strings.HasPrefix(a.Text, "Feed summary") {
				fromPage++
			}
		}
	}
	// pages + redirect + slow + huge + gone + private, each once
	if want := len(s.pages) + 5; own != want {
		t.Errorf("own feed gave %d articles, want %d", own, want)
	}
	if fromPage != len(s.pages) {
		t.Errorf("%d articles extracted from pages, want %d", fromPage, len(s.pages))
	}
	first := len(sink.arts)
	if first < 50 {
		t.Errorf("only %d articles from the shared feeds", first)
	}
	if fs := st.feeds[s.srv.URL+"/broken.xml"]; fs.Errors != 1 || fs.LastError == "" {
		t.Errorf("broken feed state = %+v, want one recorded error", fs)
	}

	// Second cycle: conditional requests to every feed that answered with
	// validators, nothing new.
	validated := 0
	for _, fs := range st.feeds {
		if fs.ETag != "" {
			validated++
		}
	}
	if validated < len(s.feeds) {
		t.Errorf("%d feeds kept validators, want ≥ %d", validated, len(s.feeds))
	}
	condBefore := s.cond
	stats2, err := c.Cycle(ctx, feeds)
	if err != nil {
		t.Fatalf("Cycle 2: %v", err)
	}
	t.Logf("cycle 2: %s", stats2)
	if stats2.Articles != 0 || len(sink.arts) != first {
		t.Errorf("second cycle ingested %d new articles, want 0", stats2.Articles)
	}
	if s.cond-condBefore != validated {
		t.Errorf("second cycle sent %d conditional requests, want %d", s.cond-condBefore, validated)
	}
	if stats2.NotModified != validated {
		t.Errorf("not modified = %d, want %d", stats2.NotModified, validated)
	}
}

func TestAllowHostsRefusesRedirectOffsite(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, "http://198.51.100.9/elsewhere", http.StatusFound)
	}))
	defer srv.Close()
	f := newFetcher(testConfig())
	_, err := f.get(context.Background(), srv.URL+"/x", "", "")
	if err == nil || !strings.Contains(err.Error(), ErrHostNotAllowed.Error()) {
		t.Fatalf("err = %v, want host not allowed", err)
	}
}

func TestParseFeedList(t *testing.T) {
	in := "# outlets\nhttps://a.example/rss\tThe A Times\tUS\ten\n\nhttp://b.example/feed B mx ES\nhttps://a.example/rss\n"
	got, err := ParseFeedList(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Feed{
		{URL: "https://a.example/rss", Name: "The A Times", Country: "US", Lang: "en"},
		{URL: "http://b.example/feed", Name: "B", Country: "MX", Lang: "es"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	if _, err := ParseFeedList(strings.NewReader("ftp://x/y\n")); err == nil {
		t.Fatal("ftp URL accepted")
	}
}

// nilStored is a State whose Stored answers a nil map when nothing is
// stored, which the State contract allows.
type nilStored struct{ memState }

func (n *nilStored) Stored(context.Context, []string) (map[string]bool, error) { return nil, nil }

func TestCycleNilStoredMap(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/robots.txt":
			http.NotFound(w, r)
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			item := `<item><title>Same</title><description>The same item listed twice in one feed, with words.</description></item>`
			fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>`+item+item+`</channel></rss>`)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	sink := &memSink{puts: map[string]int{}, arts: map[string]*doc.Article{}}
	st := &nilStored{memState{feeds: map[string]FeedState{}, sink: sink}}
	c := New(testConfig(), st, sink, testReader)
	stats, err := c.Cycle(context.Background(), []Feed{{URL: srv.URL + "/feed.xml"}})
	if err != nil {
		t.Fatalf("Cycle: %v", err)
	}
	if stats.Articles != 1 || len(sink.arts) != 1 {
		t.Errorf("articles = %d (stored %d), want the duplicated item once", stats.Articles, len(sink.arts))
	}
}

// TestRobotsRefetched checks that robots.txt is fetched again: an hour
// after it could not be had (a 503 at start-up must not shut a site out
// for the crawler's life) and a day after an answer (new rules apply).
func TestRobotsRefetched(t *testing.T) {
	var mu sync.Mutex
	robots, fetches := http.StatusServiceUnavailable, 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			fetches++
			if robots != http.StatusOK {
				w.WriteHeader(robots)
				return
			}
			fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
			return
		}
		fmt.Fprint(w, "<html><body><p>page</p></body></html>")
	}))
	defer srv.Close()
	cfg := testConfig()
	cfg.Retries = 0
	f := newFetcher(cfg)
	clock := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	f.now = func() time.Time { return clock }
	get := func(path string) error {
		_, err := f.get(context.Background(), srv.URL+path, "", "")
		return err
	}
	set := func(code int) { mu.Lock(); robots = code; mu.Unlock() }

	if err := get("/a"); !errors.Is(err, ErrDisallowed) {
		t.Fatalf("robots.txt 503: err = %v, want everything disallowed", err)
	}
	set(http.StatusOK)
	clock = clock.Add(30 * time.Minute)
	if err := get("/a"); !errors.Is(err, ErrDisallowed) {
		t.Errorf("30 min after a 503: err = %v, want still disallowed (not fetched again yet)", err)
	}
	clock = clock.Add(31 * time.Minute)
	if err := get("/a"); err != nil {
		t.Errorf("an hour after a 503: err = %v, want robots.txt fetched again and /a allowed", err)
	}
	if err := get("/private/x"); !errors.Is(err, ErrDisallowed) {
		t.Errorf("/private/x: err = %v, want disallowed", err)
	}
	set(http.StatusServiceUnavailable)
	clock = clock.Add(25 * time.Hour)
	if err := get("/a"); err != nil {
		t.Errorf("a failed refetch: err = %v, want the earlier rules kept", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if fetches != 3 {
		t.Errorf("robots.txt fetched %d times, want 3", fetches)
	}
}
