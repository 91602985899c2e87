// Package crawl keeps a store current from a list of news feeds, as GDELT's
// 15-minute cycle does: each cycle polls every feed with a conditional GET,
// fetches each new item's page, extracts the article (falling back to the
// feed's own content when the page cannot be had) and hands it on.
//
// It is a polite crawler: robots.txt is honoured, each host gets bounded
// concurrency and a request rate, every request has a timeout, bodies and
// redirects are bounded, transient failures are retried with back-off, and
// --allow-hosts restricts every connection (checked at dial time, so
// redirects and robots.txt cannot escape it). A dead or hostile feed costs
// at most its own timeouts and never blocks the others.
package crawl

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"newsgraph/internal/doc"
)

// Config tunes the crawler; Defaults gives production values.
type Config struct {
	UserAgent       string
	AllowHosts      []string      // empty: any host
	Timeout         time.Duration // per request, including the body
	MaxBody         int64         // bytes, after decompression
	MaxRedirects    int
	PerHost         int           // concurrent requests per host
	PerHostInterval time.Duration // minimum spacing of requests to a host
	Retries         int           // retries of transient failures
	Backoff         time.Duration // first retry delay, doubled each time
	Feeds           int           // feeds polled at once
	MaxItems        int           // new items taken per feed and cycle; 0: no limit
	IgnoreRobots    bool          // for one's own servers only
}

// Defaults returns the configuration `newsgraph crawl` starts from.
func Defaults(version string) Config {
	return Config{
		UserAgent:       "newsgraph/" + version + " (+https://github.com/newsgraph; self-hosted news crawler)",
		Timeout:         20 * time.Second,
		MaxBody:         10 << 20,
		MaxRedirects:    5,
		PerHost:         2,
		PerHostInterval: time.Second,
		Retries:         2,
		Backoff:         2 * time.Second,
		Feeds:           8,
		MaxItems:        200,
	}
}

// FeedState is what the crawler remembers of a feed between cycles.
type FeedState struct {
	URL          string    `json:"url"`
	Name         string    `json:"name,omitempty"`
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastPoll     time.Time `json:"last_poll,omitzero"`
	LastOK       time.Time `json:"last_ok,omitzero"`
	LastStatus   int       `json:"last_status,omitempty"`
	LastError    string    `json:"last_error,omitempty"`
	Errors       int       `json:"errors"` // consecutive failed polls
	ItemsSeen    int       `json:"items_seen"`
}

// State is what the crawler needs from the store: feed validators and
// health, and which items are already stored (so a restart re-fetches
// nothing). The store itself is the record of what was taken: an item
// counts as seen only once its article is stored, so a crash between fetch
// and store loses nothing. Implementations must be safe for concurrent use.
type State interface {
	Feed(ctx context.Context, url string) (FeedState, error) // FeedState{URL: url} when unknown
	SaveFeed(ctx context.Context, st FeedState) error
	Stored(ctx context.Context, ids []string) (map[string]bool, error)
}

// Sink receives the articles of one feed's new items. Items are marked seen
// only after Put returns nil, so a crash between the two re-fetches them
// next time and the idempotent store keeps them once.
type Sink interface {
	Put(ctx context.Context, articles []*doc.Article) error
}

// Reader turns fetched bytes into articles: a feed into one article per
// item (URL = the item's link), a page into its main text. It is
// ingest.FromReader in production.
type Reader func(r io.Reader, name, contentType string, fn func(*doc.Article, error) error) error

// Crawler polls feeds.
type Crawler struct {
	cfg   Config
	state State
	sink  Sink
	read  Reader
	now   func() time.Time
	fetch *fetcher
}

// New returns a crawler. Robots.txt and per-host limits live as long as the
// crawler; make a new one to forget them.
func New(cfg Config, st State, sink Sink, read Reader) *Crawler {
	if cfg.PerHost <= 0 {
		cfg.PerHost = 1
	}
	if cfg.Feeds <= 0 {
		cfg.Feeds = 1
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = 10 << 20
	}
	return &Crawler{cfg: cfg, state: st, sink: sink, read: read, now: time.Now, fetch: newFetcher(cfg)}
}

// Stats summarises one cycle.
type Stats struct {
	Feeds       int           `json:"feeds"`
	NotModified int           `json:"not_modified"`
	NewItems    int           `json:"new_items"`
	Articles    int           `json:"articles"`
	PageErrors  int           `json:"page_errors"` // pages replaced by feed content
	FeedErrors  int           `json:"feed_errors"`
	Duration    time.Duration `json:"duration"`
}

func (s Stats) String() string {
	return fmt.Sprintf("feeds polled %d (not modified %d, errors %d), new articles %d (page fallbacks %d), %s",
		s.Feeds, s.NotModified, s.FeedErrors, s.Articles, s.PageErrors, s.Duration.Round(time.Millisecond))
}

// Cycle polls every feed once. Feed failures are counted and recorded in
// the feed's state, not returned: only a failing State or Sink, or ctx
// ending, makes Cycle return an error.
func (c *Crawler) Cycle(ctx context.Context, feeds []Feed) (Stats, error) {
	start := c.now()
	var (
		mu    sync.Mutex
		stats Stats
		errs  []error
		wg    sync.WaitGroup
		jobs  = make(chan Feed)
	)
	for range min(c.cfg.Feeds, max(len(feeds), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range jobs {
				fs, err := c.pollFeed(ctx, f)
				mu.Lock()
				stats.add(fs)
				if err != nil {
					errs = append(errs, err)
				}
				mu.Unlock()
			}
		}()
	}
	for _, f := range feeds {
		select {
		case jobs <- f:
		case <-ctx.Done():
		}
	}
	close(jobs)
	wg.Wait()
	stats.Duration = c.now().Sub(start)
	if err := ctx.Err(); err != nil {
		errs = append(errs, err)
	}
	return stats, errors.Join(errs...)
}

func (s *Stats) add(o Stats) {
	s.Feeds += o.Feeds
	s.NotModified += o.NotModified
	s.NewItems += o.NewItems
	s.Articles += o.Articles
	s.PageErrors += o.PageErrors
	s.FeedErrors += o.FeedErrors
}

// pollFeed polls one feed; the returned error is reserved for State/Sink
// failures.
func (c *Crawler) pollFeed(ctx context.Context, f Feed) (Stats, error) {
	st := Stats{Feeds: 1}
	fstate, err := c.state.Feed(ctx, f.URL)
	if err != nil {
		return st, fmt.Errorf("feed state %s: %w", f.URL, err)
	}
	fstate.URL, fstate.Name = f.URL, f.Name
	fstate.LastPoll = c.now().UTC()
	resp, err := c.fetch.get(ctx, f.URL, fstate.ETag, fstate.LastModified)
	if err != nil {
		st.FeedErrors++
		fstate.Errors++
		fstate.LastError = err.Error()
		var se *StatusError
		if errors.As(err, &se) {
			fstate.LastStatus = se.Code
		}
		return st, c.state.SaveFeed(ctx, fstate)
	}
	fstate.LastStatus = resp.Status
	if resp.Status == 304 {
		st.NotModified++
		fstate.Errors, fstate.LastError, fstate.LastOK = 0, "", fstate.LastPoll
		return st, c.state.SaveFeed(ctx, fstate)
	}

	items, perr := c.items(ctx, f, resp)
	if perr != nil && len(items) == 0 {
		st.FeedErrors++
		fstate.Errors++
		fstate.LastError = perr.Error()
		// Keep the old validators: a broken body must be fetched again.
		return st, c.state.SaveFeed(ctx, fstate)
	}
	ids := make([]string, len(items))
	for i, it := range items {
		it.ID = ItemID(it)
		ids[i] = it.ID
	}
	stored, err := c.state.Stored(ctx, ids)
	if err != nil {
		return st, fmt.Errorf("item state of %s: %w", f.URL, err)
	}
	// taken is our own set: the State's map may be nil (reading it is
	// fine, writing it would panic) and is not ours to modify.
	var fresh []*doc.Article
	taken := make(map[string]bool, len(items))
	for _, it := range items {
		if stored[it.ID] || taken[it.ID] || (c.cfg.MaxItems > 0 && len(fresh) >= c.cfg.MaxItems) {
			continue
		}
		taken[it.ID] = true // the same item twice in one feed
		fresh = append(fresh, it)
	}
	st.NewItems = len(fresh)
	articles := make([]*doc.Article, len(fresh))
	var wg sync.WaitGroup
	var mu sync.Mutex
	sem := make(chan struct{}, c.cfg.PerHost*2)
	for i, it := range fresh {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			a, ok := c.page(ctx, f, it)
			if !ok {
				mu.Lock()
				st.PageErrors++
				mu.Unlock()
			}
			articles[i] = a
		}()
	}
	wg.Wait()
	// An item with neither a readable page nor feed content has nothing to
	// store.
	articles = slices.DeleteFunc(articles, func(a *doc.Article) bool { return strings.TrimSpace(a.Text) == "" })
	if len(articles) > 0 {
		if err := c.sink.Put(ctx, articles); err != nil {
			return st, fmt.Errorf("store articles of %s: %w", f.URL, err)
		}
	}
	st.Articles = len(articles)
	fstate.ItemsSeen += len(articles)
	fstate.ETag, fstate.LastModified = resp.ETag, resp.LastModified
	fstate.Errors, fstate.LastOK = 0, fstate.LastPoll
	fstate.LastError = ""
	if perr != nil {
		fstate.LastError = perr.Error()
	}
	return st, c.state.SaveFeed(ctx, fstate)
}

// items parses a feed body into one article per item.
func (c *Crawler) items(ctx context.Context, f Feed, resp *response) ([]*doc.Article, error) {
	var items []*doc.Article
	var errs []error
	err := c.read(bytes.NewReader(resp.Body), resp.FinalURL, resp.ContentType, func(a *doc.Article, err error) error {
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		items = append(items, a)
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	return items, errors.Join(errs...)
}

// page fetches and extracts an item's page; on any failure it keeps the
// feed's own content for the item and reports ok=false.
func (c *Crawler) page(ctx context.Context, f Feed, item *doc.Article) (_ *doc.Article, ok bool) {
	fill := func(a *doc.Article) *doc.Article {
		if a.Source == "" || f.Name != "" {
			a.Source = f.Name
		}
		if a.Lang == "" {
			a.Lang = f.Lang
		}
		if a.Title == "" {
			a.Title = item.Title
		}
		if a.Published.IsZero() {
			a.Published = item.Published
		}
		if a.URL == "" {
			a.URL = item.URL
		}
		return a
	}
	if item.URL == "" {
		return fill(item), false
	}
	resp, err := c.fetch.get(ctx, item.URL, "", "")
	if err != nil || resp.Status != 200 {
		return fill(item), false
	}
	var page *doc.Article
	_ = c.read(bytes.NewReader(resp.Body), resp.FinalURL, resp.ContentType, func(a *doc.Article, err error) error {
		if err == nil && page == nil && len(a.Text) > len(item.Text)/2 {
			page = a
		}
		return nil
	})
	if page == nil {
		return fill(item), false
	}
	page.URL = item.URL
	page.ID = item.ID // one id per item, whichever text we kept
	return fill(page), true
}

// ItemID identifies a feed item across cycles and outlets' feeds: a hash
// of its link (fragment dropped), else the id the reader gave it. The
// article stored for the item keeps this id whichever text (page or feed
// content) was kept, so "already stored" is a lookup by id.
func ItemID(a *doc.Article) string {
	link := a.URL
	if u, err := url.Parse(link); err == nil && u.Host != "" {
		u.Fragment = ""
		u.Host = strings.ToLower(u.Host)
		link = u.String()
	}
	if link == "" {
		return a.ID
	}
	sum := sha256.Sum256([]byte("item:" + link))
	return hex.EncodeToString(sum[:16])
}
