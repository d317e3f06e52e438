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
