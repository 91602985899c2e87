// Command newsgraph turns a stream of news articles into structured,
// searchable knowledge: entities, places, coded events, themes and tone.
//
// Each subcommand lives in its own file; main only dispatches.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// command is one subcommand. run gets the arguments after the subcommand
// name and returns an error to print; a flag.ErrHelp prints nothing.
type command struct {
	name  string
	usage string
	run   func(ctx context.Context, env *cmdEnv, args []string) error
}

// cmdEnv carries the process's standard streams, so commands are testable.
type cmdEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

func commands() []command {
	return []command{
		{"analyze", "analyze [flags] PATH... | -   print each article as JSON with its annotations", runAnalyze},
		{"eval", "eval KIND --json FILE          measure a component on a dev file", runEval},
		{"actors", "actors add NAME CODE [--from D] | list   manage your own CAMEO actors", runActors},
		{"geo", "geo compile|lookup NAME...      compile the gazetteer (data/geo.gaz) or look names up", runGeo},
		{"train", "train ner|pos|chunk|resources   train a tagger (or compile NER resources)", runTrain},
		{"ingest", "ingest [--db PATH] PATH|FEED-URL... analyse and store articles (idempotent, crash-safe)", runIngest},
		{"search", "search [--db PATH] [--json] QUERY  search stored stories (docs/store.md)", runSearch},
		{"export", "export --format F [--query Q | FILES...]  csv, jsonl, parquet, gdelt-events|mentions|gkg", runExport},
		{"crawl", "crawl --feeds FILE [--every 15m|--once] [--allow-hosts H,...]  keep the store current from feeds", runCrawl},
		{"feeds", "feeds [--db PATH]               list crawled feeds with their health", runFeeds},
		{"serve", "serve [--addr 127.0.0.1:8080] [--db PATH|postgres://...] [--token T]  JSON API (docs/api.md)", runServe},
		{"worker", "worker --queue nats://... [--db postgres://...]  analyse and store queued articles, ack after commit", runWorker},
		{"version", "version                        print the version", runVersion},
		{"help", "help                           print this help", nil},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	env := &cmdEnv{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	os.Exit(run(ctx, env, os.Args[1:]))
}

func run(ctx context.Context, env *cmdEnv, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(env.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] || c.run == nil {
			continue
		}
		if err := c.run(ctx, env, args[1:]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			fmt.Fprintf(env.stderr, "newsgraph %s: %v\n", c.name, err)
			var ec exitCoder
			if errors.As(err, &ec) {
				return ec.ExitCode()
			}
			return 1
		}
		return 0
	}
	fmt.Fprintf(env.stderr, "newsgraph: unknown command %q\n\n", args[0])
	usage(env.stderr)
	return 2
}

// exitCoder lets a command choose its exit status.
type exitCoder interface{ ExitCode() int }

func usage(w io.Writer) {
	fmt.Fprintln(w, "newsgraph: a self-hosted news-intelligence engine")
	fmt.Fprintln(w, "\nUsage: newsgraph COMMAND [flags] [args]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %s\n", c.usage)
	}
	fmt.Fprintln(w, "\nRun `newsgraph COMMAND -h` for a command's flags.")
}

func runVersion(_ context.Context, env *cmdEnv, _ []string) error {
	fmt.Fprintf(env.stdout, "newsgraph %s\n", version)
	return nil
}
