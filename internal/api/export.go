package api

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"

	"newsgraph/internal/doc"
	"newsgraph/internal/store"
)

// ExportFormat writes the articles of a query in one format. Each calls fn
// for every matching article in order and stops at fn's first error.
type ExportFormat struct {
	ContentType string
	Ext         string // file extension for Content-Disposition
	Write       func(ctx context.Context, w io.Writer, each func(fn func(*doc.Article) error) error) error
}

// jsonlFormat is built in: one article JSON per line, the pipeline's own
// output format.
var jsonlFormat = ExportFormat{
	ContentType: "application/x-ndjson",
	Ext:         "jsonl",
	Write: func(_ context.Context, w io.Writer, each func(fn func(*doc.Article) error) error) error {
		enc := json.NewEncoder(w)
		return each(func(a *doc.Article) error { return enc.Encode(a) })
	},
}

func (h *Handler) formats() map[string]ExportFormat {
	f := map[string]ExportFormat{"jsonl": jsonlFormat}
	for k, v := range h.cfg.Exports {
		f[k] = v
	}
	return f
}

// export is GET /api/export?format=F&q=...&limit=N: streams the matching
// stories in format F (jsonl built in; csv, parquet and the GDELT tables
// when wired by the command).
func (h *Handler) export(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	if !p.ok(w) {
		return
	}
	fs := h.formats()
	names := make([]string, 0, len(fs))
	for k := range fs {
		names = append(names, k)
	}
	sort.Strings(names)
	name := p.v.Get("format")
	if name == "" {
		name = "jsonl"
	}
	f, ok := fs[name]
	if !ok {
		writeError(w, http.StatusBadRequest, "unknown export format "+quote(name)+"; formats: "+strings.Join(names, ", "))
		return
	}
	q := store.Query{Text: p.q(), Limit: p.int("limit", 0, 0, 10_000_000),
		Order: store.Order(p.oneOf("order", "", "newest", "oldest", "relevance"))}
	if !p.ok(w) {
		return
	}
	// Validate the query before the 200 goes out: once streaming starts,
	// an error can only cut the body short.
	if _, err := h.cfg.Store.Search(r.Context(), store.Query{Text: q.Text, Limit: 1}); err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", f.ContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="newsgraph-export.`+f.Ext+`"`)
	each := func(fn func(*doc.Article) error) error { return h.cfg.Store.Articles(r.Context(), q, fn) }
	if err := f.Write(r.Context(), w, each); err != nil && r.Context().Err() == nil {
		h.log.Error("export failed mid-stream", "format", name, "err", err)
	}
}

func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	b, _ := json.Marshal(s)
	return string(b)
}
