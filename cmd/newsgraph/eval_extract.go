package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"

	"newsgraph/internal/extract"
)

// evalExtract measures main-text extraction: token-level bag-of-words
// precision, recall and F1 against gold text, averaged over pages, and
// pages per second on one goroutine.
//
//	newsgraph eval extract --json data/extract-dev.jsonl
//	newsgraph eval extract --dir ../shared/data/html/mozilla-readability --compare
func evalExtract(_ context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("eval extract", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	jsonPath := fs.String("json", "", "dev file: one {\"id\",\"url\",\"html\",\"text\"} object per line")
	dir := fs.String("dir", "", "dev directory laid out like Mozilla Readability's test pages (source.html[.gz] + expected.txt per page)")
	compare := fs.Bool("compare", false, "also run go-readability and go-trafilatura on the same pages")
	perPage := fs.Bool("pages", false, "print each page's figures on stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var pages []extract.DevPage
	var err error
	switch {
	case *jsonPath != "" && *dir == "":
		pages, err = loadExtractDev(*jsonPath)
	case *dir != "" && *jsonPath == "":
		pages, err = extract.LoadDevDir(*dir)
	default:
		return errors.New("give one of --json FILE.jsonl or --dir DIR")
	}
	if err != nil {
		return err
	}
	if len(pages) == 0 {
		return errors.New("no dev pages found")
	}
	names := []string{"newsgraph"}
	if *compare {
		names = append(names, "go-readability", "go-trafilatura")
	}
	out := map[string]extract.EvalResult{}
	for _, name := range names {
		res, scores := extract.Evaluate(extract.Extractors()[name], pages)
		out[name] = res
		if *perPage {
			for _, s := range scores {
				fmt.Fprintf(env.stderr, "%s\t%s\tP %.3f\tR %.3f\tF1 %.3f", name, s.ID, s.Precision, s.Recall, s.F1)
				if s.Err != nil {
					fmt.Fprintf(env.stderr, "\t%v", s.Err)
				}
				fmt.Fprintln(env.stderr)
			}
		}
	}
	enc := json.NewEncoder(env.stdout)
	if !*compare {
		return enc.Encode(out["newsgraph"])
	}
	return enc.Encode(out)
}

// loadExtractDev reads a JSONL dev file.
func loadExtractDev(path string) ([]extract.DevPage, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load extraction dev file: %w", err)
	}
	defer f.Close()
	var pages []extract.DevPage
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if len(sc.Bytes()) == 0 {
			continue
		}
		var p extract.DevPage
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if p.ID == "" {
			p.ID = fmt.Sprintf("line%d", line)
		}
		pages = append(pages, p)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", path, line+1, err)
	}
	return pages, nil
}
