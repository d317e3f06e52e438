-- Issue #20 (scale). A matching post's thread, read by full-text search and keyword rules
-- (db/threads.ts, INDEXED BY): this narrow index answers id -> thread_id without reading the
-- post's row, which holds its HTML and text (a common word matches most posts).
CREATE INDEX posts_thread_of ON posts(id, thread_id);
-- The sampling population (db/population.ts) reads each selected thread's post ids and dates from
-- this index alone; through posts_thread it read every post's row.
CREATE INDEX posts_thread_created ON posts(thread_id, created_at);
