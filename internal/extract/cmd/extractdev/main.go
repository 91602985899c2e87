// Command extractdev writes an extraction dev file (one
// {"id","url","html","text"} object per line, the input of
// `newsgraph eval extract --json`) from a directory of pages laid out like
// Mozilla Readability's test suite. scripts/setup.sh runs it, because the
// page content is third-party data that is never committed.
//
//	go run ./internal/extract/cmd/extractdev -dir ../shared/data/html/mozilla-readability -o data/extract-dev.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"newsgraph/internal/extract"
)

func main() {
	dir := flag.String("dir", "", "directory of pages (source.html[.gz] + expected.txt per subdirectory)")
	out := flag.String("o", "", "output JSONL file")
	flag.Parse()
	if *dir == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*dir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "extractdev:", err)
		os.Exit(1)
	}
}

func run(dir, out string) error {
	pages, err := extract.LoadDevDir(dir)
	if err != nil {
		return err
	}
	if len(pages) == 0 {
		return fmt.Errorf("no pages in %s", dir)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	for _, p := range pages {
		if err := enc.Encode(p); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "extractdev: wrote %d pages to %s\n", len(pages), out)
	return nil
}
