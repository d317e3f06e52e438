-- What a post says vs what it shows (import/zones.ts): `text` stays the poster's own words
-- (the full-text index, keyword rules, mentions, terms and suggestions read it); words of the
-- posts it quotes and of link previews / video cards are kept apart. content_kind flags posts
-- with no own words, so sampling can leave them out and the coding screen can say why.
ALTER TABLE posts ADD COLUMN quoted_text TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN preview_text TEXT NOT NULL DEFAULT '';
ALTER TABLE posts ADD COLUMN content_kind TEXT NOT NULL DEFAULT 'text'
  CHECK (content_kind IN ('text', 'empty', 'image_only', 'embed_only'));

-- Posts imported before: their text is left as it was (codings' quotes point into it), and
-- those without words are flagged from their HTML as well as can be told.
UPDATE posts SET content_kind = CASE
    WHEN html LIKE '%<img%' THEN 'image_only'
    WHEN html LIKE '%<aside%' OR html LIKE '%<div%' THEN 'embed_only'
    ELSE 'empty' END
  WHERE trim(text, ' ' || char(9, 10, 13)) = '';

-- Mention trends can count the words a post quotes too (the analysis option "with quotes"):
-- their stems are kept beside the own words' stems. Rows stemmed before hold none, as do the
-- posts they come from (quoted_text is empty for them).
ALTER TABLE post_stems ADD COLUMN quoted_stems TEXT NOT NULL DEFAULT ' ';
