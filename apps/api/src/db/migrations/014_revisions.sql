-- Revisions: every content version a thread's title and a post's content have had, the current
-- one included, so the text a coding was made on never changes under it (db/revisions.ts).
-- A thread's revision counts changes to its unit as a whole (title, any post's content, a post
-- added); a post's revision counts changes to its own content only.

CREATE TABLE thread_revisions (
  thread_id  INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
  revision   INTEGER NOT NULL CHECK (revision >= 1),
  title      TEXT NOT NULL,
  stored_at  TEXT NOT NULL,
  import_id  INTEGER REFERENCES imports(id) ON DELETE SET NULL,
  PRIMARY KEY (thread_id, revision)
) WITHOUT ROWID;

-- The post's stored content columns (html, text) as they were; thread_revision is the thread's
-- revision this content belongs to, so a thread unit's text at revision R is each post's newest
-- revision with thread_revision <= R.
CREATE TABLE post_revisions (
  post_id         INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  revision        INTEGER NOT NULL CHECK (revision >= 1),
  thread_revision INTEGER NOT NULL,
  content_hash    TEXT NOT NULL,
  html            TEXT NOT NULL,
  text            TEXT NOT NULL,
  stored_at       TEXT NOT NULL,
  import_id       INTEGER REFERENCES imports(id) ON DELETE SET NULL,
  PRIMARY KEY (post_id, revision)
) WITHOUT ROWID;

-- The unit's revision a coding was made on: its post's for a post unit, its thread's for a thread unit.
ALTER TABLE codings ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);

-- What is stored today is revision 1 of everything, and every coding so far was made on it.
INSERT INTO thread_revisions (thread_id, revision, title, stored_at, import_id)
  SELECT id, 1, title, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), import_id FROM threads;
INSERT INTO post_revisions (post_id, revision, thread_revision, content_hash, html, text, stored_at, import_id)
  SELECT p.id, 1, 1, p.content_hash, p.html, p.text, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), t.import_id
  FROM posts p JOIN threads t ON t.id = p.thread_id;
