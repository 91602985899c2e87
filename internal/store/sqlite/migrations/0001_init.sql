-- 0001: stories, mentions, annotations, full-text index, alerts, feeds.
-- Articles are keyed internally by rowid ("doc"); the public id is unique.
CREATE TABLE articles (
	rowid         INTEGER PRIMARY KEY,
	id            TEXT NOT NULL UNIQUE,
	url           TEXT NOT NULL DEFAULT '',
	source        TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL DEFAULT '',
	text          TEXT NOT NULL DEFAULT '',
	published     INTEGER,           -- unix seconds UTC; NULL when unknown
	day           TEXT,              -- YYYY-MM-DD of published
	lang          TEXT NOT NULL DEFAULT '',
	hash          TEXT NOT NULL DEFAULT '',
	simhash       INTEGER NOT NULL DEFAULT 0,
	b0 INTEGER, b1 INTEGER, b2 INTEGER, b3 INTEGER, -- 16-bit SimHash bands (NULL: not near-dedupable)
	focus_country TEXT NOT NULL DEFAULT '',
	tone          REAL,
	mentions      INTEGER NOT NULL DEFAULT 1,
	ann           BLOB               -- JSON of the doc.Article without Text
);
CREATE INDEX articles_hash ON articles(hash);
CREATE INDEX articles_b0 ON articles(b0);
CREATE INDEX articles_b1 ON articles(b1);
CREATE INDEX articles_b2 ON articles(b2);
CREATE INDEX articles_b3 ON articles(b3);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_day ON articles(day);
CREATE INDEX articles_focus ON articles(focus_country);

CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, text,
	content='articles', content_rowid='rowid',
	tokenize='porter unicode61 remove_diacritics 2'
);

-- Every stored article id, the story's own included.
CREATE TABLE mentions (
	id          TEXT PRIMARY KEY,
	doc         INTEGER NOT NULL REFERENCES articles(rowid),
	url         TEXT NOT NULL DEFAULT '',
	source      TEXT NOT NULL DEFAULT '',
	source_norm TEXT NOT NULL DEFAULT '',
	host        TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	published   INTEGER,
	origin      TEXT NOT NULL DEFAULT '',
	distance    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX mentions_doc ON mentions(doc);
CREATE INDEX mentions_source ON mentions(source_norm);
CREATE INDEX mentions_host ON mentions(host);

CREATE TABLE entities (
	doc       INTEGER NOT NULL,
	ent       TEXT NOT NULL,  -- store.EntityID(type, name)
	type      TEXT NOT NULL,
	name      TEXT NOT NULL,
	name_norm TEXT NOT NULL,
	role      TEXT NOT NULL DEFAULT '',
	country   TEXT NOT NULL DEFAULT '',
	actor     TEXT NOT NULL DEFAULT '',
	n         INTEGER NOT NULL DEFAULT 1,
	PRIMARY KEY (doc, ent)
) WITHOUT ROWID;
CREATE INDEX entities_ent ON entities(ent, doc);
CREATE INDEX entities_name ON entities(name_norm);
CREATE INDEX entities_actor ON entities(actor) WHERE actor <> '';

-- Aggregate per entity, kept on insert so listing stays fast at scale.
CREATE TABLE entity_stats (
	ent       TEXT PRIMARY KEY,
	type      TEXT NOT NULL,
	name      TEXT NOT NULL,
	role      TEXT NOT NULL DEFAULT '',
	country   TEXT NOT NULL DEFAULT '',
	actor     TEXT NOT NULL DEFAULT '',
	articles  INTEGER NOT NULL DEFAULT 0,
	first_day TEXT,
	last_day  TEXT
) WITHOUT ROWID;
CREATE INDEX entity_stats_articles ON entity_stats(articles DESC);

CREATE TABLE places (
	doc        INTEGER NOT NULL,
	idx        INTEGER NOT NULL,
	name       TEXT NOT NULL,
	name_norm  TEXT NOT NULL,
	kind       TEXT NOT NULL DEFAULT '',
	geonameid  INTEGER NOT NULL DEFAULT 0,
	lat        REAL, lon REAL,
	country    TEXT NOT NULL DEFAULT '',
	admin1     TEXT NOT NULL DEFAULT '',
	confidence REAL NOT NULL DEFAULT 0,
	PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX places_country ON places(country);
CREATE INDEX places_name ON places(name_norm);
CREATE INDEX places_geonameid ON places(geonameid) WHERE geonameid <> 0;

CREATE TABLE events (
	doc        INTEGER NOT NULL,
	idx        INTEGER NOT NULL,
	code       TEXT NOT NULL,
	base_code  TEXT NOT NULL DEFAULT '',
	root_code  TEXT NOT NULL DEFAULT '',
	plover     TEXT NOT NULL DEFAULT '',
	src_actor  TEXT NOT NULL DEFAULT '',
	tgt_actor  TEXT NOT NULL DEFAULT '',
	src_text   TEXT NOT NULL DEFAULT '',
	tgt_text   TEXT NOT NULL DEFAULT '',
	goldstein  REAL NOT NULL DEFAULT 0,
	quad_class INTEGER NOT NULL DEFAULT 0,
	status     TEXT NOT NULL DEFAULT '',
	day        TEXT,
	PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX events_root ON events(root_code);
CREATE INDEX events_code ON events(code);
CREATE INDEX events_base ON events(base_code);
CREATE INDEX events_plover ON events(plover) WHERE plover <> '';
CREATE INDEX events_src ON events(src_actor);
CREATE INDEX events_tgt ON events(tgt_actor);

CREATE TABLE themes (
	doc   INTEGER NOT NULL,
	theme TEXT NOT NULL,
	score REAL NOT NULL DEFAULT 0,
	PRIMARY KEY (doc, theme)
) WITHOUT ROWID;
CREATE INDEX themes_theme ON themes(theme, doc);

CREATE TABLE quotes (
	doc     INTEGER NOT NULL,
	idx     INTEGER NOT NULL,
	speaker TEXT NOT NULL DEFAULT '',
	actor   TEXT NOT NULL DEFAULT '',
	quote   TEXT NOT NULL DEFAULT '',
	direct  INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX quotes_actor ON quotes(actor) WHERE actor <> '';

CREATE TABLE alerts (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL DEFAULT '',
	query   TEXT NOT NULL,
	webhook TEXT NOT NULL DEFAULT '',
	created INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE alert_hits (
	alert_id   TEXT NOT NULL,
	article_id TEXT NOT NULL,
	channel    TEXT NOT NULL,
	at         INTEGER NOT NULL,
	PRIMARY KEY (alert_id, article_id, channel)
) WITHOUT ROWID;

CREATE TABLE feeds (
	url           TEXT PRIMARY KEY,
	etag          TEXT NOT NULL DEFAULT '',
	last_modified TEXT NOT NULL DEFAULT '',
	last_poll     INTEGER, last_success INTEGER, next_poll INTEGER,
	last_error    TEXT NOT NULL DEFAULT '',
	errors        INTEGER NOT NULL DEFAULT 0,
	items_seen    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

CREATE TABLE feed_items (
	feed TEXT NOT NULL,
	key  TEXT NOT NULL,
	seen INTEGER NOT NULL,
	PRIMARY KEY (feed, key)
) WITHOUT ROWID;
