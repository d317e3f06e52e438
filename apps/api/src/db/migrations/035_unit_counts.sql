-- Issue #20: the sampling population (db/population.ts) is the study's kept counts (029) less its
-- units among them. Reading the units' posts cost ~5 µs a unit (a random post row each), so the
-- units' share is kept too, by the triggers below.

-- A unit counts when it is among the study's kept counts: a post unit whose post's thread is selected
-- (by the post's thread now, as the population reads it), or a thread unit whose thread is selected.
-- The columns are study_post_counts' own (threads counts thread units).
CREATE TABLE study_unit_counts (
  study_id      INTEGER PRIMARY KEY REFERENCES studies(id) ON DELETE CASCADE,
  threads       INTEGER NOT NULL,
  posts         INTEGER NOT NULL,
  text_posts    INTEGER NOT NULL,
  text_accepted INTEGER NOT NULL,
  text_staff    INTEGER NOT NULL
);
INSERT INTO study_unit_counts
  SELECT u.study_id, sum(u.post_id IS NULL), sum(p.id IS NOT NULL), coalesce(sum(p.content_kind = 'text'), 0),
    coalesce(sum(p.content_kind = 'text' AND p.accepted_answer), 0),
    coalesce(sum(p.content_kind = 'text' AND p.author_role IS NOT NULL), 0)
  FROM units u LEFT JOIN posts p ON p.id = u.post_id
  JOIN study_threads st ON st.study_id = u.study_id AND st.thread_id = coalesce(p.thread_id, u.thread_id)
  WHERE u.post_id IS NULL OR p.id IS NOT NULL
  GROUP BY u.study_id;

-- What a unit's triggers read of its post, without reading its wide row (the flags sit at its end,
-- past the text). Used by INDEXED BY, since SQLite looks an id up in the table itself.
CREATE INDEX posts_unit_counts ON posts(id, thread_id, content_kind, accepted_answer, author_role);

-- A unit added or removed. A post unit removed with its post (cascade) finds the post gone: the
-- post's own trigger, before it went, subtracted it.
CREATE TRIGGER units_population_insert AFTER INSERT ON units BEGIN
  INSERT INTO study_unit_counts
  SELECT new.study_id, new.post_id IS NULL, p.id IS NOT NULL, coalesce(p.content_kind = 'text', 0),
    coalesce(p.content_kind = 'text' AND p.accepted_answer, 0), coalesce(p.content_kind = 'text' AND p.author_role IS NOT NULL, 0)
  FROM (SELECT 1) LEFT JOIN posts p INDEXED BY posts_unit_counts ON p.id = new.post_id
  WHERE (new.post_id IS NULL OR p.id IS NOT NULL) AND EXISTS (SELECT 1 FROM study_threads st
    WHERE st.study_id = new.study_id AND st.thread_id = coalesce(p.thread_id, new.thread_id))
  ON CONFLICT DO UPDATE SET threads = threads + excluded.threads, posts = posts + excluded.posts,
    text_posts = text_posts + excluded.text_posts, text_accepted = text_accepted + excluded.text_accepted,
    text_staff = text_staff + excluded.text_staff;
END;

CREATE TRIGGER units_population_delete AFTER DELETE ON units BEGIN
  UPDATE study_unit_counts SET threads = threads - c.n_threads, posts = posts - c.n_posts,
    text_posts = text_posts - c.n_text, text_accepted = text_accepted - c.n_accepted, text_staff = text_staff - c.n_staff
  FROM (SELECT old.post_id IS NULL AS n_threads, p.id IS NOT NULL AS n_posts, coalesce(p.content_kind = 'text', 0) AS n_text,
      coalesce(p.content_kind = 'text' AND p.accepted_answer, 0) AS n_accepted,
      coalesce(p.content_kind = 'text' AND p.author_role IS NOT NULL, 0) AS n_staff
    FROM (SELECT 1) LEFT JOIN posts p INDEXED BY posts_unit_counts ON p.id = old.post_id
    WHERE (old.post_id IS NULL OR p.id IS NOT NULL) AND EXISTS (SELECT 1 FROM study_threads st
      WHERE st.study_id = old.study_id AND st.thread_id = coalesce(p.thread_id, old.thread_id))) AS c
  WHERE study_id = old.study_id;
END;

-- A thread selected or taken out brings or takes its units: thread units, and post units whose post
-- is in it now. A study without units (a new one selecting thousands of threads) skips the scan of
-- the thread's posts; both tests name post_id so that the partial indexes units_post and units_thread answer.
CREATE TRIGGER study_threads_unit_counts_insert AFTER INSERT ON study_threads
WHEN EXISTS (SELECT 1 FROM units WHERE study_id = new.study_id AND post_id IS NOT NULL)
  OR EXISTS (SELECT 1 FROM units WHERE study_id = new.study_id AND post_id IS NULL) BEGIN
  INSERT INTO study_unit_counts
  SELECT new.study_id,
    EXISTS (SELECT 1 FROM units WHERE study_id = new.study_id AND thread_id = new.thread_id AND post_id IS NULL),
    count(*), coalesce(sum(p.content_kind = 'text'), 0), coalesce(sum(p.content_kind = 'text' AND p.accepted_answer), 0),
    coalesce(sum(p.content_kind = 'text' AND p.author_role IS NOT NULL), 0)
  FROM posts p JOIN units u ON u.study_id = new.study_id AND u.post_id = p.id
  WHERE p.thread_id = new.thread_id
  ON CONFLICT DO UPDATE SET threads = threads + excluded.threads, posts = posts + excluded.posts,
    text_posts = text_posts + excluded.text_posts, text_accepted = text_accepted + excluded.text_accepted,
    text_staff = text_staff + excluded.text_staff;
END;

CREATE TRIGGER study_threads_unit_counts_delete AFTER DELETE ON study_threads
WHEN EXISTS (SELECT 1 FROM study_unit_counts WHERE study_id = old.study_id) BEGIN
  UPDATE study_unit_counts SET threads = threads - c.n_threads, posts = posts - c.n_posts,
    text_posts = text_posts - c.n_text, text_accepted = text_accepted - c.n_accepted, text_staff = text_staff - c.n_staff
  FROM (SELECT
      EXISTS (SELECT 1 FROM units WHERE study_id = old.study_id AND thread_id = old.thread_id AND post_id IS NULL) AS n_threads,
      count(*) AS n_posts, coalesce(sum(p.content_kind = 'text'), 0) AS n_text,
      coalesce(sum(p.content_kind = 'text' AND p.accepted_answer), 0) AS n_accepted,
      coalesce(sum(p.content_kind = 'text' AND p.author_role IS NOT NULL), 0) AS n_staff
    FROM posts p JOIN units u ON u.study_id = old.study_id AND u.post_id = p.id
    WHERE p.thread_id = old.thread_id) AS c
  WHERE study_id = old.study_id;
END;

-- A drawn post that changes what it counts for (an import re-reads its thread, words, accepted and
-- staff flags) moves in every study that drew it; one removed takes its units' share first (BEFORE:
-- the cascade removes the units before an AFTER trigger would run).
CREATE TRIGGER posts_unit_counts_update AFTER UPDATE OF thread_id, content_kind, accepted_answer, author_role ON posts
WHEN old.thread_id IS NOT new.thread_id OR old.content_kind IS NOT new.content_kind
  OR old.accepted_answer IS NOT new.accepted_answer OR (old.author_role IS NULL) IS NOT (new.author_role IS NULL) BEGIN
  UPDATE study_unit_counts SET posts = posts - 1, text_posts = text_posts - (old.content_kind = 'text'),
    text_accepted = text_accepted - (old.content_kind = 'text' AND old.accepted_answer),
    text_staff = text_staff - (old.content_kind = 'text' AND old.author_role IS NOT NULL)
  WHERE study_id IN (SELECT u.study_id FROM units u JOIN study_threads st ON st.study_id = u.study_id
    WHERE u.post_id = old.id AND st.thread_id = old.thread_id);
  UPDATE study_unit_counts SET posts = posts + 1, text_posts = text_posts + (new.content_kind = 'text'),
    text_accepted = text_accepted + (new.content_kind = 'text' AND new.accepted_answer),
    text_staff = text_staff + (new.content_kind = 'text' AND new.author_role IS NOT NULL)
  WHERE study_id IN (SELECT u.study_id FROM units u JOIN study_threads st ON st.study_id = u.study_id
    WHERE u.post_id = new.id AND st.thread_id = new.thread_id);
END;

CREATE TRIGGER posts_unit_counts_delete BEFORE DELETE ON posts BEGIN
  UPDATE study_unit_counts SET posts = posts - 1, text_posts = text_posts - (old.content_kind = 'text'),
    text_accepted = text_accepted - (old.content_kind = 'text' AND old.accepted_answer),
    text_staff = text_staff - (old.content_kind = 'text' AND old.author_role IS NOT NULL)
  WHERE study_id IN (SELECT u.study_id FROM units u JOIN study_threads st ON st.study_id = u.study_id
    WHERE u.post_id = old.id AND st.thread_id = old.thread_id);
END;
