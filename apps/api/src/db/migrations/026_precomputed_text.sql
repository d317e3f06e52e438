-- Precomputed text statistics (issue #20), so mention trends read counts instead of stemming
-- and scanning every post in the request.

-- Posts whose stems (post_stems) are missing or out of date: listed by triggers whenever a post
-- is added or its words, date or place change; db/post-stems.ts stems them and unlists them.
CREATE TABLE post_stems_stale (post_id INTEGER PRIMARY KEY REFERENCES posts(id) ON DELETE CASCADE);
INSERT INTO post_stems_stale (post_id)
  SELECT p.id FROM posts p LEFT JOIN post_stems s ON s.post_id = p.id
  WHERE s.post_id IS NULL OR s.content_hash <> p.content_hash;
CREATE TRIGGER posts_stems_stale_insert AFTER INSERT ON posts BEGIN
  INSERT OR IGNORE INTO post_stems_stale (post_id) VALUES (new.id);
END;
CREATE TRIGGER posts_stems_stale_update AFTER UPDATE OF text, quoted_text, preview_text, created_at, thread_id, source_id ON posts BEGIN
  INSERT OR IGNORE INTO post_stems_stale (post_id) VALUES (new.id);
END;

-- Posts per source and month (year * 12 + month - 1), the denominator of mention shares, kept by triggers.
CREATE TABLE post_month_totals (
  source_id INTEGER NOT NULL,
  month     INTEGER NOT NULL,
  posts     INTEGER NOT NULL,
  PRIMARY KEY (source_id, month)
) WITHOUT ROWID;
INSERT INTO post_month_totals (source_id, month, posts)
  SELECT source_id, CAST(substr(created_at, 1, 4) AS INTEGER) * 12 + CAST(substr(created_at, 6, 2) AS INTEGER) - 1, count(*)
  FROM posts GROUP BY 1, 2;
CREATE TRIGGER posts_month_totals_insert AFTER INSERT ON posts BEGIN
  INSERT INTO post_month_totals (source_id, month, posts)
  VALUES (new.source_id, CAST(substr(new.created_at, 1, 4) AS INTEGER) * 12 + CAST(substr(new.created_at, 6, 2) AS INTEGER) - 1, 1)
  ON CONFLICT DO UPDATE SET posts = posts + 1;
END;
CREATE TRIGGER posts_month_totals_delete AFTER DELETE ON posts BEGIN
  UPDATE post_month_totals SET posts = posts - 1 WHERE source_id = old.source_id
    AND month = CAST(substr(old.created_at, 1, 4) AS INTEGER) * 12 + CAST(substr(old.created_at, 6, 2) AS INTEGER) - 1;
END;
CREATE TRIGGER posts_month_totals_update AFTER UPDATE OF created_at, source_id ON posts BEGIN
  UPDATE post_month_totals SET posts = posts - 1 WHERE source_id = old.source_id
    AND month = CAST(substr(old.created_at, 1, 4) AS INTEGER) * 12 + CAST(substr(old.created_at, 6, 2) AS INTEGER) - 1;
  INSERT INTO post_month_totals (source_id, month, posts)
  VALUES (new.source_id, CAST(substr(new.created_at, 1, 4) AS INTEGER) * 12 + CAST(substr(new.created_at, 6, 2) AS INTEGER) - 1, 1)
  ON CONFLICT DO UPDATE SET posts = posts + 1;
END;

-- A keyword group's matching definition (its terms and rules as JSON, never its name), matched
-- once against every stemmed post; groups with the same definition share it. Definitions no
-- group has any more are dropped (analysis/mention-matches.ts).
CREATE TABLE mention_definitions (
  id         INTEGER PRIMARY KEY,
  definition TEXT NOT NULL UNIQUE
);

-- The posts a definition matches: own = 1 when the post's own words match, 0 when only the
-- words it quotes do. The post's source, thread, date and month are copied so a filtered count
-- never reads the posts table; a change to any of them lists the post for new stems and matches.
CREATE TABLE mention_matches (
  definition_id INTEGER NOT NULL REFERENCES mention_definitions(id) ON DELETE CASCADE,
  post_id       INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
  source_id     INTEGER NOT NULL,
  thread_id     INTEGER NOT NULL,
  created_at    TEXT NOT NULL,
  month         INTEGER NOT NULL,
  own           INTEGER NOT NULL,
  PRIMARY KEY (definition_id, post_id)
) WITHOUT ROWID;
CREATE INDEX mention_matches_post ON mention_matches(post_id);

-- Matches per definition, source and month (own words; own or quoted words), kept by triggers:
-- the unfiltered mention trend reads only these.
CREATE TABLE mention_month_counts (
  definition_id INTEGER NOT NULL,
  source_id     INTEGER NOT NULL,
  month         INTEGER NOT NULL,
  own           INTEGER NOT NULL,
  any_words     INTEGER NOT NULL,
  PRIMARY KEY (definition_id, source_id, month)
) WITHOUT ROWID;
CREATE TRIGGER mention_matches_insert AFTER INSERT ON mention_matches BEGIN
  INSERT INTO mention_month_counts (definition_id, source_id, month, own, any_words)
  VALUES (new.definition_id, new.source_id, new.month, new.own, 1)
  ON CONFLICT DO UPDATE SET own = own + excluded.own, any_words = any_words + 1;
END;
CREATE TRIGGER mention_matches_delete AFTER DELETE ON mention_matches BEGIN
  UPDATE mention_month_counts SET own = own - old.own, any_words = any_words - 1
  WHERE definition_id = old.definition_id AND source_id = old.source_id AND month = old.month;
END;

-- A unit's content-token counts (analysis/tfidf.ts contentTokenCounts) of its text as coded,
-- without (quotes = 0) or with its quoted words, for distinctive terms: tokenized on first use
-- and again only when the revision the unit is analysed at changes (db/unit-terms.ts).
CREATE TABLE unit_terms (
  unit_id  INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  quotes   INTEGER NOT NULL,
  revision INTEGER NOT NULL,
  tokens   TEXT NOT NULL, -- "token count token count …"
  PRIMARY KEY (unit_id, quotes)
) WITHOUT ROWID;
-- Posts and titles changed in place (not through an import's revisions), and revisions removed, drop the kept counts of
-- their thread's units, so those are tokenized again.
CREATE TRIGGER posts_unit_terms_update AFTER UPDATE OF text, quoted_text ON posts BEGIN
  DELETE FROM unit_terms WHERE unit_id IN (SELECT id FROM units WHERE thread_id = new.thread_id);
END;
CREATE TRIGGER threads_unit_terms_update AFTER UPDATE OF title ON threads BEGIN
  DELETE FROM unit_terms WHERE unit_id IN (SELECT id FROM units WHERE thread_id = new.id);
END;
CREATE TRIGGER post_revisions_unit_terms_delete AFTER DELETE ON post_revisions BEGIN
  DELETE FROM unit_terms WHERE unit_id IN (SELECT id FROM units WHERE thread_id = (SELECT thread_id FROM posts WHERE id = old.post_id));
END;

-- Covers what a draw reads of each post of the selected threads (db/population.ts), so half a
-- million candidates are read from the index instead of from the wide post rows.
CREATE INDEX posts_population ON posts(thread_id, content_kind, created_at);
