-- Accounts an administrator manages, and sources that belong to whoever imported them.
-- is_importer: may import and collect (an instance right an administrator grants, not a
-- side effect of owning a study). disabled_at: a disabled account cannot log in and its
-- sessions end. sources.owner_id: only the owner (and administrators) re-import or collect
-- into a source, cancel its collections or read its import records.
ALTER TABLE users ADD COLUMN is_importer INTEGER NOT NULL DEFAULT 0 CHECK (is_importer IN (0, 1));
ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE sources ADD COLUMN owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL;

-- Existing instances keep working: whoever already imported or collected keeps the right and
-- owns the sources they filled first; sources nobody is recorded for belong to administrators.
UPDATE users SET is_importer = 1
  WHERE id IN (SELECT user_id FROM imports UNION SELECT user_id FROM collections);
UPDATE sources SET owner_id = (
  SELECT user_id FROM (
    SELECT user_id, id, created_at FROM imports WHERE source_id = sources.id AND user_id IS NOT NULL
    UNION ALL
    SELECT user_id, id, created_at FROM collections WHERE source_id = sources.id AND user_id IS NOT NULL
  ) ORDER BY created_at, id LIMIT 1
);

-- Imports and collections name their source, which exists only once something is stored in it:
-- a failed import or a refused collection into a new name leaves no empty source behind.
-- source_id stays NULL until then. (Rebuilt, as SQLite cannot drop NOT NULL; migrate() runs
-- this with foreign keys off, so dropping the old tables does not cascade.)
CREATE TABLE imports_new (
  id           INTEGER PRIMARY KEY,
  source_id    INTEGER REFERENCES sources(id) ON DELETE CASCADE,
  source_name  TEXT NOT NULL,
  user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  filename     TEXT NOT NULL,
  format       TEXT NOT NULL CHECK (format IN ('discourse', 'stackexchange', 'csv', 'jsonl')),
  mode         TEXT NOT NULL DEFAULT 'strict' CHECK (mode IN ('strict', 'lenient')),
  options_json TEXT NOT NULL DEFAULT '{}',
  status       TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  bytes_total  INTEGER,
  bytes_read   INTEGER NOT NULL DEFAULT 0,
  posts_read   INTEGER NOT NULL DEFAULT 0,
  report_json  TEXT,
  error_json   TEXT,
  created_at   TEXT NOT NULL,
  finished_at  TEXT
);
INSERT INTO imports_new
  SELECT i.id, i.source_id, s.name, i.user_id, i.filename, i.format, i.mode, i.options_json, i.status, i.bytes_total,
         i.bytes_read, i.posts_read, i.report_json, i.error_json, i.created_at, i.finished_at
  FROM imports i JOIN sources s ON s.id = i.source_id;
DROP TABLE imports;
ALTER TABLE imports_new RENAME TO imports;
CREATE INDEX imports_source_name ON imports (source_name, status);

CREATE TABLE collections_new (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER REFERENCES sources(id) ON DELETE CASCADE,
  source_name   TEXT NOT NULL,
  user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  forum_url     TEXT NOT NULL,
  options_json  TEXT NOT NULL,
  -- The source's name and the selection (url, category, since, until, max topics): the same run to resume.
  resume_key    TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'stopped', 'succeeded', 'failed')),
  cursor        TEXT,
  listing_done  INTEGER NOT NULL DEFAULT 0,
  requests      INTEGER NOT NULL DEFAULT 0,
  report_json   TEXT NOT NULL,
  error_json    TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  finished_at   TEXT
);
INSERT INTO collections_new
  SELECT c.id, c.source_id, s.name, c.user_id, c.forum_url, c.options_json,
         CASE WHEN json_valid(c.resume_key) THEN json_set(c.resume_key, '$[0]', s.name) ELSE c.resume_key END,
         c.status, c.cursor, c.listing_done, c.requests, c.report_json, c.error_json, c.created_at, c.updated_at,
         c.finished_at
  FROM collections c JOIN sources s ON s.id = c.source_id;
DROP TABLE collections;
ALTER TABLE collections_new RENAME TO collections;
CREATE INDEX collections_resume ON collections (resume_key, id);
