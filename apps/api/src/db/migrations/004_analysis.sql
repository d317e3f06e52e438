-- Analysis: keyword groups for mention trends, a cache of post stems, and per-study analysis
-- facts (final labels with their unit's period, rolled up the codebook tree) that the
-- analysis aggregates scan instead of joining final_labels → units → posts on every request.

-- A keyword group counts posts mentioning any of its terms (e.g. BERT = bert, roberta, distilbert).
CREATE TABLE keyword_groups (
  id         INTEGER PRIMARY KEY,
  study_id   INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  name       TEXT NOT NULL,
  terms_json TEXT NOT NULL,
  position   INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (study_id, name COLLATE NOCASE)
);

-- Each post's stems (natural's WordTokenizer + PorterStemmer) in order, space-wrapped
-- (" fine tune gpt 2 "), so a keyword phrase is an instr() away. Filled lazily for the posts an
-- analysis reads; a changed content_hash means the post was re-imported with new text.
CREATE TABLE post_stems (
  post_id      INTEGER PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE,
  content_hash TEXT NOT NULL,
  stems        TEXT NOT NULL
);

-- One row per (settled unit, code or code above it): `direct` = the unit carries the code
-- itself; a settled unit without labels has one row with code_id ''. `first` marks one row
-- per unit, so summing it counts coded units. The unit index serves updates of a few units. month = year * 12 + month - 1; day = days
-- since 1970-01-01 (UTC) of the post's (post units) or thread's (thread units) created_at.
CREATE TABLE analysis_facts (
  study_id  INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  month     INTEGER NOT NULL,
  code_id   TEXT NOT NULL,
  unit_id   INTEGER NOT NULL,
  day       INTEGER NOT NULL,
  round_id  INTEGER NOT NULL,
  thread_id INTEGER NOT NULL,
  direct    INTEGER NOT NULL,
  first     INTEGER NOT NULL,
  PRIMARY KEY (study_id, month, code_id, unit_id)
) WITHOUT ROWID;
CREATE INDEX analysis_facts_unit ON analysis_facts(unit_id);

-- analysis_facts summed per (round, month, code): what an analysis without a date, category
-- or tag filter reads (a few thousand rows however many labels a study has).
CREATE TABLE analysis_months (
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  month    INTEGER NOT NULL,
  code_id  TEXT NOT NULL,
  round_id INTEGER NOT NULL,
  units    INTEGER NOT NULL,
  direct   INTEGER NOT NULL,
  firsts   INTEGER NOT NULL,
  PRIMARY KEY (study_id, month, code_id, round_id)
) WITHOUT ROWID;

-- A study's facts exist once its row here does (built for the pinned codebook version named).
-- From then on the triggers below list the units whose labels, settlement, round or date may
-- have changed, and the next analysis request redoes the facts of just those units. A change
-- of post or thread dates (rare: a re-import that moved them) drops every study's row instead,
-- so the next request rebuilds. Thread category and tags are not in the facts: filters read
-- them live.
CREATE TABLE analysis_built (
  study_id   INTEGER PRIMARY KEY REFERENCES studies(id) ON DELETE CASCADE,
  version_id INTEGER NOT NULL,
  built_at   TEXT NOT NULL
);
CREATE TABLE analysis_stale_units (
  study_id INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  unit_id  INTEGER NOT NULL,
  PRIMARY KEY (study_id, unit_id)
) WITHOUT ROWID;

CREATE TRIGGER analysis_final_insert AFTER INSERT ON final_labels BEGIN
  INSERT OR IGNORE INTO analysis_stale_units (study_id, unit_id)
    SELECT u.study_id, u.id FROM units u JOIN analysis_built b ON b.study_id = u.study_id WHERE u.id = new.unit_id;
END;
CREATE TRIGGER analysis_final_delete AFTER DELETE ON final_labels BEGIN
  INSERT OR IGNORE INTO analysis_stale_units (study_id, unit_id)
    SELECT u.study_id, u.id FROM units u JOIN analysis_built b ON b.study_id = u.study_id WHERE u.id = old.unit_id;
END;
CREATE TRIGGER analysis_final_update AFTER UPDATE ON final_labels BEGIN
  INSERT OR IGNORE INTO analysis_stale_units (study_id, unit_id)
    SELECT u.study_id, u.id FROM units u JOIN analysis_built b ON b.study_id = u.study_id WHERE u.id IN (old.unit_id, new.unit_id);
END;
CREATE TRIGGER analysis_units_insert AFTER INSERT ON units BEGIN
  INSERT OR IGNORE INTO analysis_stale_units (study_id, unit_id) SELECT study_id, new.id FROM analysis_built WHERE study_id = new.study_id;
END;
CREATE TRIGGER analysis_units_delete AFTER DELETE ON units BEGIN
  INSERT OR IGNORE INTO analysis_stale_units (study_id, unit_id) SELECT study_id, old.id FROM analysis_built WHERE study_id = old.study_id;
END;
CREATE TRIGGER analysis_units_update AFTER UPDATE ON units BEGIN
  INSERT OR IGNORE INTO analysis_stale_units (study_id, unit_id) SELECT study_id, old.id FROM analysis_built WHERE study_id = old.study_id;
  INSERT OR IGNORE INTO analysis_stale_units (study_id, unit_id) SELECT study_id, new.id FROM analysis_built WHERE study_id = new.study_id;
END;
-- Adjudication status and a round's closing decide which units without labels are settled.
CREATE TRIGGER analysis_adjudication_insert AFTER INSERT ON adjudications BEGIN
  INSERT OR IGNORE INTO analysis_stale_units (study_id, unit_id)
    SELECT u.study_id, u.id FROM units u JOIN analysis_built b ON b.study_id = u.study_id WHERE u.id = new.unit_id;
END;
CREATE TRIGGER analysis_adjudication_update AFTER UPDATE OF status ON adjudications BEGIN
  INSERT OR IGNORE INTO analysis_stale_units (study_id, unit_id)
    SELECT u.study_id, u.id FROM units u JOIN analysis_built b ON b.study_id = u.study_id WHERE u.id = new.unit_id;
END;
CREATE TRIGGER analysis_adjudication_delete AFTER DELETE ON adjudications BEGIN
  INSERT OR IGNORE INTO analysis_stale_units (study_id, unit_id)
    SELECT u.study_id, u.id FROM units u JOIN analysis_built b ON b.study_id = u.study_id WHERE u.id = old.unit_id;
END;
CREATE TRIGGER analysis_round_update AFTER UPDATE OF status ON rounds BEGIN
  INSERT OR IGNORE INTO analysis_stale_units (study_id, unit_id)
    SELECT u.study_id, u.id FROM units u JOIN analysis_built b ON b.study_id = u.study_id WHERE u.round_id = new.id;
END;
-- Re-imports rewrite created_at on every updated row; only a real change (rare) matters.
CREATE TRIGGER analysis_post_date AFTER UPDATE OF created_at ON posts WHEN old.created_at IS NOT new.created_at BEGIN
  DELETE FROM analysis_built;
END;
CREATE TRIGGER analysis_thread_date AFTER UPDATE OF created_at ON threads WHEN old.created_at IS NOT new.created_at BEGIN
  DELETE FROM analysis_built;
END;
