import { importFormats } from '../import/formats.ts';
import type { Db } from './open.ts';
import { writeTransaction } from './write-transaction.ts';

/**
 * Lists the import formats this build knows in import_formats, which sources.kind and
 * imports.format reference: a format added to import/formats.ts needs no migration. Formats
 * are never removed, since stored sources and imports may still name them. Writes only when
 * one is missing, so opening a connection does not wait for another's write lock.
 */
export function registerImportFormats(db: Db, formats: readonly string[] = importFormats): void {
  const known = new Set(db.prepare('SELECT name FROM import_formats').pluck().all());
  const missing = formats.filter((name) => !known.has(name));
  if (missing.length === 0) return;
  const add = db.prepare('INSERT OR IGNORE INTO import_formats (name) VALUES (?)');
  writeTransaction(db, () => {
    for (const name of missing) add.run(name);
  });
}
