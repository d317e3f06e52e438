-- Forum category names per source (issue 17). Discourse topics carry only category_id; the
-- collector reads /site.json (or /categories.json), a dump brings a site.json/categories.json.
-- threads.category holds the label shown everywhere ("Parent › Child"); this table keeps the
-- forum's ids, names and parents, and the label last given, so a rename relabels its threads.
CREATE TABLE source_categories (
  source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  category_id TEXT NOT NULL,
  name        TEXT NOT NULL,
  slug        TEXT,
  parent_id   TEXT,
  label       TEXT NOT NULL,
  PRIMARY KEY (source_id, category_id)
) WITHOUT ROWID;

-- Whole-forum collection (collect --whole-forum): /latest.json for topic fields, /posts.json?before=
-- for the posts (about 50 a request, across topics), then each topic assembled and imported.
-- The listing's fields of a topic (title, slug, created_at, category_id, tags, views, …):
ALTER TABLE collection_topics ADD COLUMN listing_json TEXT;
-- Posts read and not yet imported; a topic's rows go once it is imported.
CREATE TABLE collection_posts (
  collection_id INTEGER NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
  post_id       INTEGER NOT NULL,
  topic_id      INTEGER NOT NULL,
  json          TEXT NOT NULL,
  PRIMARY KEY (collection_id, post_id)
) WITHOUT ROWID;
CREATE INDEX collection_posts_topic ON collection_posts (collection_id, topic_id);
-- The newest post of the forum when the run began (the first /posts.json page).
ALTER TABLE collections ADD COLUMN newest_post_id INTEGER;
ALTER TABLE collections ADD COLUMN newest_post_at TEXT;
-- Per source, the newest post a finished whole-forum run had: the next run stops there (incremental).
CREATE TABLE whole_forum_marks (
  source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  post_id   INTEGER NOT NULL,
  posted_at TEXT NOT NULL
);
