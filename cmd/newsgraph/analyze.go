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
	out := bufio.NewWriterSize(env.stdout, 64<<10)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if opt.pretty {
		enc.SetIndent("", "  ")
	}
	// Each article or failure is reported in input order; the first fatal
	// error (a failure without --keep-going, or a write error) stops the
	// reading.
	failed := 0
	an := newAnalyser(ctx, p, opt.workers, func(a *doc.Article, err error) error {
		if err != nil {
			failed++
			if !opt.keepGoing {
				return err
			}
			fmt.Fprintf(env.stderr, "newsgraph analyze: %v\n", err)
			return nil
		}
		if opt.summary {
			err = writeSummary(out, a)
		} else {
			err = enc.Encode(a)
		}
		if err != nil {
			return fmt.Errorf("write output: %w", err)
		}
		return nil
	})
	walkErr := readArticles(ctx, env.stdin, paths, func(a *doc.Article, err error) error {
		if a != nil && a.Published.IsZero() && !opt.published.IsZero() {
			a.Published = opt.published
		}
		return an.Submit(ctx, a, err)
	})
	if err := an.Close(); err != nil {
		return err
	}
	if err := out.Flush(); err != nil {
		return fmt.Errorf("write output: %w", err)
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
