// Package alert runs watchlists: saved queries checked against every newly
// stored story. A match fires the alert at most once per channel — log,
// live server-sent-event subscribers, and the alert's webhook if it has one
// — because delivery on a channel happens only after the store's RecordHit
// says the (alert, article, channel) triple is new. So several NATS
// workers, an API ingest and a re-ingest of the same article never deliver
// the same hit twice.
//
// Matching reuses the store's own search with the new article ids as a
// restriction (store.Query.IDs), so an alert means exactly what the same
// query means in `newsgraph search` and /api/search — there is no second
// implementation of the query language to drift.
package alert

import (
	"context"
	"time"

	"newsgraph/internal/store"
)

// Store is what the alert engine needs from a store.
type Store interface {
	ListAlerts(ctx context.Context) ([]store.Alert, error)
	RecordHit(ctx context.Context, alertID, articleID, channel string) (bool, error)
	Hits(ctx context.Context, alertID string, limit int) ([]store.AlertHit, error)
	Search(ctx context.Context, q store.Query) (*store.SearchResult, error)
}

// Delivery channels.
const (
	ChanLog     = "log"
	ChanSSE     = "sse"
	ChanWebhook = "webhook"
)

// Event is one alert fired by one story, as sent to SSE subscribers and
// webhooks.
type Event struct {
	AlertID   string    `json:"alert_id"`
	AlertName string    `json:"alert_name"`
	Query     string    `json:"query"`
	Article   store.Hit `json:"article"`
	At        time.Time `json:"at"`
}
