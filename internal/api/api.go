// Package api serves newsgraph's knowledge as a JSON HTTP API: search in
// the same query language as the CLI, articles, entities, events, places,
// timelines, the actor network, exports, watchlist alerts (with a
// server-sent-events stream) and ingest.
//
// It is plain net/http: a ServeMux with Go 1.22 method and wildcard
// patterns, no framework. The handler depends only on the small Store
// interface below — what it consumes — so the SQLite and PostgreSQL stores
// serve the same API (cmd/newsgraph checks both satisfy it at compile time).
//
// Safety by construction: reads are open, every write needs the bearer
// token; request bodies are capped with http.MaxBytesReader; user text
// reaches the store only as bound parameters (the stores never splice it
// into SQL); ids with path syntax are refused before any lookup; every
// error is JSON {"error": "..."} with a status that says whose fault it is,
// and internal errors are logged, not echoed.
package api

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"newsgraph/internal/alert"
	"newsgraph/internal/doc"
	"newsgraph/internal/query"
	"newsgraph/internal/store"
)

// Store is what the API reads and writes: a subset of store.Store.
type Store interface {
	PutBatch(ctx context.Context, as []*doc.Article) ([]store.PutResult, error)
	Get(ctx context.Context, id string) (*store.Record, error)
	Search(ctx context.Context, q store.Query) (*store.SearchResult, error)
	Articles(ctx context.Context, q store.Query, fn func(*doc.Article) error) error
	Timeline(ctx context.Context, q store.TimelineQuery) (*store.Timeline, error)
	Entities(ctx context.Context, q store.EntityQuery) ([]store.EntitySummary, error)
	Entity(ctx context.Context, id string, q store.EntityQuery) (*store.EntityDetail, error)
	Events(ctx context.Context, q store.EventQuery) ([]store.EventRecord, error)
	Places(ctx context.Context, q store.PlaceQuery) ([]store.PlaceSummary, error)
	Network(ctx context.Context, q store.NetworkQuery) (*store.Network, error)
	Stats(ctx context.Context) (store.Stats, error)

	SaveAlert(ctx context.Context, a store.Alert) (store.Alert, error)
	ListAlerts(ctx context.Context) ([]store.Alert, error)
	GetAlert(ctx context.Context, id string) (store.Alert, error)
	DeleteAlert(ctx context.Context, id string) error
	RecordHit(ctx context.Context, alertID, articleID, channel string) (bool, error)
	Hits(ctx context.Context, alertID string, limit int) ([]store.AlertHit, error)
}

// Processor analyses an article in place (a *pipeline.Pipeline).
type Processor interface {
	Process(ctx context.Context, a *doc.Article) error
}

// Limits.
const (
	DefaultMaxBody   = 32 << 20 // bytes of one ingest request
	MaxSmallBody     = 64 << 10 // bytes of an alert definition
	DefaultMaxIngest = 10000    // articles in one ingest request
	MaxIDLen         = 512
)

// Config wires a Handler.
type Config struct {
	Store Store
	// Analyze runs over each ingested article before it is stored; nil
	// stores articles as posted.
	Analyze Processor
	// Alerts, when set, is checked after every committed ingest and feeds
	// the SSE stream.
	Alerts *alert.Engine
	// Token is the bearer token writes need. Empty with ReadOnly false
	// refuses every write (New never makes an open write API).
	Token    string
	ReadOnly bool
	// MaxBody caps an ingest request in bytes (DefaultMaxBody when 0);
	// MaxIngest caps its articles (DefaultMaxIngest when 0).
	MaxBody   int64
	MaxIngest int
	// Exports adds export formats to the built-in "jsonl", by name.
	Exports map[string]ExportFormat
	Log     *slog.Logger
}

// Handler is the API's http.Handler.
type Handler struct {
	cfg Config
	mux *http.ServeMux
	log *slog.Logger
}

// New returns the API handler.
func New(cfg Config) *Handler {
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	if cfg.MaxIngest <= 0 {
		cfg.MaxIngest = DefaultMaxIngest
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	h := &Handler{cfg: cfg, mux: http.NewServeMux(), log: cfg.Log}
	m := h.mux
	m.HandleFunc("GET /api/health", h.health)
	m.HandleFunc("GET /api/stats", h.stats)
	m.HandleFunc("GET /api/articles", h.articles)
	m.HandleFunc("GET /api/articles/{id}", h.article)
	m.HandleFunc("GET /api/search", h.search)
	m.HandleFunc("GET /api/entities", h.entities)
	m.HandleFunc("GET /api/entities/{id}", h.entity)
	m.HandleFunc("GET /api/events", h.events)
	m.HandleFunc("GET /api/events/merged", h.mergedEvents)
	m.HandleFunc("GET /api/places", h.places)
	m.HandleFunc("GET /api/timeline", h.timeline)
	m.HandleFunc("GET /api/network", h.network)
	m.HandleFunc("GET /api/export", h.export)
	m.HandleFunc("POST /api/ingest", h.write(h.ingest))
	m.HandleFunc("GET /api/alerts", h.alerts)
	m.HandleFunc("POST /api/alerts", h.write(h.createAlert))
	m.HandleFunc("GET /api/alerts/stream", h.stream)
	m.HandleFunc("GET /api/alerts/{id}", h.alert)
	m.HandleFunc("DELETE /api/alerts/{id}", h.write(h.deleteAlert))
	m.HandleFunc("GET /api/alerts/{id}/hits", h.alertHits)
	return h
}

// ServeHTTP rejects path tricks, then routes; the mux's own 404/405 answers
// are rewritten as JSON errors.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if badPath(r.URL.Path) || badPath(r.URL.RawPath) {
		writeError(w, http.StatusBadRequest, "path traversal or malformed path rejected")
		return
	}
	handler, pattern := h.mux.Handler(r)
	if pattern == "" {
		// No route: the mux answers 404 or 405 (with Allow) in plain text;
		// capture its status and answer in JSON instead.
		rec := &statusRecorder{header: http.Header{}}
		handler.ServeHTTP(rec, r)
		if allow := rec.header.Get("Allow"); allow != "" {
			w.Header().Set("Allow", allow)
		}
		switch rec.status {
		case http.StatusMethodNotAllowed:
			writeError(w, rec.status, fmt.Sprintf("method %s not allowed on %s", r.Method, r.URL.Path))
		case http.StatusMovedPermanently, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
			writeError(w, http.StatusBadRequest, "non-canonical path: "+r.URL.Path)
		default:
			writeError(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
		}
		return
	}
	h.mux.ServeHTTP(w, r)
}

// badPath reports dot segments, backslashes, doubled slashes and control
// characters, which no API path has.
func badPath(p string) bool {
	if p == "" {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == "." || seg == ".." {
			return true
		}
	}
	return strings.Contains(p, "\\") || strings.Contains(p, "//") || strings.ContainsFunc(p, unicode.IsControl) ||
		strings.Contains(strings.ToLower(p), "%2e%2e") || strings.Contains(strings.ToLower(p), "%2f")
}

type statusRecorder struct {
	header http.Header
	status int
}

func (s *statusRecorder) Header() http.Header { return s.header }
func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return len(b), nil
}
func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
}

// write wraps a handler that changes state: it needs the bearer token.
func (h *Handler) write(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if h.cfg.ReadOnly {
			writeError(w, http.StatusForbidden, "this server is read-only")
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || got == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph"`)
			writeError(w, http.StatusUnauthorized, "writes need an Authorization: Bearer token")
			return
		}
		if h.cfg.Token == "" || subtle.ConstantTimeCompare([]byte(got), []byte(h.cfg.Token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="newsgraph", error="invalid_token"`)
			writeError(w, http.StatusUnauthorized, "wrong bearer token")
			return
		}
		next(w, r)
	}
}

// ValidID reports whether s can be an article, entity or alert id: 1 to
// MaxIDLen bytes of UTF-8 without control characters, slashes, backslashes
// or "..".
func ValidID(s string) bool {
	return s != "" && len(s) <= MaxIDLen && utf8.ValidString(s) && !strings.ContainsAny(s, "/\\") &&
		!strings.Contains(s, "..") && !strings.ContainsFunc(s, unicode.IsControl)
}

func pathID(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := r.PathValue("id")
	if !ValidID(id) {
		writeError(w, http.StatusBadRequest, "invalid id: ids are 1-512 bytes without '/', '\\', '..' or control characters")
		return "", false
	}
	return id, true
}

// errorBody is every error response.
type errorBody struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{Error: msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		io.WriteString(w, `{"error":"internal error: cannot encode response"}`+"\n")
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// fail maps a store error to a status: the client's fault (bad query,
// unknown id, invalid request) says why; anything else is logged and
// answered with a bare 500 so internals never leak.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error, invalid int) {
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", mbe.Limit))
	case errors.Is(err, query.ErrSyntax):
		writeError(w, invalid, err.Error())
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, err.Error())
	case errors.Is(err, store.ErrInvalid):
		writeError(w, invalid, err.Error())
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		// The client went away; nobody reads the answer.
	default:
		h.log.Error("api request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}
