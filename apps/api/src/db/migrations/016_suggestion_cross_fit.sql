-- Cross-fitted suggestion models (apps/api/src/suggest/cross-fit.ts): fold f's model was trained
-- without the labelled units of fold f, and scores them and the units sharing their thread or
-- text (fold_routes_json). A model stored before this has no folds: it was trained on the labels
-- it would score, so it is not served, and the study is trained again when next asked.
ALTER TABLE suggestion_models ADD COLUMN fold_routes_json TEXT;

CREATE TABLE suggestion_fold_models (
  study_id INTEGER NOT NULL REFERENCES suggestion_models(study_id) ON DELETE CASCADE,
  fold     INTEGER NOT NULL,
  model    BLOB NOT NULL,
  PRIMARY KEY (study_id, fold)
);
