// A source's forum categories (migration 013) and the labels its threads show.
import { forumCategoryLabels, type ForumCategory } from '../import/forum-category-list.ts';
import type { Db } from './open.ts';
import { writeTransaction } from './write-transaction.ts';

function storedCategories(db: Db, sourceId: number): ForumCategory[] {
  return db
    .prepare('SELECT category_id AS id, name, slug, parent_id AS parentId FROM source_categories WHERE source_id = ?')
    .all(sourceId) as ForumCategory[];
}

/** id -> label for an import into the named source: its stored categories with the dump's (which win) over them. */
export function forumCategoryLabelsFor(
  db: Db,
  sourceName: string,
  incoming: ForumCategory[] = [],
): Map<string, string> {
  const id = db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(sourceName) as number | undefined;
  const merged = new Map((id === undefined ? [] : storedCategories(db, id)).map((c) => [c.id, c]));
  for (const c of incoming) merged.set(c.id, c);
  return forumCategoryLabels([...merged.values()]);
}

/**
 * Stores the categories (new names win over stored ones) and relabels the source's threads
 * whose category is still a bare id or a label since changed. Returns the threads relabelled.
 * Call inside the caller's transaction or on its own (it opens one, nested as a savepoint).
 */
export function saveForumCategories(db: Db, sourceId: number, list: ForumCategory[]): number {
  return writeTransaction(db, () => {
    const before = new Map(
      (
        db.prepare('SELECT category_id AS id, label FROM source_categories WHERE source_id = ?').all(sourceId) as {
          id: string;
          label: string;
        }[]
      ).map((r) => [r.id, r.label]),
    );
    const merged = new Map(storedCategories(db, sourceId).map((c) => [c.id, c]));
    for (const c of list) merged.set(c.id, c);
    const labels = forumCategoryLabels([...merged.values()]);
    const upsert =
      db.prepare(`INSERT INTO source_categories (source_id, category_id, name, slug, parent_id, label) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (source_id, category_id) DO UPDATE SET name = excluded.name, slug = excluded.slug, parent_id = excluded.parent_id, label = excluded.label`);
    const relabel = db.prepare(
      'UPDATE threads SET category = @label WHERE source_id = @sourceId AND category IN (@id, @old) AND category IS NOT @label',
    );
    let changed = 0;
    for (const c of merged.values()) {
      const label = labels.get(c.id)!;
      upsert.run(sourceId, c.id, c.name, c.slug, c.parentId, label);
      changed += relabel.run({ label, sourceId, id: c.id, old: before.get(c.id) ?? c.id }).changes;
    }
    return changed;
  });
}
