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
