package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"newsgraph/internal/doc"
	"newsgraph/internal/pipeline"
)

// analyzeOptions are the flags of `newsgraph analyze`.
type analyzeOptions struct {
	published time.Time // fallback publication date
	keepGoing bool
	pretty    bool
	stages    []string
}

// runAnalyze reads every input (files, directories, "-" for stdin), runs
// the analysis flow over each article and prints it as JSON, one article
// per line. A bad input stops the run, or with --keep-going is reported on
// stderr (naming file and offset) and skipped; the exit status is then
// non-zero.
func runAnalyze(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var opt analyzeOptions
	published := fs.String("published", "", "publication `DATE` (RFC 3339 or YYYY-MM-DD) for articles that carry none")
	fs.BoolVar(&opt.keepGoing, "keep-going", false, "report bad inputs on stderr and go on")
	fs.BoolVar(&opt.pretty, "pretty", false, "indent the JSON (for reading one article)")
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
	p, err := newFlow(flowOptions{stages: opt.stages})
	if err != nil {
		return err
	}
	if err := checkStages(p, opt.stages); err != nil {
		return err
	}
	return analyze(ctx, env, p, opt, fs.Args())
}

// analyze runs p over every article read from paths and writes them to
// env.stdout.
func analyze(ctx context.Context, env *cmdEnv, p *pipeline.Pipeline, opt analyzeOptions, paths []string) error {
	out := bufio.NewWriterSize(env.stdout, 64<<10)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	if opt.pretty {
		enc.SetIndent("", "  ")
	}
	failed := 0
	// report handles one bad input or article: fatal unless --keep-going.
	report := func(err error) error {
		failed++
		if !opt.keepGoing {
			return err
		}
		fmt.Fprintf(env.stderr, "newsgraph analyze: %v\n", err)
		return nil
	}
	walkErr := readArticles(ctx, env.stdin, paths, func(a *doc.Article, err error) error {
		if err != nil {
			return report(err)
		}
		if a.Published.IsZero() && !opt.published.IsZero() {
			a.Published = opt.published
		}
		if err := p.Process(ctx, a); err != nil {
			return report(err)
		}
		if err := enc.Encode(a); err != nil {
			return fmt.Errorf("write output: %w", err)
		}
		return nil
	})
	if err := out.Flush(); err != nil && walkErr == nil {
		walkErr = fmt.Errorf("write output: %w", err)
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

// selectStages keeps the stages named in only, in flow order; all of them
// when only is empty.
func selectStages(stages []pipeline.Stage, only []string) []pipeline.Stage {
	if len(only) == 0 {
		return stages
	}
	keep := make(map[string]bool, len(only))
	for _, n := range only {
		keep[n] = true
	}
	var out []pipeline.Stage
	for _, s := range stages {
		if keep[s.Name()] {
			out = append(out, s)
		}
	}
	return out
}

// checkStages rejects --stages names the flow does not have.
func checkStages(p *pipeline.Pipeline, only []string) error {
	have := map[string]bool{}
	for _, n := range p.Stages() {
		have[n] = true
	}
	for _, n := range only {
		if !have[n] {
			return fmt.Errorf("--stages: unknown stage %q", n)
		}
	}
	return nil
}

// readArticles calls fn for each article in paths ("-" is stdin).
//
// Plain-text fallback until internal/ingest lands: each file is one
// article; its first line is the title when a blank line follows it.
func readArticles(ctx context.Context, stdin io.Reader, paths []string, fn func(*doc.Article, error) error) error {
	for _, path := range paths {
		if err := ctx.Err(); err != nil {
			return err
		}
		var b []byte
		var err error
		if path == "-" {
			b, err = io.ReadAll(stdin)
		} else {
			b, err = os.ReadFile(path)
		}
		if err != nil {
			if err := fn(nil, fmt.Errorf("read %s: %w", path, err)); err != nil {
				return err
			}
			continue
		}
		a := &doc.Article{ID: path, Origin: path, Text: string(b)}
		if title, rest, ok := strings.Cut(a.Text, "\n\n"); ok && !strings.Contains(title, "\n") {
			a.Title, a.Text = strings.TrimSpace(title), rest
		}
		if err := fn(a, nil); err != nil {
			return err
		}
	}
	return nil
}
