package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"newsgraph/internal/store"
)

// runSearch prints the stories matching a query in the search language
// (docs/store.md): a table for people, JSON with --json.
func runSearch(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	db := fs.String("db", defaultDB, "store: SQLite file `PATH` or postgres://...")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	limit := fs.Int("limit", 20, "stories per page")
	offset := fs.Int("offset", 0, "stories to skip")
	order := fs.String("order", "newest", "newest, oldest or relevance")
	facets := fs.Bool("facets", false, "also count matches by source, theme, country, event root and actor")
	fs.Usage = func() {
		fmt.Fprintln(env.stderr, `Usage: newsgraph search [flags] QUERY

QUERY: words, "phrases", AND/OR/NOT (or -word), ( ), and filters actor: country: place:
theme: event: source: from: to:, e.g.  rubio country:MX from:2026-11  (see docs/store.md). Flags:`)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	q := store.Query{Text: strings.Join(fs.Args(), " "), Limit: *limit, Offset: *offset, Order: store.Order(*order), Facets: *facets}
	res, err := st.Search(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	fmt.Fprintf(env.stdout, "%d stories match", res.Total)
	if len(res.Hits) > 0 {
		fmt.Fprintf(env.stdout, " (showing %d-%d)", q.Offset+1, q.Offset+len(res.Hits))
	}
	fmt.Fprintln(env.stdout)
	for _, h := range res.Hits {
		date := "          "
		if !h.Published.IsZero() {
			date = h.Published.Format("2006-01-02")
		}
		title := h.Title
		if title == "" {
			title = firstWords(h.Snippet, 12)
		}
		more := ""
		if h.Mentions > 1 {
			more = fmt.Sprintf("  [+%d outlets]", h.Mentions-1)
		}
		fmt.Fprintf(env.stdout, "%s  %-16.16s  %s%s  (%s)\n", date, h.Source, title, more, h.ID)
	}
	if len(res.Facets) > 0 {
		for _, name := range []string{"source", "theme", "country", "event", "actor"} {
			var parts []string
			for _, f := range res.Facets[name] {
				parts = append(parts, fmt.Sprintf("%s %d", f.Value, f.Count))
			}
			if len(parts) > 0 {
				fmt.Fprintf(env.stdout, "%-8s %s\n", name+":", strings.Join(parts, ", "))
			}
		}
		if res.FacetSample > 0 {
			fmt.Fprintf(env.stdout, "(facets over the first %d matches)\n", res.FacetSample)
		}
	}
	return nil
}

func firstWords(s string, n int) string {
	w := strings.Fields(s)
	if len(w) > n {
		return strings.Join(w[:n], " ") + "…"
	}
	return strings.Join(w, " ")
}
