package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"newsgraph/internal/datadir"
	"newsgraph/internal/doc"
	"newsgraph/internal/export"
	"newsgraph/internal/gdelt"
	"newsgraph/internal/ingest"
	"newsgraph/internal/pipeline"
	"newsgraph/internal/store"
)

// runExport writes articles in an export format, either the stored
// stories matching --query, or FILES analysed on the fly (no store).
func runExport(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	format := fs.String("format", "jsonl", "`FORMAT`: "+strings.Join(export.Formats, ", "))
	db := fs.String("db", defaultDB, "store to export from: SQLite file `PATH` or postgres://... (when no FILES)")
	q := fs.String("query", "", "search-language `QUERY` selecting stored stories (default: all)")
	limit := fs.Int("limit", 0, "export at most `N` articles (0: all)")
	out := fs.String("o", "-", "output `FILE` (- for stdout); written atomically")
	stages := fs.String("stages", "", "FILES mode: comma-separated analysis stages (default: all)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "FILES mode: analysis workers")
	published := fs.String("published", "", "FILES mode: publication `DATE` for articles that carry none")
	merged := fs.Bool("merged", false, "gdelt-events/gdelt-mentions: one Events row per deduplicated real-world event, Mentions linked to it")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, "Usage: newsgraph export --format FORMAT [--db PATH] [--query Q] [-o FILE]\n       newsgraph export --format FORMAT [-o FILE] FILES...   (analyse FILES, no store)\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	var pub doc.Article
	if *published != "" {
		t, err := parseDate(*published)
		if err != nil {
			return fmt.Errorf("--published: %w", err)
		}
		pub.Published = t
	}
	// Check the format before touching any output.
	if _, err := export.NewWriter(*format, io.Discard); err != nil {
		return err
	}
	var source func(fn func(*doc.Article) error) error
	if fs.NArg() > 0 {
		if *q != "" {
			return errors.New("--query selects stored stories; with FILES there is no store")
		}
		var only []string
		for _, s := range strings.Split(*stages, ",") {
			if s = strings.TrimSpace(s); s != "" {
				only = append(only, s)
			}
		}
		p, err := newFlow(flowOptions{stages: only})
		if err != nil {
			return err
		}
		source = func(fn func(*doc.Article) error) error {
			return analyseOrdered(ctx, env.stderr, p, fs.Args(), max(*workers, 1), pub.Published, *limit, fn)
		}
	} else {
		st, err := openStore(ctx, *db)
		if err != nil {
			return err
		}
		defer st.Close()
		source = func(fn func(*doc.Article) error) error {
			return st.Articles(ctx, store.Query{Text: *q, Limit: *limit, Order: store.Oldest}, fn)
		}
		if *merged {
			return exportMerged(ctx, *out, env.stdout, *format, source, st)
		}
	}
	if *merged {
		return exportMerged(ctx, *out, env.stdout, *format, source, nil)
	}
	return writeExport(*out, env.stdout, *format, source)
}

// writeExport runs source into a Writer of format on path ("-": stdout).
// A file is written beside its final name and renamed on success, so a
// failed export never leaves a truncated file behind.
func writeExport(path string, stdout io.Writer, format string, source func(fn func(*doc.Article) error) error) error {
	var (
		dst io.Writer = stdout
		tmp *os.File
	)
	if path != "-" {
		var err error
		tmp, err = os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		defer os.Remove(tmp.Name())
		defer tmp.Close()
		dst = tmp
	}
	bw := bufio.NewWriterSize(dst, 256<<10)
	w, err := export.NewWriterWith(format, bw, exportOptions(format))
	if err != nil {
		return err
	}
	if err := source(w.Write); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if tmp == nil {
		return nil
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}

// analyseOrdered reads paths, analyses articles on workers and calls fn in
// input order (exports are reproducible whatever the worker count).
// Bad inputs are reported on log and skipped.
func analyseOrdered(ctx context.Context, log io.Writer, p *pipeline.Pipeline, paths []string, workers int,
	published time.Time, limit int, fn func(*doc.Article) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	an := newAnalyser(ctx, p, workers, func(a *doc.Article, err error) error {
		if err != nil {
			fmt.Fprintf(log, "export: %v\n", err)
			return nil
		}
		if err := fn(a); err != nil {
			cancel()
			return err
		}
		return nil
	})
	n := 0
	readErr := ingest.Walk(ctx, paths, ingest.Options{}, func(a *doc.Article, err error) error {
		if err != nil {
			fmt.Fprintf(log, "export: %v\n", err)
			return nil
		}
		if limit > 0 && n >= limit {
			return errStopWalk
		}
		n++
		if a.Published.IsZero() && !published.IsZero() {
			a.Published = published
		}
		return an.Submit(ctx, a, nil)
	})
	if err := an.Close(); err != nil {
		return err
	}
	if readErr != nil && !errors.Is(readErr, errStopWalk) {
		return readErr
	}
	return nil
}

var errStopWalk = errors.New("limit reached")

// exportOptions loads what the GDELT tables need from the data folder
// (FIPS country codes and names); without it they keep ISO codes.
func exportOptions(format string) export.Options {
	var opt export.Options
	if !strings.HasPrefix(format, "gdelt-") {
		return opt
	}
	if path, err := datadir.Path("geo/countries.tsv"); err == nil {
		if g, err := gdelt.LoadOptions(path); err == nil {
			opt.GDELT = g
		}
	}
	return opt
}
