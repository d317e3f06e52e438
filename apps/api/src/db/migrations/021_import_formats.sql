-- Import formats move from CHECK constraints (a table rebuild per new format) to a lookup table
-- that start-up fills from the list in import/formats.ts (db/import-formats.ts). This rebuilds
-- sources and imports once, keeping every row and id: migrate.ts runs it with foreign keys off,
-- so dropping the old tables cascades nothing, and checks the keys before it commits.
-- The copies name their columns (the tables as 009 left them: sources.owner_id, imports.source_name).
CREATE TABLE import_formats (name TEXT PRIMARY KEY) WITHOUT ROWID;
INSERT INTO import_formats (name) VALUES ('discourse'), ('stackexchange'), ('csv'), ('jsonl');

CREATE TABLE sources_new (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL REFERENCES import_formats(name),
  base_url   TEXT,
  created_at TEXT NOT NULL,
  owner_id   INTEGER REFERENCES users(id) ON DELETE SET NULL
);
INSERT INTO sources_new (id, name, kind, base_url, created_at, owner_id)
  SELECT id, name, kind, base_url, created_at, owner_id FROM sources;

CREATE TABLE imports_new (
  id           INTEGER PRIMARY KEY,
  source_id    INTEGER REFERENCES sources(id) ON DELETE CASCADE,
  source_name  TEXT NOT NULL,
  user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  filename     TEXT NOT NULL,
  format       TEXT NOT NULL REFERENCES import_formats(name),
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
INSERT INTO imports_new (id, source_id, source_name, user_id, filename, format, mode, options_json, status,
    bytes_total, bytes_read, posts_read, report_json, error_json, created_at, finished_at)
  SELECT id, source_id, source_name, user_id, filename, format, mode, options_json, status,
    bytes_total, bytes_read, posts_read, report_json, error_json, created_at, finished_at FROM imports;

DROP TABLE imports;
DROP TABLE sources;
ALTER TABLE sources_new RENAME TO sources;
ALTER TABLE imports_new RENAME TO imports;
CREATE INDEX imports_source_name ON imports (source_name, status);
