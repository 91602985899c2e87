package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"newsgraph/internal/dedup"
	"newsgraph/internal/doc"
	"newsgraph/internal/eventmerge"
	"newsgraph/internal/eventviews"
	"newsgraph/internal/gdelt"
)

// exportMerged writes the deduplicated view of the GDELT tables
// (export --merged): one gdelt-events row per real-world event that
// eventmerge finds among the articles, or gdelt-mentions rows linking each
// report to its event. Merging needs every mention at once, so the
// articles are held in memory (text, places, events and tone only).
//
// Copies of a stored story (exact or near duplicates from other outlets)
// are mentions too: with a store they are read from it (st); from FILES,
// articles with the same text hash or near SimHash are taken as one story.
func exportMerged(ctx context.Context, path string, stdout io.Writer, format string,
	source func(fn func(*doc.Article) error) error, st eventviews.Store) error {
	if format != "gdelt-events" && format != "gdelt-mentions" {
		return fmt.Errorf("--merged applies to gdelt-events and gdelt-mentions, not %s", format)
	}
	var (
		arts    []*doc.Article
		ms      []eventmerge.Mention
		stories []string // FILES mode: the first of each duplicate group
		fps     []uint64
		byHash  = map[string]string{}
	)
	err := source(func(a *doc.Article) error {
		slim := &doc.Article{ID: a.ID, URL: a.URL, Source: a.Source, Title: a.Title, Published: a.Published,
			Origin: a.Origin, Lang: a.Lang, Text: a.Text, Places: a.Places, Events: a.Events, Tone: a.Tone}
		arts = append(arts, slim)
		story := ""
		if st == nil {
			story = fileStory(a, byHash, &stories, &fps)
		}
		ms = append(ms, eventviews.FromArticle(slim, story)...)
		return nil
	})
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if st != nil {
		if arts, ms, err = withCopies(ctx, st, arts, ms); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	events := eventmerge.Merge(ms, eventmerge.Options{})
	w := gdelt.New(exportOptions(format).GDELT)
	return writeAtomic(path, stdout, func(out io.Writer) error {
		if format == "gdelt-events" {
			return w.MergedEvents(out, arts, events, ms)
		}
		return w.MergedMentions(out, arts, events, ms)
	})
}

// fileStory is the story a file article is a copy of ("" when it is the
// first of its text): same text hash or SimHash within dedup.MaxDistance,
// as the store decides.
func fileStory(a *doc.Article, byHash map[string]string, stories *[]string, fps *[]uint64) string {
	hash, fp := a.Hash, uint64(0)
	if hash == "" {
		hash = dedup.Hash(a.Text)
	}
	if s, ok := byHash[hash]; ok {
		return s
	}
	var ok bool
	if fp, ok = dedup.ParseSimHash(a.SimHash); !ok {
		fp = dedup.SimHash(a.Text)
	}
	for i, f := range *fps {
		if dedup.Near(f, fp) {
			return (*stories)[i]
		}
	}
	byHash[hash] = a.ID
	*stories = append(*stories, a.ID)
	*fps = append(*fps, fp)
	return ""
}

// withCopies adds, for each stored story with copies from other outlets,
// an article per copy (the story's annotations under the copy's id,
// outlet, URL and date) and its mentions.
func withCopies(ctx context.Context, st eventviews.Store, arts []*doc.Article, ms []eventmerge.Mention) ([]*doc.Article, []eventmerge.Mention, error) {
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	copies, _, err := eventviews.Copies(ctx, st, ids, 0)
	if err != nil {
		return nil, nil, err
	}
	for _, a := range arts[:len(arts):len(arts)] {
		for _, c := range copies[a.ID] {
			if c.ID == a.ID {
				continue
			}
			cp := *a
			cp.ID, cp.Source, cp.URL, cp.Origin = c.ID, c.Outlet, c.URL, c.Origin
			if !c.Published.IsZero() {
				cp.Published = c.Published
			}
			arts = append(arts, &cp)
			ms = append(ms, eventviews.FromArticle(&cp, a.ID)...)
		}
	}
	return arts, ms, nil
}

// writeAtomic runs write into path ("-": stdout), through a temporary file
// renamed on success so a failed export leaves no truncated file.
func writeAtomic(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "-" {
		bw := bufio.NewWriter(stdout)
		if err := write(bw); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		return bw.Flush()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if err := write(tmp); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	return nil
}
