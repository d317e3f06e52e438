import Database from 'better-sqlite3';
import { chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, accessSync } from 'node:fs';
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

/** The files SQLite keeps for a database in WAL mode. */
const databaseFiles = (path: string) => [path, `${path}-wal`, `${path}-shm`];

/** A database that cannot be opened for writing: the server and the CLI refuse to start with this message. */
export class DatabaseUnwritableError extends Error {
  override name = 'DatabaseUnwritableError';
}

/**
 * Refuses, with a message naming the file, a database whose files (or folder) cannot be written:
 * SQLite would fail on the first write, and a read-only -shm file it maps into memory crashes
 * the process with SIGBUS instead of raising an error.
 */
function assertWritable(path: string): void {
  for (const file of [dirname(path), ...databaseFiles(path)]) {
    if (file !== dirname(path) && !existsSync(file)) continue;
    try {
      accessSync(file, constants.W_OK | constants.R_OK);
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code ?? 'not writable';
      throw new DatabaseUnwritableError(
        `The database ${file === dirname(path) ? 'folder' : 'file'} ${file} cannot be opened for writing (${why}). Threadcoder writes the database, its -wal and -shm files and their folder: make them writable by this user (and the disk not read-only), then start again.`,
      );
    }
  }
}

/**
 * Opens (creating if needed) a database with the pragmas every connection needs, then migrates it
 * and lists the import formats (import/formats.ts) the database does not know yet.
 * A new database (and so its -wal and -shm, which SQLite creates with the database's mode) is
 * readable by its owner only; existing files of ours are narrowed to that as well.
 */
export function openDb(path: string = defaultDbPath()): Db {
  if (path !== ':memory:') {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    assertWritable(path);
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
    for (const file of databaseFiles(path)) ownerOnly(file);
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db);
  registerImportFormats(db);
  return db;
}

function ownerOnly(file: string): void {
  try {
    chmodSync(file, 0o600);
  } catch {
    // Absent yet, or someone else's file: its mode is theirs to choose.
  }
}
