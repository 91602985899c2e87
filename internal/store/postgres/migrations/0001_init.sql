-- 0001: stories, mentions, annotations, full-text index, alerts, feeds.
-- The same model as the SQLite store (see internal/store): stories keyed
-- internally by "doc", the public id unique; every stored article id has
-- one mention row, the story's own included.
CREATE TABLE articles (
	doc           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id            TEXT NOT NULL UNIQUE,
	url           TEXT NOT NULL DEFAULT '',
	source        TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL DEFAULT '',
	text          TEXT NOT NULL DEFAULT '',
	published     TIMESTAMPTZ,
	day           TEXT,              -- YYYY-MM-DD (UTC) of published
	lang          TEXT NOT NULL DEFAULT '',
	hash          TEXT NOT NULL DEFAULT '',
	simhash       BIGINT NOT NULL DEFAULT 0,
	-- 16-bit SimHash bands, as in the SQLite store: candidates for a near
	-- duplicate share one band (NULL: text too short to near-dedup).
	b0 INT, b1 INT, b2 INT, b3 INT,
	focus_country TEXT NOT NULL DEFAULT '',
	tone          DOUBLE PRECISION,
	mentions      INT NOT NULL DEFAULT 1,
	ann           BYTEA,             -- JSON of the doc.Article without Text
	tsv           tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', left(text, 1000000)), 'B')) STORED
);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);
CREATE INDEX articles_hash ON articles (hash);
CREATE INDEX articles_b0 ON articles (b0);
CREATE INDEX articles_b1 ON articles (b1);
CREATE INDEX articles_b2 ON articles (b2);
CREATE INDEX articles_b3 ON articles (b3);
CREATE INDEX articles_published ON articles (published DESC NULLS LAST, doc DESC);
CREATE INDEX articles_day ON articles (day);
CREATE INDEX articles_focus ON articles (focus_country);

CREATE TABLE mentions (
	id          TEXT PRIMARY KEY,
	doc         BIGINT NOT NULL REFERENCES articles (doc),
	url         TEXT NOT NULL DEFAULT '',
	source      TEXT NOT NULL DEFAULT '',
	source_norm TEXT NOT NULL DEFAULT '',
	host        TEXT NOT NULL DEFAULT '',
	title       TEXT NOT NULL DEFAULT '',
	published   TIMESTAMPTZ,
	origin      TEXT NOT NULL DEFAULT '',
	distance    INT NOT NULL DEFAULT 0
);
CREATE INDEX mentions_doc ON mentions (doc);
CREATE INDEX mentions_source ON mentions (source_norm text_pattern_ops);
CREATE INDEX mentions_host ON mentions (host);

CREATE TABLE entities (
	doc       BIGINT NOT NULL,
	ent       TEXT NOT NULL,  -- store.EntityID(type, name)
	type      TEXT NOT NULL,
	name      TEXT NOT NULL,
	name_norm TEXT NOT NULL,
	role      TEXT NOT NULL DEFAULT '',
	country   TEXT NOT NULL DEFAULT '',
	actor     TEXT NOT NULL DEFAULT '',
	n         INT NOT NULL DEFAULT 1,
	PRIMARY KEY (doc, ent)
);
CREATE INDEX entities_ent ON entities (ent, doc);
CREATE INDEX entities_name ON entities (name_norm);
CREATE INDEX entities_actor ON entities (actor text_pattern_ops) WHERE actor <> '';

CREATE TABLE entity_stats (
	ent       TEXT PRIMARY KEY,
	type      TEXT NOT NULL,
	name      TEXT NOT NULL,
	role      TEXT NOT NULL DEFAULT '',
	country   TEXT NOT NULL DEFAULT '',
	actor     TEXT NOT NULL DEFAULT '',
	articles  INT NOT NULL DEFAULT 0,
	first_day TEXT,
	last_day  TEXT
);
CREATE INDEX entity_stats_articles ON entity_stats (articles DESC);

CREATE TABLE places (
	doc        BIGINT NOT NULL,
	idx        INT NOT NULL,
	name       TEXT NOT NULL,
	name_norm  TEXT NOT NULL,
	kind       TEXT NOT NULL DEFAULT '',
	geonameid  INT NOT NULL DEFAULT 0,
	lat        DOUBLE PRECISION, lon DOUBLE PRECISION,
	country    TEXT NOT NULL DEFAULT '',
	admin1     TEXT NOT NULL DEFAULT '',
	confidence DOUBLE PRECISION NOT NULL DEFAULT 0,
	PRIMARY KEY (doc, idx)
);
CREATE INDEX places_country ON places (country);
CREATE INDEX places_name ON places (name_norm);
CREATE INDEX places_geonameid ON places (geonameid) WHERE geonameid <> 0;

CREATE TABLE events (
	doc        BIGINT NOT NULL,
	idx        INT NOT NULL,
	code       TEXT NOT NULL,
	base_code  TEXT NOT NULL DEFAULT '',
	root_code  TEXT NOT NULL DEFAULT '',
	plover     TEXT NOT NULL DEFAULT '',
	src_actor  TEXT NOT NULL DEFAULT '',
	tgt_actor  TEXT NOT NULL DEFAULT '',
	src_text   TEXT NOT NULL DEFAULT '',
	tgt_text   TEXT NOT NULL DEFAULT '',
	goldstein  DOUBLE PRECISION NOT NULL DEFAULT 0,
	quad_class INT NOT NULL DEFAULT 0,
	status     TEXT NOT NULL DEFAULT '',
	day        TEXT,
	PRIMARY KEY (doc, idx)
);
CREATE INDEX events_root ON events (root_code);
CREATE INDEX events_code ON events (code text_pattern_ops);
CREATE INDEX events_base ON events (base_code);
CREATE INDEX events_plover ON events (plover) WHERE plover <> '';
CREATE INDEX events_src ON events (src_actor text_pattern_ops);
CREATE INDEX events_tgt ON events (tgt_actor text_pattern_ops);

CREATE TABLE themes (
	doc   BIGINT NOT NULL,
	theme TEXT NOT NULL,
	score DOUBLE PRECISION NOT NULL DEFAULT 0,
	PRIMARY KEY (doc, theme)
);
CREATE INDEX themes_theme ON themes (theme text_pattern_ops, doc);

CREATE TABLE quotes (
	doc     BIGINT NOT NULL,
	idx     INT NOT NULL,
	speaker TEXT NOT NULL DEFAULT '',
	actor   TEXT NOT NULL DEFAULT '',
	quote   TEXT NOT NULL DEFAULT '',
	direct  BOOLEAN NOT NULL DEFAULT false,
	PRIMARY KEY (doc, idx)
);

CREATE TABLE alerts (
	id      TEXT PRIMARY KEY,
	name    TEXT NOT NULL DEFAULT '',
	query   TEXT NOT NULL,
	webhook TEXT NOT NULL DEFAULT '',
	created TIMESTAMPTZ NOT NULL
);

CREATE TABLE alert_hits (
	alert_id   TEXT NOT NULL,
	article_id TEXT NOT NULL,
	channel    TEXT NOT NULL,
	at         TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (alert_id, article_id, channel)
);
