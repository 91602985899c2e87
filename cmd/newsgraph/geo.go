package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"time"

	"newsgraph/internal/datadir"
	"newsgraph/internal/geo"
)

// runGeo dispatches `newsgraph geo compile|lookup`.
func runGeo(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("geo: which? compile or lookup")
	}
	switch args[0] {
	case "compile":
		return runGeoCompile(env, args[1:])
	case "lookup":
		return runGeoLookup(env, args[1:])
	}
	return fmt.Errorf("geo: unknown subcommand %q (compile, lookup)", args[0])
}

// runGeoCompile builds data/geo.gaz from data/geo (and data/names,
// data/lexicons for the recogniser's word filters).
func runGeoCompile(env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("geo compile", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	data := fs.String("data", "", "data folder (default: found like the binary finds it)")
	out := fs.String("out", "", "output file (default DATA/"+geo.FileName+")")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir := *data
	if dir == "" {
		d, err := datadir.Find()
		if err != nil {
			return err
		}
		dir = d
	}
	if *out == "" {
		*out = filepath.Join(dir, geo.FileName)
	}
	t := time.Now()
	st, err := geo.Compile(geo.Sources{
		Geo:      filepath.Join(dir, "geo"),
		Names:    filepath.Join(dir, "names"),
		Lexicons: filepath.Join(dir, "lexicons"),
		Dumps:    filepath.Join(dir, "geonames-dumps"),
	}, *out)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.stderr, "geo compile: %s: %d entries, %d names, %d postings, %d words, %.1f MB in %s\n",
		*out, st.Entries, st.Names, st.Postings, st.Words, float64(st.Bytes)/1e6, time.Since(t).Round(time.Millisecond))
	return nil
}

// runGeoLookup prints the gazetteer entries of each name, for debugging.
func runGeoLookup(env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("geo lookup", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	gaz := fs.String("gazetteer", "", "compiled gazetteer (default DATA/"+geo.FileName+")")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := geo.Load(*gaz)
	if err != nil {
		return err
	}
	g := st.Gazetteer()
	enc := json.NewEncoder(env.stdout)
	for _, name := range fs.Args() {
		type hit struct {
			geo.Entry
			Kind  string `json:"kind"`
			Flags uint8  `json:"flags"`
		}
		var hits []hit
		for _, m := range g.Lookup(name) {
			e := g.Entry(m.Entry)
			hits = append(hits, hit{e, e.Kind.String(), m.Flags})
		}
		if err := enc.Encode(map[string]any{"name": name, "key": geo.Normalize(name), "entries": hits}); err != nil {
			return err
		}
	}
	return nil
}

// dataFile returns name inside opt.dataDir, or "" to let the stage find the
// data folder itself (internal/datadir).
func dataFile(opt flowOptions, name string) string {
	if opt.dataDir == "" {
		return ""
	}
	return filepath.Join(opt.dataDir, name)
}
