-- New posts and threads are added to the full-text indexes by the statement that stores them
-- (db/search-index.ts), no longer by AFTER INSERT triggers. A trigger turns every INSERT into a
-- statement with a savepoint, and at each savepoint FTS5 flushes its pending terms into a new
-- segment: a 100k-post import spent 2.5 times as long in SQLite as with explicit inserts.
-- Deletes and text updates keep their triggers; they are rare and must never be missed. Every
-- insert path must call search-index.ts: an unindexed row breaks its later updates and deletes.
DROP TRIGGER posts_fts_insert;
DROP TRIGGER threads_fts_insert;
