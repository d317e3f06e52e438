-- The Discourse collector (apps/api/src/collect). A collection is one run over a forum's
-- listing; its cursor and per-topic rows let a stopped or crashed run resume where it was.
-- collected_topics keeps, per source, the listing fingerprint of each topic as last
-- imported, so a later run skips topics that did not change.
CREATE TABLE collections (
  id            INTEGER PRIMARY KEY,
  source_id     INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  forum_url     TEXT NOT NULL,
  -- category, since, until, maxTopics, rate: never credentials.
  options_json  TEXT NOT NULL,
  -- Same source and selection (url, category, since, until, max topics) = the same run to resume.
  resume_key    TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'stopped', 'succeeded', 'failed')),
  -- The next listing page to read (a path with query); NULL once the listing is exhausted.
  cursor        TEXT,
  listing_done  INTEGER NOT NULL DEFAULT 0,
  requests      INTEGER NOT NULL DEFAULT 0,
  report_json   TEXT NOT NULL,
  error_json    TEXT,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  finished_at   TEXT
);
CREATE INDEX collections_resume ON collections (resume_key, id);

CREATE TABLE collection_topics (
  collection_id       INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  topic_id            INTEGER NOT NULL,
  seq                 INTEGER NOT NULL,
  posts_count         INTEGER NOT NULL,
  highest_post_number INTEGER,
  last_posted_at      TEXT,
  -- pending: still to fetch; done: fetched and imported; unchanged: skipped, same fingerprint;
  -- failed: the forum refused it (404/403) or it could not be imported.
  status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'unchanged', 'failed')),
  posts_stored        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (collection_id, topic_id)
) WITHOUT ROWID;
CREATE INDEX collection_topics_order ON collection_topics (collection_id, status, seq);

CREATE TABLE collected_topics (
  source_id           INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  topic_id            INTEGER NOT NULL,
  posts_count         INTEGER NOT NULL,
  highest_post_number INTEGER,
  last_posted_at      TEXT,
  collected_at        TEXT NOT NULL,
  PRIMARY KEY (source_id, topic_id)
) WITHOUT ROWID;
