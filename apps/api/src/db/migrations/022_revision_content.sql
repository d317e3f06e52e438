-- Revisions keep the post content columns of migration 012 too (db/revisions.ts POST_CONTENT):
-- the words a post quotes, its link previews' words and its content kind, as they were at
-- each revision, so a unit read at a coded revision shows them as coded.
ALTER TABLE post_revisions ADD COLUMN quoted_text TEXT NOT NULL DEFAULT '';
ALTER TABLE post_revisions ADD COLUMN preview_text TEXT NOT NULL DEFAULT '';
ALTER TABLE post_revisions ADD COLUMN content_kind TEXT NOT NULL DEFAULT 'text'
  CHECK (content_kind IN ('text', 'empty', 'image_only', 'embed_only'));

-- Revisions stored before: each post's newest revision is its content as stored now and takes
-- the post's columns; older ones keep the defaults (nothing was kept apart from their text then).
UPDATE post_revisions SET (quoted_text, preview_text, content_kind) =
  (SELECT p.quoted_text, p.preview_text, p.content_kind FROM posts p WHERE p.id = post_revisions.post_id)
  WHERE revision = (SELECT max(r.revision) FROM post_revisions r WHERE r.post_id = post_revisions.post_id);
