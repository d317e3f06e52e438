-- Threadcoder's first schema. Never edit once applied: add NNN_name.sql instead.
-- Times are UTC ISO-8601 text; JSON columns hold arrays/objects as text.

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  is_admin      INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  created_at    TEXT NOT NULL
);

-- Only a hash of the session token is stored, so a leaked database does not leak sessions.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE sources (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL CHECK (kind IN ('discourse', 'stackexchange', 'csv', 'jsonl')),
  base_url   TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE imports (
  id           INTEGER PRIMARY KEY,
  source_id    INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
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

CREATE TABLE threads (
  id          INTEGER PRIMARY KEY,
  source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  external_id TEXT NOT NULL,
  title       TEXT NOT NULL,
  category    TEXT,
  tags_json   TEXT NOT NULL DEFAULT '[]',
  url         TEXT,
  views       INTEGER,
  created_at  TEXT NOT NULL,
  import_id   INTEGER REFERENCES imports(id) ON DELETE SET NULL,
  UNIQUE (source_id, external_id)
);
CREATE INDEX threads_created ON threads(created_at);
CREATE INDEX threads_category ON threads(source_id, category);

CREATE TABLE thread_tags (
  thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
  tag       TEXT NOT NULL,
  PRIMARY KEY (thread_id, tag)
) WITHOUT ROWID;
CREATE INDEX thread_tags_tag ON thread_tags(tag);

-- source_id is repeated here so posts match on (source, external id) on re-import.
CREATE TABLE posts (
  id           INTEGER PRIMARY KEY,
  source_id    INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  thread_id    INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
  external_id  TEXT NOT NULL,
  post_number  INTEGER NOT NULL,
  reply_to     INTEGER,
  author       TEXT,
  created_at   TEXT NOT NULL,
  html         TEXT NOT NULL,
  text         TEXT NOT NULL,
  like_count   INTEGER,
  content_hash TEXT NOT NULL,
  UNIQUE (source_id, external_id)
);
CREATE INDEX posts_thread ON posts(thread_id, post_number);
CREATE INDEX posts_created ON posts(created_at);

-- Full-text search with stemming over post text and thread titles (external content tables).
CREATE VIRTUAL TABLE posts_fts USING fts5(text, content='posts', content_rowid='id', tokenize='porter unicode61');
CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
  INSERT INTO posts_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
  INSERT INTO posts_fts(posts_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER posts_fts_update AFTER UPDATE OF text ON posts BEGIN
  INSERT INTO posts_fts(posts_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO posts_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE VIRTUAL TABLE threads_fts USING fts5(title, content='threads', content_rowid='id', tokenize='porter unicode61');
CREATE TRIGGER threads_fts_insert AFTER INSERT ON threads BEGIN
  INSERT INTO threads_fts(rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER threads_fts_delete AFTER DELETE ON threads BEGIN
  INSERT INTO threads_fts(threads_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER threads_fts_update AFTER UPDATE OF title ON threads BEGIN
  INSERT INTO threads_fts(threads_fts, rowid, title) VALUES ('delete', old.id, old.title);
  INSERT INTO threads_fts(rowid, title) VALUES (new.id, new.title);
END;

-- A codebook is a lineage of versions; each version is a full, immutable tree of codes.
CREATE TABLE codebooks (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  template_id TEXT,
  created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE codebook_versions (
  id           INTEGER PRIMARY KEY,
  codebook_id  INTEGER NOT NULL REFERENCES codebooks(id) ON DELETE CASCADE,
  version      INTEGER NOT NULL,
  message      TEXT NOT NULL DEFAULT '',
  -- merge/split mapping from the previous version: [{kind:'merge'|'split', from:[ids], to:[ids]}]
  mapping_json TEXT NOT NULL DEFAULT '[]',
  created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at   TEXT NOT NULL,
  UNIQUE (codebook_id, version)
);

-- Codes of one version. id is the stable code id, kept across versions and renames.
CREATE TABLE codes (
  version_id   INTEGER NOT NULL REFERENCES codebook_versions(id) ON DELETE CASCADE,
  id           TEXT NOT NULL,
  parent_id    TEXT,
  position     INTEGER NOT NULL,
  dimension    TEXT NOT NULL,
  name         TEXT NOT NULL,
  definition   TEXT NOT NULL DEFAULT '',
  include_note TEXT NOT NULL DEFAULT '',
  exclude_note TEXT NOT NULL DEFAULT '',
  examples_json TEXT NOT NULL DEFAULT '[]',
  color        TEXT,
  shortcut     TEXT,
  status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'deprecated')),
  codable      INTEGER NOT NULL DEFAULT 1 CHECK (codable IN (0, 1)),
  PRIMARY KEY (version_id, id)
) WITHOUT ROWID;

CREATE TABLE studies (
  id                  INTEGER PRIMARY KEY,
  name                TEXT NOT NULL,
  description         TEXT NOT NULL DEFAULT '',
  unit_kind           TEXT NOT NULL DEFAULT 'post' CHECK (unit_kind IN ('post', 'thread')),
  label_mode          TEXT NOT NULL DEFAULT 'multi' CHECK (label_mode IN ('single', 'multi')),
  blind               INTEGER NOT NULL DEFAULT 1 CHECK (blind IN (0, 1)),
  codebook_id         INTEGER REFERENCES codebooks(id) ON DELETE RESTRICT,
  codebook_version_id INTEGER REFERENCES codebook_versions(id) ON DELETE RESTRICT,
  selection_json      TEXT NOT NULL DEFAULT '{}',
  sampling_json       TEXT NOT NULL DEFAULT '{}',
  overlap             REAL NOT NULL DEFAULT 1 CHECK (overlap >= 0 AND overlap <= 1),
  created_by          INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at          TEXT NOT NULL
);

CREATE TABLE study_members (
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  user_id  INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role     TEXT NOT NULL CHECK (role IN ('owner', 'coder', 'adjudicator')),
  PRIMARY KEY (study_id, user_id, role)
) WITHOUT ROWID;
CREATE INDEX study_members_user ON study_members(user_id);

-- The threads selected into a study: the population that sampling draws units from.
CREATE TABLE study_threads (
  study_id  INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
  PRIMARY KEY (study_id, thread_id)
) WITHOUT ROWID;

CREATE TABLE rounds (
  id         INTEGER PRIMARY KEY,
  study_id   INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL DEFAULT 'main' CHECK (kind IN ('calibration', 'main')),
  position   INTEGER NOT NULL,
  status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  unblinded  INTEGER NOT NULL DEFAULT 0 CHECK (unblinded IN (0, 1)),
  created_at TEXT NOT NULL,
  closed_at  TEXT,
  UNIQUE (study_id, position)
);

-- A unit is a post (post_id set) or a whole thread (post_id NULL), per the study's unit_kind.
CREATE TABLE units (
  id        INTEGER PRIMARY KEY,
  study_id  INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  round_id  INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
  post_id   INTEGER REFERENCES posts(id) ON DELETE CASCADE,
  position  INTEGER NOT NULL
);
CREATE UNIQUE INDEX units_post ON units(study_id, post_id) WHERE post_id IS NOT NULL;
CREATE UNIQUE INDEX units_thread ON units(study_id, thread_id) WHERE post_id IS NULL;
CREATE INDEX units_round ON units(round_id, position);

CREATE TABLE assignments (
  unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (unit_id, user_id)
) WITHOUT ROWID;
CREATE INDEX assignments_user ON assignments(user_id, unit_id);

CREATE TABLE codings (
  id          INTEGER PRIMARY KEY,
  unit_id     INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  coder_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  version_id  INTEGER NOT NULL REFERENCES codebook_versions(id) ON DELETE RESTRICT,
  memo        TEXT NOT NULL DEFAULT '',
  unsure      INTEGER NOT NULL DEFAULT 0 CHECK (unsure IN (0, 1)),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (unit_id, coder_id)
);
CREATE INDEX codings_coder ON codings(coder_id);

-- One row per code a coder applied; quote_* hold optional evidence selected in the post text.
CREATE TABLE coding_labels (
  coding_id   INTEGER NOT NULL REFERENCES codings(id) ON DELETE CASCADE,
  code_id     TEXT NOT NULL,
  quote       TEXT,
  quote_start INTEGER,
  quote_end   INTEGER,
  PRIMARY KEY (coding_id, code_id)
) WITHOUT ROWID;
CREATE INDEX coding_labels_code ON coding_labels(code_id);

CREATE TABLE adjudications (
  unit_id     INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
  status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'settled', 'reopened')),
  rationale   TEXT NOT NULL DEFAULT '',
  settled_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  settled_at  TEXT,
  created_at  TEXT NOT NULL
);

-- What analysis counts: the coders' common set where they agree, the adjudicated set otherwise.
CREATE TABLE final_labels (
  unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  code_id TEXT NOT NULL,
  origin  TEXT NOT NULL CHECK (origin IN ('agreement', 'adjudication')),
  PRIMARY KEY (unit_id, code_id)
) WITHOUT ROWID;
CREATE INDEX final_labels_code ON final_labels(code_id);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  study_id    INTEGER REFERENCES studies(id) ON DELETE CASCADE,
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT NOT NULL,
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX audit_log_study ON audit_log(study_id, at);
