-- Units whose labels a codebook split left undecided when the study moved to a newer version.
-- A split is never guessed: the old label leaves the coding (or the unit's final labels) and
-- waits here, with the parts to choose from, until its coder (or, for final labels, the
-- adjudicator) chooses or codes the unit again.
CREATE TABLE codebook_reviews (
  id           INTEGER PRIMARY KEY,
  study_id     INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  unit_id      INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  -- NULL: the unit's final labels, which the adjudicator settles.
  coder_id     INTEGER REFERENCES users(id) ON DELETE CASCADE,
  label        TEXT NOT NULL,
  label_name   TEXT NOT NULL,
  -- Codes of version_id to choose between: ["id", ...]
  choices_json TEXT NOT NULL,
  version_id   INTEGER NOT NULL REFERENCES codebook_versions(id) ON DELETE RESTRICT,
  created_at   TEXT NOT NULL,
  resolved_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  resolved_at  TEXT
);
CREATE INDEX codebook_reviews_study ON codebook_reviews(study_id, resolved_at);
CREATE INDEX codebook_reviews_unit ON codebook_reviews(unit_id);
