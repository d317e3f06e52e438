-- Machine-assisted coding (apps/api/src/suggest): each study's latest suggestion model, trained
-- on its final labels, with its cross-validated evaluation; what coders did with suggestions;
-- and rounds the owner opens to suggestions before the coder's own first pass.
CREATE TABLE suggestion_models (
  study_id        INTEGER PRIMARY KEY REFERENCES studies(id) ON DELETE CASCADE,
  -- Counts up with every retraining, so feedback says which model made the suggestion.
  version         INTEGER NOT NULL,
  trained_at      TEXT NOT NULL,
  -- Labelled units the model was trained on.
  label_count     INTEGER NOT NULL,
  model           BLOB NOT NULL,
  evaluation_json TEXT NOT NULL
);

CREATE TABLE suggestion_feedback (
  id            INTEGER PRIMARY KEY,
  study_id      INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  unit_id       INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_id       TEXT NOT NULL,
  score         REAL NOT NULL,
  decision      TEXT NOT NULL CHECK (decision IN ('accepted', 'rejected')),
  model_version INTEGER NOT NULL,
  created_at    TEXT NOT NULL
);
CREATE INDEX suggestion_feedback_unit ON suggestion_feedback(unit_id, decision);
CREATE INDEX suggestion_feedback_study ON suggestion_feedback(study_id, created_at);

-- An assisted round shows suggestions before the coder's first pass; its units count as assisted in agreement.
ALTER TABLE rounds ADD COLUMN assisted INTEGER NOT NULL DEFAULT 0 CHECK (assisted IN (0, 1));
