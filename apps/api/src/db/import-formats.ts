import { importFormats } from '../import/formats.ts';
import type { Db } from './open.ts';

/**
 * Lists the import formats this build knows in import_formats, which sources.kind and
 * imports.format reference: a format added to import/formats.ts needs no migration. Formats
 * are never removed, since stored sources and imports may still name them.
 */
export function registerImportFormats(db: Db, formats: readonly string[] = importFormats): void {
  const add = db.prepare('INSERT OR IGNORE INTO import_formats (name) VALUES (?)');
  db.transaction(() => {
    for (const name of formats) add.run(name);
  })();
}
