-- The suggestion model's uncertainty about each unit (suggest/uncertainty.ts), stored per model
-- version when first asked for, so "Most uncertain first" pages a coder's units in SQL instead of
-- scoring and sending all of them (suggest/uncertainty-ranking.ts).
CREATE TABLE unit_uncertainty (
  unit_id       INTEGER PRIMARY KEY REFERENCES units(id) ON DELETE CASCADE,
  model_version INTEGER NOT NULL,
  uncertainty   REAL NOT NULL
);
