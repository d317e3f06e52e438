-- A ranking's pin keeps its version's scores for the units of its own round (suggest/ranking-pins.ts),
-- looked up by the pin's primary key (round_id, coder_id): the per-study index 037 made is no longer read.
DROP INDEX uncertainty_rankings_study;

-- When each score was stored: a ranking reads only the scores stored by the time it began (db/units.ts),
-- so a unit scored while its pages are read keeps out of the places already seen. Scores stored
-- before this migration count as stored before any ranking.
ALTER TABLE unit_uncertainty ADD COLUMN scored_at TEXT NOT NULL DEFAULT '';
