package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/ingest"
	"newsgraph/internal/pipeline"
)

// analyzeOptions are the flags of `newsgraph analyze`.
type analyzeOptions struct {
	published time.Time // fallback publication date
	keepGoing bool
	pretty    bool
	summary   bool // human-readable summary instead of JSON
	stages    []string
	workers   int // concurrent Process calls
}

// runAnalyze reads every input (files, directories, "-" for stdin), runs
// the analysis flow over each article and prints it as JSON, one article
// per line. A bad input stops the run, or with --keep-going is reported on
// stderr (naming file and offset) and skipped; the exit status is then
// non-zero.
func runAnalyze(ctx context.Context, env *cmdEnv, args []string) error {
	return analyzeCmd(ctx, env, args, newFlow)
}

// analyzeCmd is runAnalyze with the flow builder as a parameter, so tests
// of reading and output need not load every model.
func analyzeCmd(ctx context.Context, env *cmdEnv, args []string, build func(flowOptions) (*pipeline.Pipeline, error)) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var opt analyzeOptions
	published := fs.String("published", "", "publication `DATE` (RFC 3339 or YYYY-MM-DD) for articles that carry none")
	fs.BoolVar(&opt.keepGoing, "keep-going", false, "report bad inputs on stderr and go on")
	fs.BoolVar(&opt.pretty, "pretty", false, "indent the JSON (for reading one article)")
	fs.BoolVar(&opt.summary, "summary", false, "print a human-readable summary of each article instead of JSON")
	fs.IntVar(&opt.workers, "workers", runtime.GOMAXPROCS(0), "articles analysed at once")
	stages := fs.String("stages", "", "comma-separated `LIST` of stages to run (default: all), e.g. text")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: newsgraph analyze [flags] PATH... | -")
		fmt.Fprintln(env.stderr, "\nPrints one JSON article per line (JSONL). Flags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errors.New("no input: give one or more PATHs, or - for stdin")
	}
	if *published != "" {
		t, err := parseDate(*published)
		if err != nil {
			return fmt.Errorf("--published: %w", err)
		}
		opt.published = t
	}
	if *stages != "" {
		for _, s := range strings.Split(*stages, ",") {
			if s = strings.TrimSpace(s); s != "" {
				opt.stages = append(opt.stages, s)
			}
		}
	}
	p, err := build(flowOptions{stages: opt.stages})
	if err != nil {
		return err
	}
	return analyze(ctx, env, p, opt, fs.Args())
}

// analyze runs p over every article read from paths and writes them to
// env.stdout in input order. Articles are processed by opt.workers
// goroutines (stages are safe for concurrent use); reading and writing
// stay sequential so output order and error order follow the input.
func analyze(ctx context.Context, env *cmdEnv, p *pipeline.Pipeline, opt analyzeOptions, paths []string) error {
	workers := max(opt.workers, 1)
	type job struct {
		a    *doc.Article
		err  error
		done chan struct{}
	}
	jobs := make(chan *job, 4*workers)
	order := make(chan *job, 4*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if j.a.Published.IsZero() && !opt.published.IsZero() {
					j.a.Published = opt.published
				}
				j.err = p.Process(ctx, j.a)
				close(j.done)
			}
		}()
	}

	// The writer reports, in input order, each article or failure; the
	// first fatal error (a failure without --keep-going, or a write error)
	// is kept in stopErr and stops the reading.
	var (
		mu      sync.Mutex
		stopErr error
		failed  int
	)
	setStop := func(err error) {
		mu.Lock()
		if stopErr == nil {
			stopErr = err
		}
		mu.Unlock()
	}
	stopped := func() error {
		mu.Lock()
		defer mu.Unlock()
		return stopErr
	}
	writerDone := make(chan struct{})
	go func() {
		defer close(writerDone)
		out := bufio.NewWriterSize(env.stdout, 64<<10)
		enc := json.NewEncoder(out)
		enc.SetEscapeHTML(false)
		if opt.pretty {
			enc.SetIndent("", "  ")
		}
		for j := range order {
			<-j.done
			if stopped() != nil {
				continue // drain
			}
			if j.err != nil {
				failed++
				if !opt.keepGoing {
					setStop(j.err)
					continue
				}
				fmt.Fprintf(env.stderr, "newsgraph analyze: %v\n", j.err)
				continue
			}
			write := func() error { return enc.Encode(j.a) }
			if opt.summary {
				write = func() error { return writeSummary(out, j.a) }
			}
			if err := write(); err != nil {
				setStop(fmt.Errorf("write output: %w", err))
			}
		}
		if err := out.Flush(); err != nil {
			setStop(fmt.Errorf("write output: %w", err))
		}
	}()

	walkErr := readArticles(ctx, env.stdin, paths, func(a *doc.Article, err error) error {
		if err := stopped(); err != nil {
			return err
		}
		j := &job{a: a, err: err, done: make(chan struct{})}
		order <- j
		if err != nil {
			close(j.done)
			return nil
		}
		jobs <- j
		return nil
	})
	close(jobs)
	wg.Wait()
	close(order)
	<-writerDone
	if err := stopped(); err != nil {
		return err
	}
	if walkErr != nil {
		return walkErr
	}
	if failed > 0 {
		return &inputsFailed{n: failed}
	}
	return nil
}

// inputsFailed is returned when --keep-going skipped bad inputs: each was
// already reported, and the command exits with status 1.
type inputsFailed struct{ n int }

func (e *inputsFailed) Error() string {
	if e.n == 1 {
		return "1 input failed"
	}
	return fmt.Sprintf("%d inputs failed", e.n)
}

// ExitCode implements exitCoder.
func (e *inputsFailed) ExitCode() int { return 1 }

var _ exitCoder = (*inputsFailed)(nil)

// parseDate accepts RFC 3339 timestamps and plain YYYY-MM-DD dates (UTC
// midnight).
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q is neither RFC 3339 nor YYYY-MM-DD", s)
	}
	return t, nil
}

// readArticles calls fn for each article in paths, or for each bad input
// with an *ingest.Error naming file and offset. "-" reads stdin (through
// FromReader, so tests can supply it).
func readArticles(ctx context.Context, stdin io.Reader, paths []string, fn func(*doc.Article, error) error) error {
	var opt ingest.Options
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		if path == "-" {
			err = ingest.FromReader(stdin, "-", opt, fn)
		} else {
			err = ingest.Walk(ctx, []string{path}, opt, fn)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
