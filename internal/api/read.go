package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"newsgraph/internal/query"
	"newsgraph/internal/store"
)

// params reads query parameters, remembering the first bad one.
type params struct {
	v   url.Values
	err error
}

func newParams(r *http.Request) *params {
	v, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		// url.Query would silently drop the bad pair (a ";", a bad escape).
		err = fmt.Errorf("malformed query string: %v", err)
	}
	return &params{v: v, err: err}
}

// str returns a parameter, refusing absurd sizes and non-UTF-8.
func (p *params) str(name string, max int) string {
	s := p.v.Get(name)
	if p.err == nil && len(s) > max {
		p.err = fmt.Errorf("parameter %s longer than %d bytes", name, max)
	}
	if p.err == nil && !validText(s) {
		p.err = fmt.Errorf("parameter %s is not valid UTF-8 text", name)
	}
	return s
}

func (p *params) q() string { return p.str("q", query.MaxLen) }

func (p *params) int(name string, def, lo, hi int) int {
	s := p.v.Get(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		if p.err == nil {
			p.err = fmt.Errorf("parameter %s=%q: want an integer from %d to %d", name, s, lo, hi)
		}
		return def
	}
	return n
}

func (p *params) bool(name string) bool {
	switch strings.ToLower(p.v.Get(name)) {
	case "", "0", "false", "no":
		return false
	case "1", "true", "yes":
		return true
	}
	if p.err == nil {
		p.err = fmt.Errorf("parameter %s=%q: want true or false", name, p.v.Get(name))
	}
	return false
}

func (p *params) oneOf(name string, allowed ...string) string {
	s := p.v.Get(name)
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	if p.err == nil {
		p.err = fmt.Errorf("parameter %s=%q: want one of %s", name, s, strings.Join(allowed, ", "))
	}
	return ""
}

// ok writes a 400 for the first bad parameter.
func (p *params) ok(w http.ResponseWriter) bool {
	if p.err != nil {
		writeError(w, http.StatusBadRequest, p.err.Error())
		return false
	}
	return true
}

func (p *params) page() (limit, offset int) {
	return p.int("limit", store.DefaultLimit, 1, store.MaxLimit), p.int("offset", 0, 0, 1<<30)
}

func (h *Handler) health(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "writable": !h.cfg.ReadOnly && h.cfg.Token != ""})
}

func (h *Handler) stats(w http.ResponseWriter, r *http.Request) {
	st, err := h.cfg.Store.Stats(r.Context())
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

func (h *Handler) searchQuery(p *params) store.Query {
	limit, offset := p.page()
	return store.Query{
		Text: p.q(), Limit: limit, Offset: offset,
		Order:      store.Order(p.oneOf("order", "", "newest", "oldest", "relevance")),
		Facets:     p.bool("facets"),
		FacetLimit: p.int("facet_limit", 10, 1, 100),
	}
}

// articles lists stories, newest first (a search without facets).
func (h *Handler) articles(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := h.searchQuery(p)
	q.Facets = false
	if !p.ok(w) {
		return
	}
	h.runSearch(w, r, q)
}

func (h *Handler) search(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := h.searchQuery(p)
	if !p.ok(w) {
		return
	}
	h.runSearch(w, r, q)
}

func (h *Handler) runSearch(w http.ResponseWriter, r *http.Request, q store.Query) {
	res, err := h.cfg.Store.Search(r.Context(), q)
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (h *Handler) article(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	rec, err := h.cfg.Store.Get(r.Context(), id)
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, rec)
}

func (h *Handler) entityQuery(p *params) store.EntityQuery {
	limit, offset := p.page()
	typ := strings.ToUpper(p.v.Get("type"))
	p.v.Set("type", typ)
	return store.EntityQuery{
		Text: p.q(), Type: p.oneOf("type", "", "PER", "ORG", "LOC", "MISC"), Name: p.str("name", 200),
		Limit: limit, Offset: offset,
	}
}

func (h *Handler) entities(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := h.entityQuery(p)
	if !p.ok(w) {
		return
	}
	list, err := h.cfg.Store.Entities(r.Context(), q)
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"entities": list})
}

func (h *Handler) entity(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	p := newParams(r)
	q := h.entityQuery(p)
	if !p.ok(w) {
		return
	}
	d, err := h.cfg.Store.Entity(r.Context(), id, q)
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, d)
}

// code checks a CAMEO-ish code parameter: digits (event codes) or capital
// letters and digits (actor codes).
func (p *params) code(name string, digits bool) string {
	s := p.v.Get(name)
	if len(s) > 16 {
		s = s[:16]
		p.err = fmt.Errorf("parameter %s too long", name)
	}
	for _, c := range s {
		ok := c >= '0' && c <= '9' || !digits && (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')
		if !ok && p.err == nil {
			p.err = fmt.Errorf("parameter %s=%q: not a CAMEO code", name, s)
		}
	}
	return s
}

func (h *Handler) events(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	limit, offset := p.page()
	q := store.EventQuery{Text: p.q(), Root: p.code("root", true), Code: p.code("code", true),
		Actor: strings.ToUpper(p.code("actor", false)), Limit: limit, Offset: offset}
	if !p.ok(w) {
		return
	}
	evs, err := h.cfg.Store.Events(r.Context(), q)
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": evs})
}

func (h *Handler) places(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	limit, offset := p.page()
	q := store.PlaceQuery{Text: p.q(), Country: p.code("country", false), Limit: limit, Offset: offset}
	if !p.ok(w) {
		return
	}
	ps, err := h.cfg.Store.Places(r.Context(), q)
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"places": ps})
}

func (h *Handler) timeline(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := store.TimelineQuery{Text: p.q(), By: p.oneOf("by", "", "theme", "country", "event", "source"),
		Top: p.int("top", 10, 1, 100)}
	if !p.ok(w) {
		return
	}
	tl, err := h.cfg.Store.Timeline(r.Context(), q)
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, tl)
}

func (h *Handler) network(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := store.NetworkQuery{Text: p.q(), Root: p.code("root", true), MinCount: p.int("min_count", 1, 1, 1<<20),
		Limit: p.int("limit", 200, 1, store.MaxLimit)}
	if !p.ok(w) {
		return
	}
	n, err := h.cfg.Store.Network(r.Context(), q)
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	writeJSON(w, http.StatusOK, n)
}
