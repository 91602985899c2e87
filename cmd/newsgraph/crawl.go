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
	"text/tabwriter"
	"time"

	"newsgraph/internal/crawl"
	"newsgraph/internal/doc"
	"newsgraph/internal/ingest"
	"newsgraph/internal/store"
)

// runCrawl keeps the store current from a list of feeds: every --every it
// polls each feed (conditional GET), fetches new items' pages, analyses and
// stores them (or publishes them to a queue for workers).
func runCrawl(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("crawl", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	cfg := crawl.Defaults(version)
	feedsFile := fs.String("feeds", "", "`FILE` listing feeds: URL [name [country [lang]]] a line")
	every := fs.Duration("every", 15*time.Minute, "time between the starts of two cycles")
	once := fs.Bool("once", false, "run a single cycle and exit (for cron and tests)")
	db := fs.String("db", defaultDB, "store: SQLite file `PATH` or postgres://... (also keeps feed state)")
	queue := fs.String("queue", "", "publish new articles to a NATS JetStream `URL` for workers instead of analysing here")
	allow := fs.String("allow-hosts", "", "comma-separated `HOSTS`: refuse every connection (feeds, pages, robots.txt, redirects) to any other host")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "analysis workers")
	fs.DurationVar(&cfg.Timeout, "timeout", cfg.Timeout, "per-request timeout, body included")
	fs.DurationVar(&cfg.PerHostInterval, "host-interval", cfg.PerHostInterval, "minimum time between two requests to one host")
	fs.IntVar(&cfg.PerHost, "host-concurrency", cfg.PerHost, "concurrent requests per host")
	fs.Int64Var(&cfg.MaxBody, "max-body", cfg.MaxBody, "maximum body `BYTES` (after decompression)")
	fs.IntVar(&cfg.MaxItems, "max-items", cfg.MaxItems, "new items taken per feed and cycle (0: no limit)")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: newsgraph crawl --feeds FILE [--every 15m | --once] [--db PATH | --queue nats://...] [--allow-hosts H1,H2]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *feedsFile == "" {
		fs.Usage()
		return errors.New("--feeds FILE is required")
	}
	if *every <= 0 && !*once {
		return errors.New("--every must be positive")
	}
	for _, h := range strings.Split(*allow, ",") {
		if h = strings.TrimSpace(h); h != "" {
			cfg.AllowHosts = append(cfg.AllowHosts, h)
		}
	}
	f, err := os.Open(*feedsFile)
	if err != nil {
		return fmt.Errorf("--feeds: %w", err)
	}
	feeds, err := crawl.ParseFeedList(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("--feeds %s: %w", *feedsFile, err)
	}
	if len(feeds) == 0 {
		return fmt.Errorf("--feeds %s lists no feed", *feedsFile)
	}

	st, fst, err := openFeedStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	var sink crawl.Sink
	if *queue != "" {
		pub, err := newPublisher(ctx, *queue)
		if err != nil {
			return err
		}
		defer pub.Close()
		sink = queueSink{pub}
	} else {
		p, err := newFlow(flowOptions{})
		if err != nil {
			return err
		}
		sink = feedSink{&ingester{st: st, p: p, opt: ingestOptions{workers: max(*workers, 1)}, log: env.stderr}}
	}
	c := crawl.New(cfg, feedState{fst, st}, sink, readFetched)

	for cycle := 1; ; cycle++ {
		start := time.Now()
		stats, err := c.Cycle(ctx, feeds)
		fmt.Fprintf(env.stderr, "crawl: cycle %d at %s: %s\n", cycle, start.UTC().Format(time.RFC3339), stats)
		if err != nil {
			// The store or the queue failed (feed failures are only
			// counted): stop rather than poll into a broken sink.
			return err
		}
		if *once {
			return nil
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(time.Until(start.Add(*every))):
		}
	}
}

// openFeedStore opens a store that keeps feed state (both the SQLite and
// the PostgreSQL store do).
func openFeedStore(ctx context.Context, dsn string) (store.Store, store.FeedStore, error) {
	st, err := openStore(ctx, dsn)
	if err != nil {
		return nil, nil, err
	}
	fst, ok := st.(store.FeedStore)
	if !ok {
		st.Close()
		return nil, nil, fmt.Errorf("store %s keeps no feed state", dsn)
	}
	return st, fst, nil
}

// readFetched is the crawler's Reader: the ingest readers, told the
// fetched URL and its Content-Type.
func readFetched(r io.Reader, name, contentType string, fn func(*doc.Article, error) error) error {
	return ingest.FromReader(r, name, ingest.Options{ContentType: contentType, URL: name}, ingest.Func(fn))
}

// queueSink publishes a feed's new articles for workers to analyse.
type queueSink struct{ pub publisher }

func (q queueSink) Put(ctx context.Context, as []*doc.Article) error {
	for _, a := range as {
		if err := q.pub.Publish(ctx, a); err != nil {
			return err
		}
	}
	return q.pub.Flush(ctx)
}

// runFeeds lists the feeds the store knows, with their health.
func runFeeds(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("feeds", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	db := fs.String("db", defaultDB, "store: SQLite file `PATH` or postgres://...")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, fst, err := openFeedStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := fst.ListFeeds(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "HEALTH\tFEED\tLAST POLL\tLAST OK\tERRORS\tITEMS\tLAST ERROR")
	for _, f := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%d\t%s\n", feedHealth(f), f.URL, when(f.LastPoll), when(f.LastSuccess),
			f.Errors, f.ItemsSeen, truncate(f.LastError, 80))
	}
	return tw.Flush()
}

// feedHealth summarises a feed's state: ok, failing (the last poll
// failed) or dead (five or more failures in a row).
func feedHealth(f store.FeedState) string {
	switch {
	case f.Errors >= 5:
		return "dead"
	case f.Errors > 0:
		return "failing"
	case f.LastSuccess.IsZero():
		return "new"
	}
	return "ok"
}

func when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.UTC().Format("2006-01-02 15:04")
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
