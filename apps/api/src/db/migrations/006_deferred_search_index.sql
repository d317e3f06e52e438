-- A big import stores its rows first and fills the full-text indexes afterwards, in short
-- batches (db/search-catchup.ts), so the import is done when its rows are committed. These
-- tables list the rows not yet indexed; they are durable, so indexing resumes after a crash.
-- Invariant: a post (thread) has an entry in posts_fts (threads_fts) exactly when its id is
-- NOT listed here. The update and delete triggers below keep it: FTS5 'delete' of a row that
-- was never indexed corrupts the index (SQLITE_CORRUPT_VTAB), so they leave listed rows alone;
-- catch-up later indexes the row's current text, and a deleted row leaves the list.
CREATE TABLE posts_unindexed (id INTEGER PRIMARY KEY);
CREATE TABLE threads_unindexed (id INTEGER PRIMARY KEY);

DROP TRIGGER posts_fts_delete;
DROP TRIGGER posts_fts_update;
DROP TRIGGER threads_fts_delete;
DROP TRIGGER threads_fts_update;

CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
  INSERT INTO posts_fts (posts_fts, rowid, text) SELECT 'delete', old.id, old.text
    WHERE NOT EXISTS (SELECT 1 FROM posts_unindexed WHERE id = old.id);
  DELETE FROM posts_unindexed WHERE id = old.id;
END;
CREATE TRIGGER posts_fts_update AFTER UPDATE OF text ON posts
  WHEN NOT EXISTS (SELECT 1 FROM posts_unindexed WHERE id = old.id) BEGIN
  INSERT INTO posts_fts (posts_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO posts_fts (rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER threads_fts_delete AFTER DELETE ON threads BEGIN
  INSERT INTO threads_fts (threads_fts, rowid, title) SELECT 'delete', old.id, old.title
    WHERE NOT EXISTS (SELECT 1 FROM threads_unindexed WHERE id = old.id);
  DELETE FROM threads_unindexed WHERE id = old.id;
END;
CREATE TRIGGER threads_fts_update AFTER UPDATE OF title ON threads
  WHEN NOT EXISTS (SELECT 1 FROM threads_unindexed WHERE id = old.id) BEGIN
  INSERT INTO threads_fts (threads_fts, rowid, title) VALUES ('delete', old.id, old.title);
  INSERT INTO threads_fts (rowid, title) VALUES (new.id, new.title);
END;
