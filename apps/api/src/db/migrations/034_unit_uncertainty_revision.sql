-- A unit's stored uncertainty holds for the text the model read: the unit's revision when it was
-- scored (revisions.ts currentUnitRevisionSql). A re-import that edits the unit makes a new revision,
-- and the unit is scored again. Rows stored before this read as revision 0, and are scored again.
ALTER TABLE unit_uncertainty ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
