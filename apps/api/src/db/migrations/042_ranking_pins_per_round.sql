-- A ranking's pin keeps its version's scores for the units of its own round (suggest/ranking-pins.ts),
-- looked up by the pin's primary key (round_id, coder_id): the per-study index 037 made is no longer read.
DROP INDEX uncertainty_rankings_study;
