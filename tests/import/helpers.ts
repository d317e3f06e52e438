// Shared setup for the import tests: fixture paths, a fresh database, row counts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb, type Db } from '../../apps/api/src/db/open.ts';
import { ImportError } from '../../apps/api/src/import/errors.ts';
import { runImportFile, type ImportOptions } from '../../apps/api/src/import/run.ts';

export const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

export function freshDb(): Db {
  return openDb(':memory:');
}

export function counts(db: Db): { sources: number; threads: number; posts: number } {
  const n = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  return { sources: n('sources'), threads: n('threads'), posts: n('posts') };
}

export function importFixture(db: Db, name: string, options: Partial<ImportOptions> = {}) {
  return runImportFile(db, fixture(name), { source: 'forum', ...options });
}

/** Runs an import expected to fail and returns its ImportError. */
export async function importError(db: Db, name: string, options: Partial<ImportOptions> = {}): Promise<ImportError> {
  const err = await importFixture(db, name, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof ImportError)) throw new Error(`expected an ImportError, got ${String(err)}`);
  return err;
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'threadcoder-import-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
