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

-- A keyword rule may match quoted words too (its "withQuotes" option): a full-text index of
-- quoted_text. Invariant: a post is in it exactly when its quoted_text is not empty. The
-- import adds new posts' rows itself (import/store.ts: an AFTER INSERT trigger would make
-- every insert a savepoint, see migration 005); changes and deletes keep it by trigger.
CREATE VIRTUAL TABLE posts_quoted_fts USING fts5(quoted_text, content='posts', content_rowid='id', tokenize='porter unicode61');
CREATE TRIGGER posts_quoted_fts_update AFTER UPDATE OF quoted_text ON posts BEGIN
  INSERT INTO posts_quoted_fts (posts_quoted_fts, rowid, quoted_text) SELECT 'delete', old.id, old.quoted_text WHERE old.quoted_text <> '';
  INSERT INTO posts_quoted_fts (rowid, quoted_text) SELECT new.id, new.quoted_text WHERE new.quoted_text <> '';
END;
CREATE TRIGGER posts_quoted_fts_delete AFTER DELETE ON posts WHEN old.quoted_text <> '' BEGIN
  INSERT INTO posts_quoted_fts (posts_quoted_fts, rowid, quoted_text) VALUES ('delete', old.id, old.quoted_text);
END;
