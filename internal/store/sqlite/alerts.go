package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"
	"time"

	"newsgraph/internal/query"
	"newsgraph/internal/store"
)

func newID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// checkAlert validates an alert before it is saved.
func checkAlert(a *store.Alert) error {
	a.Query = strings.TrimSpace(a.Query)
	if a.Query == "" {
		return fmt.Errorf("%w: alert needs a query", store.ErrInvalid)
	}
	if _, err := query.Parse(a.Query); err != nil {
		return fmt.Errorf("alert query: %w", err)
	}
	if len(a.Name) > 200 || len(a.ID) > 64 {
		return fmt.Errorf("%w: alert name or id too long", store.ErrInvalid)
	}
	if a.Webhook != "" {
		u, err := url.Parse(a.Webhook)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%w: alert webhook %q: want an http(s) URL", store.ErrInvalid, a.Webhook)
		}
	}
	return nil
}

// SaveAlert creates or replaces an alert.
func (s *Store) SaveAlert(ctx context.Context, a store.Alert) (store.Alert, error) {
	if err := checkAlert(&a); err != nil {
		return a, err
	}
	if a.ID == "" {
		a.ID = newID()
	}
	if a.Created.IsZero() {
		a.Created = time.Now().UTC().Truncate(time.Second)
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO alerts(id, name, query, webhook, created) VALUES(?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET name = excluded.name, query = excluded.query, webhook = excluded.webhook`,
		a.ID, a.Name, a.Query, a.Webhook, a.Created.Unix())
	if err != nil {
		return a, fmt.Errorf("save alert: %w", err)
	}
	return s.GetAlert(ctx, a.ID)
}

func scanAlert(sc interface{ Scan(...any) error }) (store.Alert, error) {
	var a store.Alert
	var created int64
	err := sc.Scan(&a.ID, &a.Name, &a.Query, &a.Webhook, &created)
	a.Created = time.Unix(created, 0).UTC()
	return a, err
}

// GetAlert returns one alert.
func (s *Store) GetAlert(ctx context.Context, id string) (store.Alert, error) {
	a, err := scanAlert(s.r.QueryRowContext(ctx, `SELECT id, name, query, webhook, created FROM alerts WHERE id = ?`, id))
	if isNotFound(err) {
		return a, notFound("alert", id)
	}
	if err != nil {
		return a, fmt.Errorf("get alert: %w", err)
	}
	return a, nil
}

// ListAlerts lists alerts, oldest first.
func (s *Store) ListAlerts(ctx context.Context) ([]store.Alert, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, query, webhook, created FROM alerts ORDER BY created, id`)
	if err != nil {
		return nil, fmt.Errorf("list alerts: %w", err)
	}
	defer rows.Close()
	out := []store.Alert{}
	for rows.Next() {
		a, err := scanAlert(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// DeleteAlert removes an alert and its hits.
func (s *Store) DeleteAlert(ctx context.Context, id string) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("delete alert: %w", err)
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, `DELETE FROM alerts WHERE id = ?`, id)
	if err != nil {
		return fmt.Errorf("delete alert: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("alert", id)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM alert_hits WHERE alert_id = ?`, id); err != nil {
		return fmt.Errorf("delete alert hits: %w", err)
	}
	return tx.Commit()
}

// RecordHit records a delivery; true only the first time.
func (s *Store) RecordHit(ctx context.Context, alertID, articleID, channel string) (bool, error) {
	res, err := s.w.ExecContext(ctx, `INSERT OR IGNORE INTO alert_hits(alert_id, article_id, channel, at)
		SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM alerts WHERE id = ?)`, alertID, articleID, channel, time.Now().Unix(), alertID)
	if err != nil {
		return false, fmt.Errorf("record hit: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, err
	}
	if n == 1 {
		return true, nil
	}
	if _, err := s.GetAlert(ctx, alertID); err != nil {
		return false, err
	}
	return false, nil
}

// Hits lists an alert's hits, newest first.
func (s *Store) Hits(ctx context.Context, alertID string, limit int) ([]store.AlertHit, error) {
	limit, _ = store.Page(limit, 0, 100)
	rows, err := s.r.QueryContext(ctx, `SELECT alert_id, article_id, channel, at FROM alert_hits WHERE alert_id = ?
		ORDER BY at DESC, article_id LIMIT ?`, alertID, limit)
	if err != nil {
		return nil, fmt.Errorf("hits: %w", err)
	}
	defer rows.Close()
	out := []store.AlertHit{}
	for rows.Next() {
		var h store.AlertHit
		var at int64
		if err := rows.Scan(&h.AlertID, &h.ArticleID, &h.Channel, &at); err != nil {
			return nil, err
		}
		h.At = time.Unix(at, 0).UTC()
		out = append(out, h)
	}
	return out, rows.Err()
}

// Feed returns a feed's state.
func (s *Store) Feed(ctx context.Context, u string) (store.FeedState, error) {
	f, err := scanFeed(s.r.QueryRowContext(ctx, `SELECT url, etag, last_modified, last_poll, last_success, next_poll, last_error, errors, items_seen
		FROM feeds WHERE url = ?`, u))
	if isNotFound(err) {
		return f, notFound("feed", u)
	}
	if err != nil {
		return f, fmt.Errorf("feed: %w", err)
	}
	return f, nil
}

func scanFeed(sc interface{ Scan(...any) error }) (store.FeedState, error) {
	var f store.FeedState
	var lp, ls, np sql.NullInt64
	err := sc.Scan(&f.URL, &f.ETag, &f.LastModified, &lp, &ls, &np, &f.LastError, &f.Errors, &f.ItemsSeen)
	f.LastPoll, f.LastSuccess, f.NextPoll = fromUnix(lp), fromUnix(ls), fromUnix(np)
	return f, err
}

// SaveFeed creates or replaces a feed's state (ItemsSeen is kept by
// MarkSeen and never lowered here).
func (s *Store) SaveFeed(ctx context.Context, f store.FeedState) error {
	if f.URL == "" {
		return fmt.Errorf("%w: feed without url", store.ErrInvalid)
	}
	_, err := s.w.ExecContext(ctx, `INSERT INTO feeds(url, etag, last_modified, last_poll, last_success, next_poll, last_error, errors, items_seen)
		VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
		last_poll = excluded.last_poll, last_success = excluded.last_success, next_poll = excluded.next_poll,
		last_error = excluded.last_error, errors = excluded.errors, items_seen = max(items_seen, excluded.items_seen)`,
		f.URL, f.ETag, f.LastModified, unix(f.LastPoll), unix(f.LastSuccess), unix(f.NextPoll), f.LastError, f.Errors, f.ItemsSeen)
	if err != nil {
		return fmt.Errorf("save feed: %w", err)
	}
	return nil
}

// ListFeeds lists every feed's state.
func (s *Store) ListFeeds(ctx context.Context) ([]store.FeedState, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT url, etag, last_modified, last_poll, last_success, next_poll, last_error, errors, items_seen
		FROM feeds ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("list feeds: %w", err)
	}
	defer rows.Close()
	out := []store.FeedState{}
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// MarkSeen records item keys and returns the new ones.
func (s *Store) MarkSeen(ctx context.Context, feedURL string, keys []string) ([]string, error) {
	fresh := []string{}
	if len(keys) == 0 {
		return fresh, nil
	}
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("mark seen: %w", err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO feed_items(feed, key, seen) VALUES(?,?,?)`)
	if err != nil {
		return nil, fmt.Errorf("mark seen: %w", err)
	}
	now := time.Now().Unix()
	for _, k := range keys {
		res, err := st.ExecContext(ctx, feedURL, k, now)
		if err != nil {
			return nil, fmt.Errorf("mark seen: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			fresh = append(fresh, k)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO feeds(url, items_seen) VALUES(?, ?)
		ON CONFLICT(url) DO UPDATE SET items_seen = items_seen + excluded.items_seen`, feedURL, len(fresh)); err != nil {
		return nil, fmt.Errorf("mark seen: %w", err)
	}
	return fresh, tx.Commit()
}
