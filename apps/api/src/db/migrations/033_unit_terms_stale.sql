-- Coded units whose own-words token counts (unit_terms, quotes = 0) are missing or were dropped,
-- for the background catch-up (db/unit-terms.ts catchUpUnitTerms) to make before anyone asks for
-- distinctive terms, so the first request reads them instead of tokenizing every unit. Listed when
-- a coding is added or removed (that decides the revision a unit is analysed at) and when kept
-- counts are dropped (an edit in place). No foreign key: a deleted unit's id is simply unlisted.
CREATE TABLE unit_terms_stale (unit_id INTEGER PRIMARY KEY);
INSERT INTO unit_terms_stale (unit_id)
  SELECT DISTINCT c.unit_id FROM codings c
  WHERE NOT EXISTS (SELECT 1 FROM unit_terms t WHERE t.unit_id = c.unit_id AND t.quotes = 0);
CREATE TRIGGER codings_unit_terms_stale_insert AFTER INSERT ON codings BEGIN
  INSERT OR IGNORE INTO unit_terms_stale (unit_id) VALUES (new.unit_id);
END;
CREATE TRIGGER codings_unit_terms_stale_delete AFTER DELETE ON codings BEGIN
  INSERT OR IGNORE INTO unit_terms_stale (unit_id) VALUES (old.unit_id);
END;
CREATE TRIGGER unit_terms_stale_dropped AFTER DELETE ON unit_terms WHEN old.quotes = 0 BEGIN
  INSERT OR IGNORE INTO unit_terms_stale (unit_id) VALUES (old.unit_id);
END;
