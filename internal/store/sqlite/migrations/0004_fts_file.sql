-- 0004: the full-text index moves to a file of its own (path + ".fts",
-- see index.go), written on a connection of its own so it is built in
-- parallel with the stories. Open indexes every story into it.
DROP TABLE articles_fts;
