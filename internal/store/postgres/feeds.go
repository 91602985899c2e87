package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"newsgraph/internal/store"
)

var _ store.FeedStore = (*Store)(nil)

const feedCols = `url, etag, last_modified, last_poll, last_success, next_poll, last_error, errors, items_seen`

func scanFeed(r pgx.Row) (store.FeedState, error) {
	var f store.FeedState
	var lp, ls, np *time.Time
	err := r.Scan(&f.URL, &f.ETag, &f.LastModified, &lp, &ls, &np, &f.LastError, &f.Errors, &f.ItemsSeen)
	f.LastPoll, f.LastSuccess, f.NextPoll = utc(lp), utc(ls), utc(np)
	return f, err
}

// Feed returns a feed's state (see store.FeedStore).
func (s *Store) Feed(ctx context.Context, u string) (store.FeedState, error) {
	f, err := scanFeed(s.pool.QueryRow(ctx, `SELECT `+feedCols+` FROM feeds WHERE url = $1`, clean(u)))
	if isNoRows(err) {
		return f, notFound("feed", u)
	}
	if err != nil {
		return f, fmt.Errorf("postgres feed %s: %w", u, err)
	}
	return f, nil
}

// SaveFeed creates or replaces a feed's state; ItemsSeen is kept by
// MarkSeen and never lowered here.
func (s *Store) SaveFeed(ctx context.Context, f store.FeedState) error {
	if f.URL == "" {
		return fmt.Errorf("%w: feed without url", store.ErrInvalid)
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO feeds (`+feedCols+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
		last_poll = excluded.last_poll, last_success = excluded.last_success, next_poll = excluded.next_poll,
		last_error = excluded.last_error, errors = excluded.errors, items_seen = greatest(feeds.items_seen, excluded.items_seen)`,
		clean(f.URL), clean(f.ETag), clean(f.LastModified), ts(f.LastPoll), ts(f.LastSuccess), ts(f.NextPoll),
		clean(f.LastError), f.Errors, f.ItemsSeen)
	if err != nil {
		return fmt.Errorf("postgres save feed %s: %w", f.URL, err)
	}
	return nil
}

// ListFeeds lists every feed's state.
func (s *Store) ListFeeds(ctx context.Context) ([]store.FeedState, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+feedCols+` FROM feeds ORDER BY url`)
	if err != nil {
		return nil, fmt.Errorf("postgres list feeds: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (store.FeedState, error) { return scanFeed(r) })
	if err != nil {
		return nil, fmt.Errorf("postgres list feeds: %w", err)
	}
	if out == nil {
		out = []store.FeedState{}
	}
	return out, nil
}

// MarkSeen records item keys and returns those not seen before, in input
// order (see store.FeedStore).
func (s *Store) MarkSeen(ctx context.Context, feedURL string, keys []string) ([]string, error) {
	fresh := []string{}
	if len(keys) == 0 {
		return fresh, nil
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("postgres mark seen: %w", err)
	}
	defer tx.Rollback(ctx)
	now := time.Now().UTC()
	feedURL = clean(feedURL)
	for _, k := range keys {
		tag, err := tx.Exec(ctx, `INSERT INTO feed_items (feed, key, seen) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
			feedURL, clean(k), now)
		if err != nil {
			return nil, fmt.Errorf("postgres mark seen: %w", err)
		}
		if tag.RowsAffected() == 1 {
			fresh = append(fresh, k)
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO feeds (url, items_seen) VALUES ($1, $2)
		ON CONFLICT (url) DO UPDATE SET items_seen = feeds.items_seen + excluded.items_seen`, feedURL, len(fresh)); err != nil {
		return nil, fmt.Errorf("postgres mark seen: %w", err)
	}
	return fresh, tx.Commit(ctx)
}
