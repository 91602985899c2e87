-- 0003: the actor graph and the map's place list kept at write time, so
-- an unfiltered Network or Places reads its groups instead of scanning
-- every event or place row. Kept by triggers so every writer maintains
-- them; backfilled here for existing databases.

CREATE TABLE actor_pairs (
	src  TEXT NOT NULL,
	tgt  TEXT NOT NULL,
	root TEXT NOT NULL,
	n    BIGINT NOT NULL,
	gsum DOUBLE PRECISION NOT NULL,
	PRIMARY KEY (src, tgt, root)
);

INSERT INTO actor_pairs (src, tgt, root, n, gsum)
	SELECT src_actor, tgt_actor, root_code, count(*), sum(goldstein)
	FROM events WHERE src_actor <> '' AND tgt_actor <> '' GROUP BY 1, 2, 3;

CREATE FUNCTION events_actor_pairs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.src_actor <> '' AND NEW.tgt_actor <> '' THEN
		INSERT INTO actor_pairs (src, tgt, root, n, gsum) VALUES (NEW.src_actor, NEW.tgt_actor, NEW.root_code, 1, NEW.goldstein)
			ON CONFLICT (src, tgt, root) DO UPDATE SET n = actor_pairs.n + 1, gsum = actor_pairs.gsum + EXCLUDED.gsum;
	END IF;
	RETURN NULL;
END $$;
CREATE TRIGGER events_actor_pairs AFTER INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_actor_pairs();

-- Places group by (name, kind, geonameid, country); a story counts once
-- per group (its first row of it, seen by a BEFORE trigger, which sees
-- the rows its statement inserted before).
CREATE TABLE place_stats (
	name      TEXT NOT NULL,
	kind      TEXT NOT NULL,
	geonameid INT NOT NULL,
	country   TEXT NOT NULL,
	lat       DOUBLE PRECISION,
	lon       DOUBLE PRECISION,
	docs      BIGINT NOT NULL,
	PRIMARY KEY (name, kind, geonameid, country)
);
CREATE INDEX place_stats_docs ON place_stats (docs DESC);

INSERT INTO place_stats (name, kind, geonameid, country, lat, lon, docs)
	SELECT name, kind, geonameid, country, min(lat), min(lon), count(DISTINCT doc) FROM places GROUP BY 1, 2, 3, 4;

CREATE FUNCTION places_stats() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO place_stats (name, kind, geonameid, country, lat, lon, docs)
		VALUES (NEW.name, NEW.kind, NEW.geonameid, NEW.country, NEW.lat, NEW.lon,
			CASE WHEN EXISTS (SELECT 1 FROM places p WHERE p.doc = NEW.doc AND p.name = NEW.name AND p.kind = NEW.kind
				AND p.geonameid = NEW.geonameid AND p.country = NEW.country) THEN 0 ELSE 1 END)
		ON CONFLICT (name, kind, geonameid, country) DO UPDATE SET
			lat = least(place_stats.lat, EXCLUDED.lat), lon = least(place_stats.lon, EXCLUDED.lon),
			docs = place_stats.docs + EXCLUDED.docs;
	RETURN NEW;
END $$;
CREATE TRIGGER places_stats BEFORE INSERT ON places FOR EACH ROW EXECUTE FUNCTION places_stats();
