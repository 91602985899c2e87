package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"newsgraph/internal/doc"
	"newsgraph/internal/ingest"
	"newsgraph/internal/store"
)

func validText(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) && r != '\n' && r != '\t' && r != '\r'
	})
}

// mediaType returns the request's media type, lower case, without params.
func mediaType(r *http.Request) string {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return ""
	}
	return mt
}

// IngestResult answers POST /api/ingest.
type IngestResult struct {
	Added    int               `json:"added"`
	Mentions int               `json:"mentions"`
	Existing int               `json:"existing"`
	Alerts   int               `json:"alerts_fired"`
	Results  []store.PutResult `json:"results"`
}

// ingest reads a JSON article, a JSON array of articles or JSONL; checks
// all of it first (any bad record rejects the whole request, so nothing
// half-happens); analyses; stores in one transaction; then fires alerts.
func (h *Handler) ingest(w http.ResponseWriter, r *http.Request) {
	name := "api"
	switch mediaType(r) {
	case "application/json":
		name = "api.json"
	case "application/x-ndjson", "application/jsonl", "application/json-lines", "application/jsonlines":
		name = "api.jsonl"
	default:
		writeError(w, http.StatusUnsupportedMediaType,
			"Content-Type must be application/json (an article or an array) or application/x-ndjson (one article per line)")
		return
	}
	if r.ContentLength > h.cfg.MaxBody {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", h.cfg.MaxBody))
		return
	}
	body := http.MaxBytesReader(w, r.Body, h.cfg.MaxBody)
	var arts []*doc.Article
	var bad error
	tooMany := errors.New("too many articles")
	err := ingest.FromReader(body, name, ingest.Options{Format: ingest.JSONL, MaxRecord: h.cfg.MaxBody},
		func(a *doc.Article, err error) error {
			if err != nil {
				bad = err
				return err
			}
			if !ValidID(a.ID) {
				bad = fmt.Errorf("%w: %s: article id %q: ids are 1-%d bytes without '/', '\\', '..' or control characters",
					store.ErrInvalid, a.Origin, a.ID, MaxIDLen)
				return bad
			}
			if len(arts) >= h.cfg.MaxIngest {
				return tooMany
			}
			arts = append(arts, a)
			return nil
		})
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe) || errors.As(bad, &mbe) || errors.Is(err, ingest.ErrTooLarge) || errors.Is(bad, ingest.ErrTooLarge):
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", h.cfg.MaxBody))
		return
	case errors.Is(err, tooMany):
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("more than %d articles in one request", h.cfg.MaxIngest))
		return
	case bad != nil && (errors.Is(bad, ingest.ErrNoText) || errors.Is(bad, store.ErrInvalid)):
		writeError(w, http.StatusUnprocessableEntity, bad.Error())
		return
	case bad != nil:
		writeError(w, http.StatusBadRequest, bad.Error())
		return
	case err != nil:
		writeError(w, http.StatusBadRequest, "reading request: "+err.Error())
		return
	}
	if len(arts) == 0 {
		writeError(w, http.StatusBadRequest, "no articles in the request body")
		return
	}
	if err := h.analyse(r, arts); err != nil {
		writeError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	res, err := h.cfg.Store.PutBatch(r.Context(), arts)
	if err != nil {
		h.fail(w, r, err, http.StatusUnprocessableEntity)
		return
	}
	out := IngestResult{Results: res}
	var added []string
	for _, pr := range res {
		switch pr.Status {
		case store.Added:
			out.Added++
			added = append(added, pr.ID)
		case store.Mentioned:
			out.Mentions++
		default:
			out.Existing++
		}
	}
	if h.cfg.Alerts != nil && len(added) > 0 {
		// Committed: now alerts may fire. A failure here does not undo the
		// ingest; it is logged and the hits fire on no later retry (at most
		// once), which the log makes visible.
		// Detached from the request: a client hanging up after the commit
		// must not swallow the alerts of what it stored.
		actx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), time.Minute)
		evs, err := h.cfg.Alerts.Check(actx, added)
		cancel()
		if err != nil {
			h.log.Error("alert check failed", "err", err)
		}
		out.Alerts = len(evs)
	}
	writeJSON(w, http.StatusOK, out)
}

// analyse runs the pipeline over arts with one goroutine per core.
func (h *Handler) analyse(r *http.Request, arts []*doc.Article) error {
	if h.cfg.Analyze == nil {
		return nil
	}
	var (
		mu    sync.Mutex
		first error
		wg    sync.WaitGroup
		next  = make(chan *doc.Article)
	)
	for range max(1, min(runtime.GOMAXPROCS(0), len(arts))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for a := range next {
				if err := h.cfg.Analyze.Process(r.Context(), a); err != nil {
					mu.Lock()
					if first == nil {
						first = fmt.Errorf("analyse %s: %w", a.ID, err)
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, a := range arts {
		next <- a
	}
	close(next)
	wg.Wait()
	return first
}

func (h *Handler) alerts(w http.ResponseWriter, r *http.Request) {
	list, err := h.cfg.Store.ListAlerts(r.Context())
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"alerts": list})
}

// alertInput is what POST /api/alerts accepts.
type alertInput struct {
	Name    string `json:"name"`
	Query   string `json:"query"`
	Webhook string `json:"webhook"`
}

func (h *Handler) createAlert(w http.ResponseWriter, r *http.Request) {
	if mediaType(r) != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json")
		return
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxSmallBody))
	dec.DisallowUnknownFields()
	var in alertInput
	if err := dec.Decode(&in); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body larger than %d bytes", mbe.Limit))
			return
		}
		writeError(w, http.StatusBadRequest, "bad alert JSON: "+err.Error())
		return
	}
	if dec.More() {
		writeError(w, http.StatusBadRequest, "bad alert JSON: trailing data after the object")
		return
	}
	if !validText(in.Name) || !validText(in.Query) || !validText(in.Webhook) || len(in.Name) > 200 || len(in.Webhook) > 2000 {
		writeError(w, http.StatusUnprocessableEntity, "alert name, query or webhook is too long or not plain UTF-8 text")
		return
	}
	if strings.TrimSpace(in.Query) == "" {
		writeError(w, http.StatusUnprocessableEntity, "alert query is empty")
		return
	}
	a, err := h.cfg.Store.SaveAlert(r.Context(), store.Alert{Name: in.Name, Query: in.Query, Webhook: in.Webhook})
	if err != nil {
		h.fail(w, r, err, http.StatusUnprocessableEntity)
		return
	}
	if h.cfg.Alerts != nil {
		h.cfg.Alerts.Invalidate()
	}
	w.Header().Set("Location", "/api/alerts/"+a.ID)
	writeJSON(w, http.StatusCreated, a)
}

func (h *Handler) alert(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	a, err := h.cfg.Store.GetAlert(r.Context(), id)
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (h *Handler) deleteAlert(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	if err := h.cfg.Store.DeleteAlert(r.Context(), id); err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	if h.cfg.Alerts != nil {
		h.cfg.Alerts.Invalidate()
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) alertHits(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	p := newParams(r)
	limit := p.int("limit", 50, 1, store.MaxLimit)
	if !p.ok(w) {
		return
	}
	if _, err := h.cfg.Store.GetAlert(r.Context(), id); err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	hits, err := h.cfg.Store.Hits(r.Context(), id, limit)
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"hits": hits})
}
