-- Draws are idempotent: the form sends a draw id, and the same id again answers the first draw's result.
CREATE TABLE draw_requests (
  study_id      INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  draw_id       TEXT NOT NULL,
  request_json  TEXT NOT NULL,
  response_json TEXT NOT NULL,
  created_at    TEXT NOT NULL,
  PRIMARY KEY (study_id, draw_id)
) WITHOUT ROWID;

-- Two tabs or devices of one coder must not overwrite each other unseen: a save names the version
-- of the coding it was based on, and a save based on an older one is refused (409).
ALTER TABLE codings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- Adjudication without closing for good: a unit every assigned coder has coded is handed over
-- (its labels become final where the coders agree, it enters adjudication where they do not)
-- when its round closes or, earlier, when an adjudicator starts on a still open round. A handed
-- over unit's codings no longer change, even if its round is reopened.
ALTER TABLE units ADD COLUMN handed_over_at TEXT;
UPDATE units SET handed_over_at = (SELECT coalesce(r.closed_at, r.created_at) FROM rounds r WHERE r.id = units.round_id)
WHERE round_id IN (SELECT id FROM rounds WHERE status = 'closed')
  AND NOT EXISTS (
    SELECT 1 FROM assignments a WHERE a.unit_id = units.id
      AND NOT EXISTS (SELECT 1 FROM codings c WHERE c.unit_id = units.id AND c.coder_id = a.user_id));
