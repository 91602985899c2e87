package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"time"

	"newsgraph/internal/alert"
	"newsgraph/internal/api"
	"newsgraph/internal/doc"
	"newsgraph/internal/export"
	"newsgraph/internal/store/postgres"
	"newsgraph/internal/store/sqlite"
)

// Both stores serve the API.
var (
	_ api.Store = (*sqlite.Store)(nil)
	_ api.Store = (*postgres.Store)(nil)
)

// tokenEnv holds the API's bearer token when --token is not given.
const tokenEnv = "NEWSGRAPH_TOKEN"

// runServe is `newsgraph serve`: the JSON API (and the web UI) over a
// SQLite file or PostgreSQL.
func runServe(ctx context.Context, env *cmdEnv, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	db := fs.String("db", defaultDB, "store: SQLite file `PATH` or postgres://...")
	token := fs.String("token", "", "bearer `TOKEN` that writes need (default $"+tokenEnv+"; on loopback a random one is made)")
	readOnly := fs.Bool("read-only", false, "refuse every write (ingest, alerts)")
	maxBody := fs.Int64("max-body", api.DefaultMaxBody, "largest ingest request in `BYTES`")
	noAnalysis := fs.Bool("no-analysis", false, "store ingested articles as posted (already analysed)")
	noUI := fs.Bool("no-ui", false, "serve the JSON API only")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if *token == "" {
		*token = os.Getenv(tokenEnv)
	}
	loopback, err := isLoopback(*addr)
	if err != nil {
		return err
	}
	generated := false
	if !*readOnly && *token == "" {
		if !loopback {
			return fmt.Errorf("refusing to serve a writable API on %s (not loopback) without a token: set --token or $%s, or use --read-only", *addr, tokenEnv)
		}
		var b [18]byte
		rand.Read(b[:])
		*token, generated = hex.EncodeToString(b[:]), true
	}
	log := slog.New(slog.NewTextHandler(env.stderr, nil))
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	cfg := api.Config{Store: st, Token: *token, ReadOnly: *readOnly, MaxBody: *maxBody, Log: log, Exports: exportFormats()}
	if !*readOnly && !*noAnalysis {
		p, err := newFlow(flowOptions{})
		if err != nil {
			return fmt.Errorf("load analysis pipeline (or use --no-analysis): %w", err)
		}
		cfg.Analyze = p
	}
	eng := alert.New(st, alert.Options{Log: log})
	defer eng.Close()
	cfg.Alerts = eng
	var handler http.Handler = api.New(cfg)
	if !*noUI {
		if h, err := withUI(handler); err != nil {
			log.Warn("web UI unavailable; serving the API only", "err", err)
		} else {
			handler = h
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen %s: %w", *addr, err)
	}
	base, cancelBase := context.WithCancel(ctx)
	defer cancelBase()
	// Hits logged by NATS workers reach SSE subscribers through the store.
	go eng.Relay(base, time.Second)
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // large ingest bodies
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return base },
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(env.stderr, "serve: http://%s/api/ (store %s)\n", ln.Addr(), redactDSN(*db))
	switch {
	case *readOnly:
		fmt.Fprintln(env.stderr, "serve: read-only")
	case generated:
		fmt.Fprintf(env.stderr, "serve: write token (this run only; set --token or $%s to choose one): %s\n", tokenEnv, *token)
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	// Stop accepting, end SSE streams (they hang off base), let requests
	// in flight finish.
	cancelBase()
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// isLoopback reports whether a listen address accepts only local
// connections. An empty host (":8080") listens everywhere.
func isLoopback(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("--addr %q: %w", addr, err)
	}
	if host == "localhost" {
		return true, nil
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback(), nil
}

// redactDSN hides a password in a postgres:// URL for logs.
func redactDSN(dsn string) string {
	if !postgres.IsURL(dsn) {
		return dsn
	}
	if u, err := url.Parse(dsn); err == nil {
		return u.Redacted()
	}
	return "postgres://..."
}

// exportFormats offers every format of internal/export on /api/export.
func exportFormats() map[string]api.ExportFormat {
	out := map[string]api.ExportFormat{}
	for _, f := range export.Formats {
		out[f] = api.ExportFormat{
			ContentType: export.ContentType(f),
			Ext:         export.Ext(f),
			Write: func(_ context.Context, w io.Writer, each func(fn func(*doc.Article) error) error) error {
				ew, err := export.NewWriterWith(f, w, exportOptions(f))
				if err != nil {
					return err
				}
				if err := each(ew.Write); err != nil {
					return err
				}
				return ew.Close()
			},
		}
	}
	return out
}
