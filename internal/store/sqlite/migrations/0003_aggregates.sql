-- 0003: what the web UI's first views read, kept at write time so they
-- do not scan every event or place (at 100k stories: 146k events, 649k
-- place rows), and a narrow index so per-day counts of full-text matches
-- do not read the wide story rows.
--
-- The aggregates are maintained by triggers, not by PutBatch, so every
-- writer (PutBatch, SQL bulk copies in the scale tests) keeps them right.

-- Actor graph: one row per (source actor, target actor, CAMEO root), the
-- same grouping Network does over events.
CREATE TABLE actor_pairs (
	src      TEXT NOT NULL,
	tgt      TEXT NOT NULL,
	root     TEXT NOT NULL,
	n        INTEGER NOT NULL,
	gsum     REAL NOT NULL,
	src_text TEXT NOT NULL,
	tgt_text TEXT NOT NULL,
	PRIMARY KEY (src, tgt, root)
) WITHOUT ROWID;
CREATE INDEX actor_pairs_root ON actor_pairs(root);

INSERT INTO actor_pairs(src, tgt, root, n, gsum, src_text, tgt_text)
	SELECT src_actor, tgt_actor, root_code, count(*), sum(goldstein), max(src_text), max(tgt_text)
	FROM events WHERE src_actor <> '' AND tgt_actor <> '' AND src_actor <> tgt_actor
	GROUP BY 1, 2, 3;

CREATE TRIGGER events_actor_pairs AFTER INSERT ON events
	WHEN NEW.src_actor <> '' AND NEW.tgt_actor <> '' AND NEW.src_actor <> NEW.tgt_actor
BEGIN
	INSERT INTO actor_pairs(src, tgt, root, n, gsum, src_text, tgt_text)
		VALUES(NEW.src_actor, NEW.tgt_actor, NEW.root_code, 1, NEW.goldstein, NEW.src_text, NEW.tgt_text)
		ON CONFLICT(src, tgt, root) DO UPDATE SET n = n + 1, gsum = gsum + excluded.gsum,
			src_text = max(src_text, excluded.src_text), tgt_text = max(tgt_text, excluded.tgt_text);
END;

-- Places: one row per place as Places groups them (GeoNames id, or the
-- normalised name when unresolved); docs counts distinct stories (a
-- story's first row of a place counts it), lat/lon are sums over rows
-- with a coordinate, as avg() would see them.
CREATE TABLE place_stats (
	geonameid INTEGER NOT NULL,
	name_key  TEXT NOT NULL,   -- name_norm when geonameid = 0, else ''
	name      TEXT NOT NULL,   -- max(name), as Places reports
	kind      TEXT NOT NULL,
	country   TEXT NOT NULL,
	lat_sum   REAL NOT NULL DEFAULT 0, lat_n INTEGER NOT NULL DEFAULT 0,
	lon_sum   REAL NOT NULL DEFAULT 0, lon_n INTEGER NOT NULL DEFAULT 0,
	docs      INTEGER NOT NULL,
	PRIMARY KEY (geonameid, name_key)
) WITHOUT ROWID;
CREATE INDEX place_stats_docs ON place_stats(docs DESC);

INSERT INTO place_stats(geonameid, name_key, name, kind, country, lat_sum, lat_n, lon_sum, lon_n, docs)
	SELECT geonameid, CASE WHEN geonameid = 0 THEN name_norm ELSE '' END, max(name), max(kind), max(country),
		coalesce(sum(lat), 0), count(lat), coalesce(sum(lon), 0), count(lon), count(DISTINCT doc)
	FROM places GROUP BY 1, 2;

CREATE TRIGGER places_stats AFTER INSERT ON places
BEGIN
	INSERT INTO place_stats(geonameid, name_key, name, kind, country, lat_sum, lat_n, lon_sum, lon_n, docs)
		VALUES(NEW.geonameid, CASE WHEN NEW.geonameid = 0 THEN NEW.name_norm ELSE '' END, NEW.name, NEW.kind, NEW.country,
			coalesce(NEW.lat, 0), NEW.lat IS NOT NULL, coalesce(NEW.lon, 0), NEW.lon IS NOT NULL,
			NOT EXISTS (SELECT 1 FROM places p WHERE p.doc = NEW.doc AND p.idx <> NEW.idx AND p.geonameid = NEW.geonameid
				AND (NEW.geonameid <> 0 OR p.name_norm = NEW.name_norm)))
		ON CONFLICT(geonameid, name_key) DO UPDATE SET name = max(name, excluded.name), kind = max(kind, excluded.kind),
			country = max(country, excluded.country), lat_sum = lat_sum + excluded.lat_sum, lat_n = lat_n + excluded.lat_n,
			lon_sum = lon_sum + excluded.lon_sum, lon_n = lon_n + excluded.lon_n, docs = docs + excluded.docs;
END;

-- A story's dates by rowid, so grouping full-text matches by day (or
-- ordering an entity's stories by date) reads this index, not the story
-- rows with their text and annotation JSON.
CREATE INDEX articles_dates ON articles(rowid, day, published);
