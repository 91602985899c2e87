-- 0002: per-day story counts by dimension, kept on insert, so unfiltered
-- timelines read a few thousand rows instead of scanning every story.
-- dim '' counts all stories (key ''); 'theme', 'country' (place ISO2) and
-- 'event' (CAMEO root) count stories having that key.
CREATE TABLE daily (
	dim TEXT NOT NULL,
	key TEXT NOT NULL,
	day TEXT NOT NULL,
	n   INTEGER NOT NULL,
	PRIMARY KEY (dim, key, day)
) WITHOUT ROWID;

INSERT INTO daily(dim, key, day, n)
	SELECT '', '', day, count(*) FROM articles WHERE day IS NOT NULL GROUP BY day;
INSERT INTO daily(dim, key, day, n)
	SELECT 'theme', t.theme, a.day, count(*) FROM themes t JOIN articles a ON a.rowid = t.doc
	WHERE a.day IS NOT NULL GROUP BY t.theme, a.day;
INSERT INTO daily(dim, key, day, n)
	SELECT 'country', x.country, x.day, count(*) FROM (SELECT DISTINCT p.country, a.day, a.rowid FROM places p JOIN articles a ON a.rowid = p.doc
	WHERE a.day IS NOT NULL AND p.country <> '') x GROUP BY x.country, x.day;
INSERT INTO daily(dim, key, day, n)
	SELECT 'event', x.root_code, x.day, count(*) FROM (SELECT DISTINCT e.root_code, a.day, a.rowid FROM events e JOIN articles a ON a.rowid = e.doc
	WHERE a.day IS NOT NULL AND e.root_code <> '') x GROUP BY x.root_code, x.day;

-- Bulk loads merge full-text segments less eagerly (default 4): fewer
-- merge passes per insert, a few more segments per query.
INSERT INTO articles_fts(articles_fts, rank) VALUES('automerge', 8);
