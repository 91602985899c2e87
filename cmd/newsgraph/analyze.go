package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"newsgraph/internal/doc"
)

// runAnalyze reads each input and prints it as JSON with its annotations.
// (Placeholder reader: plain text only; the ingest package replaces it.)
func runAnalyze(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("analyze", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	p, err := newFlow(flowOptions{})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(env.stdout)
	for _, path := range fs.Args() {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		a := &doc.Article{ID: path, Origin: path, Text: string(b)}
		if err := p.Process(ctx, a); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := enc.Encode(a); err != nil {
			return err
		}
	}
	return nil
}
