-- Accounts an administrator manages, and sources that belong to whoever imported them.
-- is_importer: may import and collect (an instance right an administrator grants, not a
-- side effect of owning a study). disabled_at: a disabled account cannot log in and its
-- sessions end. sources.owner_id: only the owner (and administrators) re-import or collect
-- into a source, cancel its collections or read its import records.
ALTER TABLE users ADD COLUMN is_importer INTEGER NOT NULL DEFAULT 0 CHECK (is_importer IN (0, 1));
ALTER TABLE users ADD COLUMN disabled_at TEXT;
ALTER TABLE sources ADD COLUMN owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL;

-- Existing instances keep working: whoever already imported or collected keeps the right and
-- owns the sources they filled first; sources nobody is recorded for belong to administrators.
UPDATE users SET is_importer = 1
  WHERE id IN (SELECT user_id FROM imports UNION SELECT user_id FROM collections);
UPDATE sources SET owner_id = (
  SELECT user_id FROM (
    SELECT user_id, id, created_at FROM imports WHERE source_id = sources.id AND user_id IS NOT NULL
    UNION ALL
    SELECT user_id, id, created_at FROM collections WHERE source_id = sources.id AND user_id IS NOT NULL
  ) ORDER BY created_at, id LIMIT 1
);
