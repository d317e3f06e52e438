-- Accepted answers and who answered (issue 18 point 4). A thread is solved when the forum marks
-- an accepted answer (Discourse Solved: topic `accepted_answer` / `has_accepted_answer`; Stack
-- Exchange: the question's AcceptedAnswerId); `score` is a Stack Exchange question's Score.
-- A post keeps whether it is the accepted answer and its author's standing as the forum showed
-- it with the post (Discourse: admin / moderator / staff flags, primary group, title, flair,
-- trust level). Rows stored before hold the defaults until a re-import or collection updates
-- them (the content hash covers these fields, so it does).
ALTER TABLE threads ADD COLUMN solved INTEGER NOT NULL DEFAULT 0 CHECK (solved IN (0, 1));
ALTER TABLE threads ADD COLUMN score INTEGER;
ALTER TABLE posts ADD COLUMN accepted_answer INTEGER NOT NULL DEFAULT 0 CHECK (accepted_answer IN (0, 1));
-- The strongest of the author's flags: admin, else moderator, else staff; NULL for other users.
ALTER TABLE posts ADD COLUMN author_role TEXT CHECK (author_role IN ('admin', 'moderator', 'staff'));
ALTER TABLE posts ADD COLUMN author_group TEXT;
ALTER TABLE posts ADD COLUMN author_title TEXT;
ALTER TABLE posts ADD COLUMN author_flair TEXT;
ALTER TABLE posts ADD COLUMN author_trust_level INTEGER;
