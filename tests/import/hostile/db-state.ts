// What "nothing written" is checked against: row counts of every table an import writes,
// the full-text indexes included.
import type { Db } from '../../../apps/api/src/db/open.ts';

const TABLES = [
  'sources',
  'threads',
  'thread_tags',
  'posts',
  'posts_fts_docsize',
  'threads_fts_docsize',
  'posts_unindexed',
  'threads_unindexed',
];

export function rowCounts(db: Db): Record<string, number> {
  const present = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const out: Record<string, number> = {};
  for (const table of TABLES)
    if (present.has(table)) out[table] = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return out;
}

/** Rows changed through this connection since it opened: unchanged means not even an UPDATE ran. */
export const totalChanges = (db: Db) => db.prepare('SELECT total_changes()').pluck().get() as number;
