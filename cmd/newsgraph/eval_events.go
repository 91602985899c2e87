package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"newsgraph/internal/datadir"
	"newsgraph/internal/event"
)

// evalEvents runs `newsgraph eval events --json FILE.jsonl [--dict DIR]`:
// it codes each sentence and prints exact/root/PLOVER precision, recall and
// F1 and the share of records coded exactly.
func evalEvents(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("eval events", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	file := fs.String("json", "", "dev `FILE` (.jsonl: id, text, date, events)")
	dict := fs.String("dict", "", "dictionary `DIR` (default: the data folder's cameo/petrarch2); "+
		"a folder of PETR.Validate.* files codes without our curated additions")
	tables := fs.String("tables", "", "`DIR` with gdelt-lookups/ and plover/ (default: the data folder's cameo)")
	failures := fs.Bool("failures", false, "also list the ids of records not coded exactly")
	show := fs.Bool("show", false, "print each record not coded exactly (text, gold, coded) to stderr")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *file == "" {
		return fmt.Errorf("--json FILE is required")
	}
	// targets are required per record (CAMEO-coded records follow
	// PETRARCH's dyads; PLOVER gold often has sources only)
	cfg := event.Config{Dir: *dict, TablesDir: *tables}
	if *dict != "" {
		// a foreign dictionary set (e.g. PETR.Validate.*) is evaluated as
		// is: our curated entries are written for the Phoenix dictionaries
		if _, err := os.Stat(filepath.Join(*dict, "CAMEO.2.0.txt")); err != nil {
			cfg.NoCurated = true
		}
		if *tables == "" {
			if _, err := os.Stat(filepath.Join(*dict, "..", "gdelt-lookups")); err != nil {
				if p, err := datadir.Path("cameo"); err == nil {
					cfg.TablesDir = p
				}
			}
		}
	}
	st, err := event.Load(cfg)
	if err != nil {
		return err
	}
	f, err := os.Open(*file)
	if err != nil {
		return err
	}
	defer f.Close()
	var verbose func(rec event.Record, got []event.Coded)
	if *show {
		verbose = func(rec event.Record, got []event.Coded) {
			fmt.Fprintf(env.stderr, "== %s\n%s\n", rec.ID, rec.Text)
			for _, g := range rec.Events {
				fmt.Fprintf(env.stderr, "  gold %s>%s %s %s\n", g.Source, g.Target, g.Code, g.Plover)
			}
			for _, e := range got {
				pl, _ := st.Coder().PloverEvent(e)
				m := ""
				if e.Mirror {
					m = " (mirror)"
				}
				if e.Purpose {
					m += " (purpose)"
				}
				if e.Background {
					m += " (background)"
				}
				fmt.Fprintf(env.stderr, "  got  %s>%s %s %s %s%s %q\n", e.Source, e.Target, e.Code, pl, e.Status, m, e.Rule)
			}
		}
	}
	rep, err := st.Coder().Evaluate(f, verbose)
	if err != nil {
		return fmt.Errorf("%s: %w", *file, err)
	}
	if !*failures {
		rep.Failures = nil
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
