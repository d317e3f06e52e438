-- "Most uncertain first" keeps one ranking in the order of the model version it began with
-- (suggest/uncertainty-ranking.ts): a unit's uncertainty is kept per model version, not
-- overwritten by a retrained model, and each coder's latest ranking per round pins its version,
-- so an older version's scores are kept while a ranking can still page through them.
CREATE TABLE unit_uncertainty_by_version (
  unit_id       INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  model_version INTEGER NOT NULL,
  -- The study's, so pruning a study's old versions reads an index instead of all its units.
  study_id      INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  revision      INTEGER NOT NULL,
  uncertainty   REAL NOT NULL,
  PRIMARY KEY (unit_id, model_version)
) WITHOUT ROWID;
INSERT INTO unit_uncertainty_by_version (unit_id, model_version, study_id, revision, uncertainty)
  SELECT uu.unit_id, uu.model_version, u.study_id, uu.revision, uu.uncertainty
  FROM unit_uncertainty uu JOIN units u ON u.id = uu.unit_id;
DROP TABLE unit_uncertainty;
ALTER TABLE unit_uncertainty_by_version RENAME TO unit_uncertainty;
CREATE INDEX unit_uncertainty_study_version ON unit_uncertainty (study_id, model_version);

-- The model version of each coder's latest ranking in a round: a fresh ranking replaces it.
CREATE TABLE uncertainty_rankings (
  round_id      INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
  coder_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  study_id      INTEGER NOT NULL REFERENCES studies(id) ON DELETE CASCADE,
  model_version INTEGER NOT NULL,
  ranked_at     TEXT NOT NULL,
  PRIMARY KEY (round_id, coder_id)
) WITHOUT ROWID;
CREATE INDEX uncertainty_rankings_study ON uncertainty_rankings (study_id, model_version);
