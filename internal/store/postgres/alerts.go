package postgres

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"

	"newsgraph/internal/query"
	"newsgraph/internal/store"
)

// SaveAlert creates or replaces an alert (see store.AlertStore).
func (s *Store) SaveAlert(ctx context.Context, a store.Alert) (store.Alert, error) {
	a.Query = strings.TrimSpace(a.Query)
	if a.Query == "" {
		return a, fmt.Errorf("%w: alert query is empty", store.ErrInvalid)
	}
	if _, err := query.Parse(a.Query); err != nil {
		return a, fmt.Errorf("%w: alert query: %w", store.ErrInvalid, err)
	}
	if a.Webhook != "" {
		u, err := url.Parse(a.Webhook)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return a, fmt.Errorf("%w: alert webhook %q is not an http(s) URL", store.ErrInvalid, a.Webhook)
		}
	}
	if a.ID == "" {
		var b [8]byte
		if _, err := rand.Read(b[:]); err != nil {
			return a, fmt.Errorf("postgres save alert: %w", err)
		}
		a.ID = hex.EncodeToString(b[:])
	}
	if a.Created.IsZero() {
		a.Created = time.Now().UTC().Truncate(time.Microsecond)
	}
	a.ID, a.Name, a.Query, a.Webhook = clean(a.ID), clean(a.Name), clean(a.Query), clean(a.Webhook)
	err := s.pool.QueryRow(ctx, `INSERT INTO alerts (id, name, query, webhook, created) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, query = excluded.query, webhook = excluded.webhook
		RETURNING created`, a.ID, a.Name, a.Query, a.Webhook, a.Created).Scan(&a.Created)
	if err != nil {
		return a, fmt.Errorf("postgres save alert %s: %w", a.ID, err)
	}
	a.Created = a.Created.UTC()
	return a, nil
}

// ListAlerts returns every alert, oldest first.
func (s *Store) ListAlerts(ctx context.Context) ([]store.Alert, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, name, query, webhook, created FROM alerts ORDER BY created, id`)
	if err != nil {
		return nil, fmt.Errorf("postgres list alerts: %w", err)
	}
	defer rows.Close()
	out := []store.Alert{}
	for rows.Next() {
		var a store.Alert
		if err := rows.Scan(&a.ID, &a.Name, &a.Query, &a.Webhook, &a.Created); err != nil {
			return nil, fmt.Errorf("postgres list alerts: %w", err)
		}
		a.Created = a.Created.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// GetAlert returns one alert.
func (s *Store) GetAlert(ctx context.Context, id string) (store.Alert, error) {
	var a store.Alert
	err := s.pool.QueryRow(ctx, `SELECT id, name, query, webhook, created FROM alerts WHERE id = $1`, clean(id)).
		Scan(&a.ID, &a.Name, &a.Query, &a.Webhook, &a.Created)
	if isNoRows(err) {
		return a, notFound("alert", id)
	}
	if err != nil {
		return a, fmt.Errorf("postgres get alert %s: %w", id, err)
	}
	a.Created = a.Created.UTC()
	return a, nil
}

// DeleteAlert removes an alert and its hits.
func (s *Store) DeleteAlert(ctx context.Context, id string) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("postgres delete alert %s: %w", id, err)
	}
	defer tx.Rollback(ctx)
	tag, err := tx.Exec(ctx, `DELETE FROM alerts WHERE id = $1`, clean(id))
	if err != nil {
		return fmt.Errorf("postgres delete alert %s: %w", id, err)
	}
	if tag.RowsAffected() == 0 {
		return notFound("alert", id)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM alert_hits WHERE alert_id = $1`, clean(id)); err != nil {
		return fmt.Errorf("postgres delete alert %s: hits: %w", id, err)
	}
	return tx.Commit(ctx)
}

// RecordHit records a delivery; true only the first time (the primary key
// makes this atomic across processes).
func (s *Store) RecordHit(ctx context.Context, alertID, articleID, channel string) (bool, error) {
	// Insert only if the alert exists, in one statement (no window in
	// which a concurrent delete could leave an orphan hit).
	tag, err := s.pool.Exec(ctx, `INSERT INTO alert_hits (alert_id, article_id, channel, at)
		SELECT id, $2, $3, $4 FROM alerts WHERE id = $1
		ON CONFLICT DO NOTHING`, clean(alertID), clean(articleID), clean(channel), time.Now().UTC())
	if err != nil {
		return false, fmt.Errorf("postgres record hit: %w", err)
	}
	if tag.RowsAffected() == 1 {
		return true, nil
	}
	if _, err := s.GetAlert(ctx, alertID); err != nil {
		return false, err
	}
	return false, nil
}

// Hits lists an alert's hits, newest first.
func (s *Store) Hits(ctx context.Context, alertID string, limit int) ([]store.AlertHit, error) {
	limit, _ = store.Page(limit, 0, store.DefaultLimit)
	rows, err := s.pool.Query(ctx, `SELECT alert_id, article_id, channel, at FROM alert_hits WHERE alert_id = $1
		ORDER BY at DESC, article_id, channel LIMIT $2`, clean(alertID), limit)
	if err != nil {
		return nil, fmt.Errorf("postgres hits: %w", err)
	}
	defer rows.Close()
	out := []store.AlertHit{}
	for rows.Next() {
		var h store.AlertHit
		if err := rows.Scan(&h.AlertID, &h.ArticleID, &h.Channel, &h.At); err != nil {
			return nil, fmt.Errorf("postgres hits: %w", err)
		}
		h.At = h.At.UTC()
		out = append(out, h)
	}
	return out, rows.Err()
}
