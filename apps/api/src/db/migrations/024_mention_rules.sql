-- Issue #19: matching rules per keyword group (words/match-rules.ts): how its terms match
-- (stemmed words, whole words as written, word beginnings, anywhere), case, and whether quoted
-- text and link previews count. Existing groups keep the rule they were counted with.
ALTER TABLE keyword_groups ADD COLUMN rules_json TEXT NOT NULL
  DEFAULT '{"mode":"stemmed","caseSensitive":false,"quotes":false,"previews":false}';

-- Besides the stems, each zone of a post (own words, quoted words, link previews) keeps its
-- tokens unstemmed, lower-cased (words) and as written (cased), space-wrapped like the stems,
-- so every rule is an instr() away (words/mention-matcher.ts). The table is a cache: it is
-- emptied so the next analysis fills the new columns.
ALTER TABLE post_stems ADD COLUMN words TEXT NOT NULL DEFAULT ' ';
ALTER TABLE post_stems ADD COLUMN cased TEXT NOT NULL DEFAULT ' ';
ALTER TABLE post_stems ADD COLUMN quoted_words TEXT NOT NULL DEFAULT ' ';
ALTER TABLE post_stems ADD COLUMN quoted_cased TEXT NOT NULL DEFAULT ' ';
ALTER TABLE post_stems ADD COLUMN preview_stems TEXT NOT NULL DEFAULT ' ';
ALTER TABLE post_stems ADD COLUMN preview_words TEXT NOT NULL DEFAULT ' ';
ALTER TABLE post_stems ADD COLUMN preview_cased TEXT NOT NULL DEFAULT ' ';
DELETE FROM post_stems;

-- Hub card details on request (hub/card-details.ts): a model whose listing entry did not say
-- whether it has a card (no file list) or card metadata (no cardData beside a README) is due
-- for one request to /api/models/{id} when the run asks for card details; card_checked_at says
-- when that answer was stored. The partial indexes find and count a run's due and checked models
-- without reading each of its models (a run's progress is read after every page).
ALTER TABLE hub_models ADD COLUMN card_details_due INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hub_models ADD COLUMN card_checked_at TEXT;
CREATE INDEX hub_models_card_due ON hub_models (collection_id, id) WHERE card_details_due = 1;
CREATE INDEX hub_models_card_checked ON hub_models (collection_id) WHERE card_checked_at IS NOT NULL;
