-- 0002: crawler feed state (store.FeedStore), as in the SQLite store, so
-- `newsgraph crawl --db postgres://...` polls politely and resumably.
CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_poll     TIMESTAMPTZ,
	last_success  TIMESTAMPTZ,
	next_poll     TIMESTAMPTZ,
	last_error    TEXT NOT NULL DEFAULT '',
	errors        INT NOT NULL DEFAULT 0,
	items_seen    INT NOT NULL DEFAULT 0
);

CREATE TABLE feed_items (
	feed TEXT NOT NULL,
	key  TEXT NOT NULL,
	seen TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (feed, key)
);
