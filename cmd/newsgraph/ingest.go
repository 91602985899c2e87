package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"newsgraph/internal/crawl"
	"newsgraph/internal/doc"
	"newsgraph/internal/ingest"
	"newsgraph/internal/pipeline"
	"newsgraph/internal/store"
	"newsgraph/internal/store/postgres"
	"newsgraph/internal/store/sqlite"
)

// defaultDB is where ingest, search, export and serve look by default.
const defaultDB = "newsgraph.db"

// publisher sends raw articles to a queue instead of analysing them here
// (`ingest --queue nats://...`); workers analyse and store them.
type publisher interface {
	Publish(ctx context.Context, a *doc.Article) error
	Flush(ctx context.Context) error // wait until every published article is acknowledged
	Close() error
}

// openStore opens the store a --db value names: postgres://... or a SQLite
// file path (optionally prefixed sqlite:// or file:).
func openStore(ctx context.Context, dsn string) (store.Store, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return postgres.Open(ctx, dsn)
	}
	path := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite://"), "file:")
	return sqlite.Open(ctx, path, sqlite.Options{})
}

// ingestOptions are the flags of `newsgraph ingest`.
type ingestOptions struct {
	db         string
	workers    int
	batch      int
	stages     []string
	noAnalysis bool
	queue      string
	progress   string // auto, bar, log, off
	feeds      string
	published  time.Time
	count      bool
}

func runIngest(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var opt ingestOptions
	fs.StringVar(&opt.db, "db", defaultDB, "store: SQLite file `PATH` or postgres://...")
	fs.IntVar(&opt.workers, "workers", runtime.GOMAXPROCS(0), "analysis workers (default: the cores)")
	fs.IntVar(&opt.batch, "batch", 5000, "articles per store transaction (a batch is also committed every 500 ms)")
	stages := fs.String("stages", "", "comma-separated `LIST` of analysis stages to run (default: all)")
	fs.BoolVar(&opt.noAnalysis, "no-analysis", false, "store the articles as read, without analysis")
	fs.StringVar(&opt.queue, "queue", "", "publish to a NATS JetStream `URL` (nats://...) for workers instead of analysing here")
	fs.StringVar(&opt.progress, "progress", "auto", "progress display: auto (bar on a terminal, else log lines), bar, log or off")
	fs.StringVar(&opt.feeds, "feeds", "", "poll the feeds listed in `FILE` once (one URL a line, see `newsgraph crawl`)")
	fs.BoolVar(&opt.count, "count", true, "count the inputs first (in parallel) to show an ETA")
	published := fs.String("published", "", "publication `DATE` for articles that carry none")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: newsgraph ingest [flags] PATH|FEED-URL... | -")
		fmt.Fprintln(env.stderr, "\nReads articles (every input format; http(s) URLs are polled as feeds), analyses them\nin parallel and stores them. Idempotent and crash-safe: rerun after any interruption. Flags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *stages != "" {
		for _, s := range strings.Split(*stages, ",") {
			if s = strings.TrimSpace(s); s != "" {
				opt.stages = append(opt.stages, s)
			}
		}
	}
	if *published != "" {
		t, err := parseDate(*published)
		if err != nil {
			return fmt.Errorf("--published: %w", err)
		}
		opt.published = t
	}
	var paths, feedURLs []string
	for _, a := range fs.Args() {
		if strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://") {
			feedURLs = append(feedURLs, a)
		} else {
			paths = append(paths, a)
		}
	}
	if len(paths) == 0 && len(feedURLs) == 0 && opt.feeds == "" {
		fs.Usage()
		return errors.New("no input: give PATHs, feed URLs, --feeds FILE or - for stdin")
	}
	opt.workers = max(opt.workers, 1)
	opt.batch = min(max(opt.batch, 1), 10000)

	if opt.queue != "" {
		return ingestToQueue(ctx, env, opt, paths)
	}
	var p *pipeline.Pipeline
	if !opt.noAnalysis {
		var err error
		if p, err = newFlow(flowOptions{stages: opt.stages}); err != nil {
			return err
		}
	}
	st, err := openStore(ctx, opt.db)
	if err != nil {
		return err
	}
	defer st.Close()
	ing := &ingester{st: st, p: p, opt: opt, log: env.stderr}
	if len(paths) > 0 {
		if err := ing.run(ctx, paths); err != nil {
			return err
		}
	}
	if len(feedURLs) > 0 || opt.feeds != "" {
		if err := ing.pollFeeds(ctx, feedURLs); err != nil {
			return err
		}
	}
	return nil
}

// ingestStats counts what one run did; fields are updated atomically.
type ingestStats struct {
	read, bad, known, failed, added, mentions, existing atomic.Int64
	total                                               atomic.Int64 // -1 while counting
}

func (s *ingestStats) done() int64 {
	return s.known.Load() + s.added.Load() + s.mentions.Load() + s.existing.Load()
}

// ingester reads, analyses and stores.
type ingester struct {
	st    store.Store
	p     *pipeline.Pipeline // nil: store as read
	opt   ingestOptions
	log   io.Writer
	stats ingestStats
	logMu sync.Mutex
	nerrs int
	bar   bool // progress is a bar redrawn in place: clear it before other output
}

// clear returns the escape that erases a progress bar line, if one is shown.
func (g *ingester) clear() string {
	if g.bar {
		return "\r\033[K"
	}
	return ""
}

// warn prints one problem; after 50 it only counts them.
func (g *ingester) warn(format string, args ...any) {
	g.logMu.Lock()
	defer g.logMu.Unlock()
	g.nerrs++
	switch {
	case g.nerrs <= 50:
		fmt.Fprintf(g.log, g.clear()+"ingest: "+format+"\n", args...)
	case g.nerrs == 51:
		fmt.Fprintln(g.log, g.clear()+"ingest: more problems; counting them only")
	}
}

// run ingests paths: a reader skips articles already stored (so a rerun
// analyses only what is missing), workers analyse, one writer stores in
// batched transactions.
func (g *ingester) run(ctx context.Context, paths []string) error {
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	g.stats.total.Store(-1)
	countDone := make(chan struct{})
	if g.opt.count && !containsDash(paths) {
		go func() {
			defer close(countDone)
			var n int64
			err := ingest.Walk(ctx, paths, ingest.Options{}, func(a *doc.Article, err error) error {
				if err == nil {
					n++
				}
				return nil
			})
			if err == nil {
				g.stats.total.Store(n)
			}
		}()
	} else {
		close(countDone)
	}

	// Articles are analysed on workers but stored in input order, so the
	// story each joins does not depend on the worker count or timing.
	results := make(chan *doc.Article, 2*g.opt.batch)
	an := newAnalyser(ctx, g.p, g.opt.workers, func(a *doc.Article, err error) error {
		if err != nil {
			if ctx.Err() != nil {
				return nil // interrupted: leave it for the rerun
			}
			g.stats.failed.Add(1)
			g.warn("%v (stored without full analysis)", err)
		}
		select {
		case results <- a:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	})
	var readErr error
	go func() {
		defer close(results)
		readErr = g.read(ctx, paths, an)
		if err := an.Close(); err != nil && readErr == nil {
			readErr = err
		}
	}()

	stopProgress := g.startProgress(start)
	writeErr := g.write(ctx, results)
	if writeErr != nil {
		cancel()
		for range results { // let workers finish
		}
	}
	stopProgress()
	cancel()
	<-countDone
	if writeErr != nil {
		return writeErr
	}
	if readErr != nil && !errors.Is(readErr, context.Canceled) {
		return readErr
	}
	g.summary(time.Since(start))
	if readErr != nil {
		return readErr
	}
	return nil
}

func containsDash(paths []string) bool {
	for _, p := range paths {
		if p == "-" {
			return true
		}
	}
	return false
}

// read walks the inputs and submits the articles not already stored.
func (g *ingester) read(ctx context.Context, paths []string, an *analyser) error {
	const chunk = 256
	pending := make([]*doc.Article, 0, chunk)
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		ids := make([]string, 0, len(pending))
		for _, a := range pending {
			ids = append(ids, articleID(a))
		}
		have, err := g.st.Has(ctx, ids)
		if err != nil {
			return fmt.Errorf("check stored ids: %w", err)
		}
		for i, a := range pending {
			if have[ids[i]] {
				g.stats.known.Add(1)
				continue
			}
			if err := an.Submit(ctx, a, nil); err != nil {
				return err
			}
		}
		pending = pending[:0]
		return nil
	}
	err := ingest.Walk(ctx, paths, ingest.Options{}, func(a *doc.Article, err error) error {
		if err != nil {
			g.stats.bad.Add(1)
			g.warn("%v", err)
			return nil
		}
		g.stats.read.Add(1)
		if a.Published.IsZero() && !g.opt.published.IsZero() {
			a.Published = g.opt.published
		}
		pending = append(pending, a)
		if len(pending) == chunk {
			return flush()
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flush()
}

// articleID is the id the store will give a (store.Prepare's rule).
func articleID(a *doc.Article) string {
	if a.ID == "" {
		_ = store.Prepare(a)
	}
	return a.ID
}

// write stores results in batches: a batch is committed when full or
// every 500ms, so a slow analysis still shows up in the store promptly.
func (g *ingester) write(ctx context.Context, results <-chan *doc.Article) error {
	batch := make([]*doc.Article, 0, g.opt.batch)
	tick := time.NewTicker(500 * time.Millisecond)
	defer tick.Stop()
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		// An interrupt must not cut a batch in half: finish it.
		rs, err := g.st.PutBatch(context.WithoutCancel(ctx), batch)
		if err != nil {
			return err
		}
		for _, r := range rs {
			switch r.Status {
			case store.Added:
				g.stats.added.Add(1)
			case store.Mentioned:
				g.stats.mentions.Add(1)
			default:
				g.stats.existing.Add(1)
			}
		}
		batch = batch[:0]
		return nil
	}
	for {
		select {
		case a, ok := <-results:
			if !ok {
				return flush()
			}
			if err := store.Prepare(a); err != nil {
				g.stats.bad.Add(1)
				g.warn("%s: %v", a.Origin, err)
				continue
			}
			a.Tokens = nil // derivable from the text; the store keeps spans that matter
			batch = append(batch, a)
			if len(batch) >= g.opt.batch {
				if err := flush(); err != nil {
					return err
				}
			}
		case <-tick.C:
			if err := flush(); err != nil {
				return err
			}
		}
	}
}

func (g *ingester) summary(d time.Duration) {
	s := &g.stats
	rate := float64(s.done()) / max(d.Seconds(), 1e-9)
	fmt.Fprintf(g.log, g.clear()+"ingest: %d read: %d stored as new stories, %d as mentions of a story, %d already stored; %d bad inputs, %d analysis failures; %s (%.0f articles/s)\n",
		s.read.Load(), s.added.Load(), s.mentions.Load(), s.known.Load()+s.existing.Load(), s.bad.Load(), s.failed.Load(),
		d.Round(time.Millisecond), rate)
}

// startProgress shows progress until the returned func is called: a bar
// redrawn in place on a terminal, a log line every 5s otherwise.
func (g *ingester) startProgress(start time.Time) func() {
	mode := g.opt.progress
	if mode == "auto" {
		mode = "log"
		if isTerminal(g.log) {
			mode = "bar"
		}
	}
	if mode == "off" {
		return func() {}
	}
	g.bar = mode == "bar"
	every := 5 * time.Second
	if mode == "bar" {
		every = 250 * time.Millisecond
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				line := g.progressLine(time.Since(start), mode == "bar")
				g.logMu.Lock()
				if mode == "bar" {
					fmt.Fprint(g.log, "\r\033[K"+line)
				} else {
					fmt.Fprintln(g.log, "ingest: "+line)
				}
				g.logMu.Unlock()
			}
		}
	}()
	return func() { close(stop); wg.Wait() }
}

func (g *ingester) progressLine(el time.Duration, bar bool) string {
	done := g.stats.done()
	total := g.stats.total.Load()
	rate := float64(done) / max(el.Seconds(), 1e-9)
	eta := "counting…"
	var frac float64
	if total >= 0 {
		frac = 1
		if total > 0 {
			frac = min(float64(done)/float64(total), 1)
		}
		if rate > 0 {
			eta = fmtDur(time.Duration(float64(max(total-done, 0)) / rate * float64(time.Second)))
		} else {
			eta = "?"
		}
	}
	var b strings.Builder
	if bar {
		const width = 30
		n := int(frac * width)
		b.WriteString("[" + strings.Repeat("=", n) + strings.Repeat(" ", width-n) + "] ")
	}
	if total >= 0 {
		fmt.Fprintf(&b, "%d/%d %3.0f%%", done, total, frac*100)
	} else {
		fmt.Fprintf(&b, "%d", done)
	}
	fmt.Fprintf(&b, "  %.0f articles/s  ETA %s  elapsed %s", rate, eta, fmtDur(el))
	if n := g.stats.bad.Load() + g.stats.failed.Load(); n > 0 {
		fmt.Fprintf(&b, "  problems %d", n)
	}
	return b.String()
}

func fmtDur(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// ingestToQueue publishes raw articles for `newsgraph worker` to analyse.
func ingestToQueue(ctx context.Context, env *cmdEnv, opt ingestOptions, paths []string) error {
	pub, err := newPublisher(ctx, opt.queue)
	if err != nil {
		return err
	}
	defer pub.Close()
	var n, bad int
	err = ingest.Walk(ctx, paths, ingest.Options{}, func(a *doc.Article, err error) error {
		if err != nil {
			bad++
			fmt.Fprintf(env.stderr, "ingest: %v\n", err)
			return nil
		}
		if a.Published.IsZero() && !opt.published.IsZero() {
			a.Published = opt.published
		}
		n++
		return pub.Publish(ctx, a)
	})
	if err != nil {
		return err
	}
	if err := pub.Flush(ctx); err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "ingest: published %d articles to %s (%d bad inputs)\n", n, opt.queue, bad)
	return nil
}

// pollFeeds polls feed URLs (and the --feeds list) once through the
// crawler, analysing and storing each feed's new items before the feed's
// validators are saved, so an interruption re-fetches rather than loses.
func (g *ingester) pollFeeds(ctx context.Context, urls []string) error {
	var feeds []crawl.Feed
	for _, u := range urls {
		feeds = append(feeds, crawl.Feed{URL: u})
	}
	if g.opt.feeds != "" {
		f, err := os.Open(g.opt.feeds)
		if err != nil {
			return fmt.Errorf("--feeds: %w", err)
		}
		list, err := crawl.ParseFeedList(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("--feeds %s: %w", g.opt.feeds, err)
		}
		feeds = append(feeds, list...)
	}
	fst, ok := g.st.(store.FeedStore)
	if !ok {
		return errors.New("this store keeps no feed state")
	}
	read := func(r io.Reader, name, ctype string, fn func(*doc.Article, error) error) error {
		return ingest.FromReader(r, name, ingest.Options{ContentType: ctype, URL: name}, ingest.Func(fn))
	}
	c := crawl.New(crawl.Defaults(version), feedState{fst, g.st}, feedSink{g}, read)
	stats, err := c.Cycle(ctx, feeds)
	fmt.Fprintf(g.log, "ingest: %s\n", stats)
	return err
}

// feedState adapts the store to the crawler's State.
type feedState struct {
	fs store.FeedStore
	st store.Store
}

func (f feedState) Feed(ctx context.Context, url string) (crawl.FeedState, error) {
	s, err := f.fs.Feed(ctx, url)
	if errors.Is(err, store.ErrNotFound) {
		return crawl.FeedState{URL: url}, nil
	}
	if err != nil {
		return crawl.FeedState{}, err
	}
	return crawl.FeedState{URL: s.URL, ETag: s.ETag, LastModified: s.LastModified, LastPoll: s.LastPoll,
		LastOK: s.LastSuccess, LastError: s.LastError, Errors: s.Errors, ItemsSeen: s.ItemsSeen}, nil
}

func (f feedState) SaveFeed(ctx context.Context, s crawl.FeedState) error {
	return f.fs.SaveFeed(ctx, store.FeedState{URL: s.URL, ETag: s.ETag, LastModified: s.LastModified, LastPoll: s.LastPoll,
		LastSuccess: s.LastOK, LastError: s.LastError, Errors: s.Errors, ItemsSeen: s.ItemsSeen})
}

func (f feedState) Stored(ctx context.Context, ids []string) (map[string]bool, error) {
	return f.st.Has(ctx, ids)
}

// feedSink analyses one feed's new items in parallel and stores them in
// one transaction.
type feedSink struct{ g *ingester }

func (s feedSink) Put(ctx context.Context, as []*doc.Article) error {
	g := s.g
	if g.p != nil {
		var wg sync.WaitGroup
		sem := make(chan struct{}, g.opt.workers)
		for _, a := range as {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				if err := g.p.Process(ctx, a); err != nil && ctx.Err() == nil {
					g.warn("%v (stored without full analysis)", err)
				}
			}()
		}
		wg.Wait()
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	keep := as[:0:0]
	for _, a := range as {
		if err := store.Prepare(a); err != nil {
			g.warn("%s: %v", a.Origin, err)
			continue
		}
		a.Tokens = nil
		keep = append(keep, a)
	}
	_, err := g.st.PutBatch(ctx, keep)
	return err
}
