import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerImportFormats } from './import-formats.ts';
import { migrate } from './migrate.ts';

export type Db = Database.Database;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The database file: THREADCODER_DB, else data/threadcoder.db in the repository. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.THREADCODER_DB ? resolve(env.THREADCODER_DB) : resolve(repoRoot, 'data/threadcoder.db');
}

/** Opens (creating if needed) a database with the pragmas every connection needs, then migrates it and lists the import formats. */
export function openDb(path: string = defaultDbPath()): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  registerImportFormats(db);
  return db;
}
