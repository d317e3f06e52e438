-- Issue #20 (sampling at 500,000 posts). The sampling population is counted from kept counts
-- instead of every post of the selected threads (db/population.ts), and a draw reads one row per
-- thread and month instead of one per post (db/population-cells.ts).

-- Each thread's posts per month (substr(created_at, 1, 7), the month stratum), by what a draw may
-- take: any post, posts with words of their own (content_kind 'text'), accepted answers and posts
-- by forum staff (author_role set), each with and without words. Kept by the triggers below.
CREATE TABLE thread_post_counts (
  thread_id     INTEGER NOT NULL,
  month         TEXT NOT NULL,
  posts         INTEGER NOT NULL,
  text_posts    INTEGER NOT NULL,
  accepted      INTEGER NOT NULL,
  text_accepted INTEGER NOT NULL,
  staff         INTEGER NOT NULL,
  text_staff    INTEGER NOT NULL,
  PRIMARY KEY (thread_id, month)
) WITHOUT ROWID;
INSERT INTO thread_post_counts
  SELECT thread_id, substr(created_at, 1, 7), count(*), sum(content_kind = 'text'), sum(accepted_answer),
    sum(content_kind = 'text' AND accepted_answer), sum(author_role IS NOT NULL),
    sum(content_kind = 'text' AND author_role IS NOT NULL)
  FROM posts GROUP BY 1, 2;

-- The counts the population shows, summed over each study's selected threads (and how many threads
-- it selected), so the population is a few rows. A study's units are subtracted when it is read (they are few).
CREATE TABLE study_post_counts (
  study_id      INTEGER PRIMARY KEY REFERENCES studies(id) ON DELETE CASCADE,
  threads       INTEGER NOT NULL,
  posts         INTEGER NOT NULL,
  text_posts    INTEGER NOT NULL,
  text_accepted INTEGER NOT NULL,
  text_staff    INTEGER NOT NULL
);
INSERT INTO study_post_counts
  SELECT st.study_id, count(DISTINCT st.thread_id), coalesce(sum(c.posts), 0), coalesce(sum(c.text_posts), 0),
    coalesce(sum(c.text_accepted), 0), coalesce(sum(c.text_staff), 0)
  FROM study_threads st LEFT JOIN thread_post_counts c ON c.thread_id = st.thread_id GROUP BY st.study_id;

-- A post's triggers find the studies that select its thread.
CREATE INDEX study_threads_thread ON study_threads(thread_id);

-- A post added, removed, or changed in what it counts for (its thread, month, words, accepted,
-- staff) moves its counts, in its thread's row and in every study selecting that thread.
CREATE TRIGGER posts_population_insert AFTER INSERT ON posts BEGIN
  INSERT INTO thread_post_counts
  VALUES (new.thread_id, substr(new.created_at, 1, 7), 1, new.content_kind = 'text', new.accepted_answer,
    new.content_kind = 'text' AND new.accepted_answer, new.author_role IS NOT NULL,
    new.content_kind = 'text' AND new.author_role IS NOT NULL)
  ON CONFLICT DO UPDATE SET posts = posts + 1, text_posts = text_posts + excluded.text_posts,
    accepted = accepted + excluded.accepted, text_accepted = text_accepted + excluded.text_accepted,
    staff = staff + excluded.staff, text_staff = text_staff + excluded.text_staff;
  UPDATE study_post_counts SET posts = posts + 1, text_posts = text_posts + (new.content_kind = 'text'),
    text_accepted = text_accepted + (new.content_kind = 'text' AND new.accepted_answer),
    text_staff = text_staff + (new.content_kind = 'text' AND new.author_role IS NOT NULL)
  WHERE study_id IN (SELECT study_id FROM study_threads WHERE thread_id = new.thread_id);
END;

CREATE TRIGGER posts_population_delete AFTER DELETE ON posts BEGIN
  UPDATE thread_post_counts SET posts = posts - 1, text_posts = text_posts - (old.content_kind = 'text'),
    accepted = accepted - old.accepted_answer, text_accepted = text_accepted - (old.content_kind = 'text' AND old.accepted_answer),
    staff = staff - (old.author_role IS NOT NULL), text_staff = text_staff - (old.content_kind = 'text' AND old.author_role IS NOT NULL)
  WHERE thread_id = old.thread_id AND month = substr(old.created_at, 1, 7);
  DELETE FROM thread_post_counts WHERE thread_id = old.thread_id AND month = substr(old.created_at, 1, 7) AND posts = 0;
  UPDATE study_post_counts SET posts = posts - 1, text_posts = text_posts - (old.content_kind = 'text'),
    text_accepted = text_accepted - (old.content_kind = 'text' AND old.accepted_answer),
    text_staff = text_staff - (old.content_kind = 'text' AND old.author_role IS NOT NULL)
  WHERE study_id IN (SELECT study_id FROM study_threads WHERE thread_id = old.thread_id);
END;

-- Only a change to what the post counts for moves it (an import rewrites every column it updates).
CREATE TRIGGER posts_population_update AFTER UPDATE OF thread_id, created_at, content_kind, accepted_answer, author_role ON posts
WHEN old.thread_id IS NOT new.thread_id OR substr(old.created_at, 1, 7) IS NOT substr(new.created_at, 1, 7)
  OR old.content_kind IS NOT new.content_kind OR old.accepted_answer IS NOT new.accepted_answer
  OR (old.author_role IS NULL) IS NOT (new.author_role IS NULL)
BEGIN
  UPDATE thread_post_counts SET posts = posts - 1, text_posts = text_posts - (old.content_kind = 'text'),
    accepted = accepted - old.accepted_answer, text_accepted = text_accepted - (old.content_kind = 'text' AND old.accepted_answer),
    staff = staff - (old.author_role IS NOT NULL), text_staff = text_staff - (old.content_kind = 'text' AND old.author_role IS NOT NULL)
  WHERE thread_id = old.thread_id AND month = substr(old.created_at, 1, 7);
  DELETE FROM thread_post_counts WHERE thread_id = old.thread_id AND month = substr(old.created_at, 1, 7) AND posts = 0;
  UPDATE study_post_counts SET posts = posts - 1, text_posts = text_posts - (old.content_kind = 'text'),
    text_accepted = text_accepted - (old.content_kind = 'text' AND old.accepted_answer),
    text_staff = text_staff - (old.content_kind = 'text' AND old.author_role IS NOT NULL)
  WHERE study_id IN (SELECT study_id FROM study_threads WHERE thread_id = old.thread_id);
  INSERT INTO thread_post_counts
  VALUES (new.thread_id, substr(new.created_at, 1, 7), 1, new.content_kind = 'text', new.accepted_answer,
    new.content_kind = 'text' AND new.accepted_answer, new.author_role IS NOT NULL,
    new.content_kind = 'text' AND new.author_role IS NOT NULL)
  ON CONFLICT DO UPDATE SET posts = posts + 1, text_posts = text_posts + excluded.text_posts,
    accepted = accepted + excluded.accepted, text_accepted = text_accepted + excluded.text_accepted,
    staff = staff + excluded.staff, text_staff = text_staff + excluded.text_staff;
  UPDATE study_post_counts SET posts = posts + 1, text_posts = text_posts + (new.content_kind = 'text'),
    text_accepted = text_accepted + (new.content_kind = 'text' AND new.accepted_answer),
    text_staff = text_staff + (new.content_kind = 'text' AND new.author_role IS NOT NULL)
  WHERE study_id IN (SELECT study_id FROM study_threads WHERE thread_id = new.thread_id);
END;

-- A thread selected into a study, or taken out of it, adds or subtracts its counts.
CREATE TRIGGER study_threads_population_insert AFTER INSERT ON study_threads BEGIN
  INSERT INTO study_post_counts
  SELECT new.study_id, 1, coalesce(sum(posts), 0), coalesce(sum(text_posts), 0), coalesce(sum(text_accepted), 0),
    coalesce(sum(text_staff), 0)
  FROM thread_post_counts WHERE thread_id = new.thread_id
  ON CONFLICT DO UPDATE SET threads = threads + 1, posts = posts + excluded.posts,
    text_posts = text_posts + excluded.text_posts, text_accepted = text_accepted + excluded.text_accepted,
    text_staff = text_staff + excluded.text_staff;
END;

CREATE TRIGGER study_threads_population_delete AFTER DELETE ON study_threads BEGIN
  UPDATE study_post_counts SET threads = threads - 1, posts = posts - c.n, text_posts = text_posts - c.text_n,
    text_accepted = text_accepted - c.accepted_n, text_staff = text_staff - c.staff_n
  FROM (SELECT coalesce(sum(posts), 0) AS n, coalesce(sum(text_posts), 0) AS text_n,
      coalesce(sum(text_accepted), 0) AS accepted_n, coalesce(sum(text_staff), 0) AS staff_n
    FROM thread_post_counts WHERE thread_id = old.thread_id) AS c
  WHERE study_id = old.study_id;
END;
