-- Outside time series (apps/api/src/series) and the Hugging Face Hub collector (apps/api/src/hub).
-- A series set is one imported file (or one derivation from collected Hub models): a name, the
-- source it came from and the unit of its values; its series are its rows or columns, each a list
-- of dated values. Missing periods have no row (never a zero).
CREATE TABLE series_sets (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  source      TEXT NOT NULL,
  unit        TEXT NOT NULL,
  frequency   TEXT NOT NULL CHECK (frequency IN ('month', 'week', 'day')),
  layout      TEXT NOT NULL CHECK (layout IN ('wide', 'long', 'multi', 'derived')),
  file_name   TEXT,
  -- skipped columns and missing values of the import, or the derivation's definition
  report_json TEXT NOT NULL,
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE series (
  id     INTEGER PRIMARY KEY,
  set_id INTEGER NOT NULL REFERENCES series_sets(id) ON DELETE CASCADE,
  key    TEXT NOT NULL,
  UNIQUE (set_id, key)
);

CREATE TABLE series_points (
  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  -- YYYY-MM-DD: the day, or the first day of the month or week
  date      TEXT NOT NULL,
  value     REAL NOT NULL,
  PRIMARY KEY (series_id, date)
) WITHOUT ROWID;

-- One walk over the Hub's model listing; cursor is the next page to read, so a stopped or
-- crashed run resumes there. Same hub address and filters = the same run to resume.
CREATE TABLE hub_collections (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  hub_url      TEXT NOT NULL,
  options_json TEXT NOT NULL,
  resume_key   TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'stopped', 'succeeded', 'failed')),
  cursor       TEXT,
  listing_done INTEGER NOT NULL DEFAULT 0,
  pages        INTEGER NOT NULL DEFAULT 0,
  models       INTEGER NOT NULL DEFAULT 0,
  requests     INTEGER NOT NULL DEFAULT 0,
  error_json   TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  finished_at  TEXT
);
CREATE INDEX hub_collections_resume ON hub_collections (resume_key, id);

-- The Hub's models as last collected (downloads and likes as of collected_at).
CREATE TABLE hub_models (
  id                INTEGER PRIMARY KEY,
  model_id          TEXT NOT NULL UNIQUE,
  author            TEXT,
  created_at        TEXT,
  last_modified     TEXT,
  pipeline_tag      TEXT,
  library_name      TEXT,
  tags_json         TEXT NOT NULL,
  -- config.model_type: the architecture family (bert, llama, …)
  model_type        TEXT,
  -- from the "base_model:…" tags, JSON array
  base_models_json  TEXT NOT NULL,
  -- 1 README.md listed among the files, 0 not, NULL the listing did not say
  has_card          INTEGER,
  has_card_data     INTEGER,
  downloads         INTEGER,
  likes             INTEGER,
  collection_id     INTEGER REFERENCES hub_collections(id) ON DELETE SET NULL,
  collected_at      TEXT NOT NULL
);
CREATE INDEX hub_models_created ON hub_models (created_at);
CREATE INDEX hub_models_collection ON hub_models (collection_id, created_at);
