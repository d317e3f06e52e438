-- Issue #19: matching rules per keyword group (analysis/match-rules.ts): how its terms match
-- (stemmed words, whole words as written, word beginnings, anywhere), case, and whether quoted
-- text and link previews count. Existing groups keep the rule they were counted with.
ALTER TABLE keyword_groups ADD COLUMN rules_json TEXT NOT NULL
  DEFAULT '{"mode":"stemmed","caseSensitive":false,"quotes":false,"previews":false}';

-- Besides the stems, each zone of a post (own words, quoted words, link previews) keeps its
-- tokens unstemmed, lower-cased (words) and as written (cased), space-wrapped like the stems,
-- so every rule is an instr() away (analysis/mention-matcher.ts). The table is a cache: it is
-- emptied so the next analysis fills the new columns.
ALTER TABLE post_stems ADD COLUMN words TEXT NOT NULL DEFAULT ' ';
ALTER TABLE post_stems ADD COLUMN cased TEXT NOT NULL DEFAULT ' ';
ALTER TABLE post_stems ADD COLUMN quoted_words TEXT NOT NULL DEFAULT ' ';
ALTER TABLE post_stems ADD COLUMN quoted_cased TEXT NOT NULL DEFAULT ' ';
ALTER TABLE post_stems ADD COLUMN preview_stems TEXT NOT NULL DEFAULT ' ';
ALTER TABLE post_stems ADD COLUMN preview_words TEXT NOT NULL DEFAULT ' ';
ALTER TABLE post_stems ADD COLUMN preview_cased TEXT NOT NULL DEFAULT ' ';
DELETE FROM post_stems;
