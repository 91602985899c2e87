package api

import (
	"context"
	"net/http"
	"strings"

	"newsgraph/internal/eventmerge"
	"newsgraph/internal/eventviews"
	"newsgraph/internal/store"
)

// mergedEvents is GET /api/events/merged: the deduplicated view of
// /api/events. It takes the same parameters (q, root, code, actor; limit
// is how many stored event mentions to consider, up to
// eventviews.MaxMentions, default 1000), merges them into real-world events
// with eventmerge and answers {"events": [...], "mentions": N} with each
// event's mentions listed (article, outlet, published, sentence, trigger).
// order is newest (default), oldest or articles (most reported first).
func (h *Handler) mergedEvents(w http.ResponseWriter, r *http.Request) {
	p := newParams(r)
	q := store.EventQuery{Text: p.q(), Root: p.code("root", true), Code: p.code("code", true),
		Actor: strings.ToUpper(p.code("actor", false))}
	limit := p.int("limit", store.MaxLimit, 1, eventviews.MaxMentions)
	order := p.oneOf("order", "", eventviews.Newest, eventviews.Oldest, eventviews.Articles)
	if !p.ok(w) {
		return
	}
	views, n, partial, err := mergeView(r.Context(), h.cfg.Store, q, limit, order)
	if err != nil {
		h.fail(w, r, err, http.StatusBadRequest)
		return
	}
	body := map[string]any{"events": views, "mentions": n}
	if partial {
		body["outlets_partial"] = true
	}
	writeJSON(w, http.StatusOK, body)
}

func mergeView(ctx context.Context, st eventviews.Store, q store.EventQuery, limit int, order string) ([]eventviews.EventView, int, bool, error) {
	ms, partial, err := eventviews.Load(ctx, st, q, limit)
	if err != nil {
		return nil, 0, false, err
	}
	events := eventmerge.Merge(ms, eventmerge.Options{})
	return eventviews.Views(events, ms, order), len(ms), partial, nil
}
