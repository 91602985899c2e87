package crawl

import (
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
	"golang.org/x/time/rate"
)

// ErrHostNotAllowed is returned for any connection to a host outside
// Config.AllowHosts: feeds, pages, robots.txt and redirects alike.
var ErrHostNotAllowed = errors.New("host not in --allow-hosts")

// ErrDisallowed is returned when robots.txt forbids a URL.
var ErrDisallowed = errors.New("disallowed by robots.txt")

// ErrTooLarge is returned when a body exceeds Config.MaxBody.
var ErrTooLarge = errors.New("body exceeds size limit")

// fetcher is a polite HTTP client: per-host concurrency and rate limits,
// robots.txt, an allow-list enforced at dial time, bounded bodies,
// bounded redirects and retries with exponential back-off.
type fetcher struct {
	cfg    Config
	client *http.Client

	mu    sync.Mutex
	hosts map[string]*hostState

	now func() time.Time // the clock robots.txt expiry is read on
}

// hostState is what the fetcher keeps per host.
type hostState struct {
	sem     chan struct{}
	limiter *rate.Limiter

	robotsMu  sync.Mutex
	robotsDue time.Time             // when to fetch robots.txt again; zero: never fetched
	robotsOK  bool                  // robots came from an answer (2xx or 4xx), not a failure
	robots    *robotstxt.RobotsData // nil: everything allowed
}

// How long a robots.txt answer is kept (Google's maximum), and how soon
// one that could not be fetched is tried again: a long-running crawler
// must neither ignore a site's new rules nor shun it for good after one
// outage.
const (
	robotsTTL      = 24 * time.Hour
	robotsRetryTTL = time.Hour
)

func newFetcher(cfg Config) *fetcher {
	f := &fetcher{cfg: cfg, hosts: map[string]*hostState{}, now: time.Now}
	dialer := &net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second}
	tr := &http.Transport{
		Proxy: nil, // never send crawl traffic through an environment proxy
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				host = addr
			}
			if !f.allowed(host) {
				return nil, fmt.Errorf("dial %s: %w", addr, ErrHostNotAllowed)
			}
			return dialer.DialContext(ctx, network, addr)
		},
		TLSHandshakeTimeout:   cfg.Timeout,
		ResponseHeaderTimeout: cfg.Timeout,
		MaxIdleConnsPerHost:   cfg.PerHost,
		IdleConnTimeout:       90 * time.Second,
		// We ask for gzip/deflate ourselves so that the size limit applies
		// to the decoded body too.
		DisableCompression: true,
	}
	f.client = &http.Client{
		Transport: tr,
		Timeout:   cfg.Timeout, // covers slow bodies (slow-loris) as well
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > cfg.MaxRedirects {
				return fmt.Errorf("more than %d redirects", cfg.MaxRedirects)
			}
			if !f.allowed(req.URL.Hostname()) {
				return fmt.Errorf("redirect to %s: %w", req.URL.Host, ErrHostNotAllowed)
			}
			return nil
		},
	}
	return f
}

func (f *fetcher) allowed(host string) bool {
	if len(f.cfg.AllowHosts) == 0 {
		return true
	}
	host = strings.ToLower(strings.Trim(host, "[]"))
	for _, h := range f.cfg.AllowHosts {
		if strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}

func (f *fetcher) host(u *url.URL) *hostState {
	key := strings.ToLower(u.Host)
	f.mu.Lock()
	defer f.mu.Unlock()
	h, ok := f.hosts[key]
	if !ok {
		lim := rate.Inf
		if f.cfg.PerHostInterval > 0 {
			lim = rate.Every(f.cfg.PerHostInterval)
		}
		h = &hostState{sem: make(chan struct{}, f.cfg.PerHost), limiter: rate.NewLimiter(lim, 1)}
		f.hosts[key] = h
	}
	return h
}

// response is a fetched body with the headers the crawler uses.
type response struct {
	Status       int
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
	FinalURL     string
}

// get fetches u politely. Validators, when given, make it conditional
// (a 304 comes back as Status 304 with no body). Transient failures
// (network errors, 429, 5xx) are retried with exponential back-off.
func (f *fetcher) get(ctx context.Context, u string, etag, lastModified string) (*response, error) {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") {
		return nil, fmt.Errorf("fetch %q: not an http(s) URL", u)
	}
	if !f.allowed(pu.Hostname()) {
		return nil, fmt.Errorf("fetch %s: %w", u, ErrHostNotAllowed)
	}
	h := f.host(pu)
	if err := f.checkRobots(ctx, pu, h); err != nil {
		return nil, err
	}
	var lastErr error
	for attempt := 0; attempt <= f.cfg.Retries; attempt++ {
		if attempt > 0 {
			backoff := f.cfg.Backoff << (attempt - 1)
			select {
			case <-time.After(backoff):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
		resp, retry, err := f.once(ctx, h, pu.String(), etag, lastModified)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		if !retry || ctx.Err() != nil {
			break
		}
	}
	return nil, lastErr
}

// once makes one request; retry says whether a failure is transient.
func (f *fetcher) once(ctx context.Context, h *hostState, u, etag, lastModified string) (_ *response, retry bool, _ error) {
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, false, ctx.Err()
	}
	defer func() { <-h.sem }()
	if err := h.limiter.Wait(ctx); err != nil {
		return nil, false, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("User-Agent", f.cfg.UserAgent)
	req.Header.Set("Accept-Encoding", "gzip, deflate")
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.9, */*;q=0.5")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return nil, !errors.Is(err, ErrHostNotAllowed), fmt.Errorf("fetch %s: %w", u, err)
	}
	defer resp.Body.Close()
	out := &response{
		Status:       resp.StatusCode,
		ContentType:  resp.Header.Get("Content-Type"),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		FinalURL:     resp.Request.URL.String(),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return out, false, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, true, &StatusError{URL: u, Code: resp.StatusCode}
	case resp.StatusCode >= 300:
		return nil, false, &StatusError{URL: u, Code: resp.StatusCode}
	}
	body, err := f.readBody(resp)
	if err != nil {
		return nil, !errors.Is(err, ErrTooLarge), fmt.Errorf("fetch %s: %w", u, err)
	}
	out.Body = body
	return out, false, nil
}

// readBody decodes gzip/deflate and stops at MaxBody bytes of decoded
// data, so neither an endless body nor a compression bomb can exhaust
// memory.
func (f *fetcher) readBody(resp *http.Response) ([]byte, error) {
	if resp.ContentLength > f.cfg.MaxBody {
		return nil, fmt.Errorf("%w: Content-Length %d > %d", ErrTooLarge, resp.ContentLength, f.cfg.MaxBody)
	}
	var r io.Reader = resp.Body
	switch strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))) {
	case "gzip", "x-gzip":
		gz, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		defer gz.Close()
		r = gz
	case "deflate":
		fr := flate.NewReader(resp.Body)
		defer fr.Close()
		r = fr
	}
	body, err := io.ReadAll(io.LimitReader(r, f.cfg.MaxBody+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > f.cfg.MaxBody {
		return nil, fmt.Errorf("%w of %d bytes", ErrTooLarge, f.cfg.MaxBody)
	}
	return body, nil
}

// checkRobots fetches the host's robots.txt (again once a day, or an hour
// after a failure) and applies it to u. Following Google's reading of RFC 9309, a 4xx robots.txt
// allows everything and an unreachable or 5xx one disallows everything.
func (f *fetcher) checkRobots(ctx context.Context, u *url.URL, h *hostState) error {
	if f.cfg.IgnoreRobots {
		return nil
	}
	h.robotsMu.Lock()
	if now := f.now(); h.robotsDue.IsZero() || now.After(h.robotsDue) {
		ru := url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
		status, body := http.StatusServiceUnavailable, []byte(nil)
		resp, _, err := f.once(ctx, h, ru.String(), "", "")
		var se *StatusError
		switch {
		case err == nil:
			status, body = resp.Status, resp.Body
		case errors.As(err, &se):
			status = se.Code
		}
		if ok := status < 500; ok || !h.robotsOK {
			// A failure keeps the rules of an earlier answer, as Google
			// does; with none, an unreachable robots.txt disallows all.
			data, rerr := robotstxt.FromStatusAndBytes(status, body)
			if rerr != nil {
				data, _ = robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
			}
			h.robots, h.robotsOK = data, ok
		}
		h.robotsDue = now.Add(robotsTTL)
		if status >= 500 {
			h.robotsDue = now.Add(robotsRetryTTL)
		}
	}
	robots := h.robots
	h.robotsMu.Unlock()
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	// TestAgent, not FindGroup(agent).Test: a 5xx answer's "disallow all"
	// is a flag of the RobotsData that its groups do not carry.
	if robots != nil && !robots.TestAgent(path, f.cfg.robotsAgent()) {
		return fmt.Errorf("fetch %s: %w", u, ErrDisallowed)
	}
	return nil
}

// robotsAgent is the product token robots.txt groups are matched against.
func (c Config) robotsAgent() string {
	ua := c.UserAgent
	if i := strings.IndexAny(ua, "/ "); i > 0 {
		ua = ua[:i]
	}
	return ua
}

// StatusError is an HTTP response the crawler could not use.
type StatusError struct {
	URL  string
	Code int
}

func (e *StatusError) Error() string { return fmt.Sprintf("fetch %s: HTTP %d", e.URL, e.Code) }
