import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { writeTransaction } from './write-transaction.ts';

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** The migrations shipped with this build, in order: files named NNN_name.sql. */
export function listMigrations(dir = migrationsDir): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 3)),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/**
 * Applies pending migrations, each in its own transaction, and records them.
 * Refuses a database whose applied migrations differ from this build's list
 * (edited, missing or unknown), since running on it could corrupt data.
 * Foreign keys are off meanwhile, so a migration can rebuild a table (create, copy, drop,
 * rename: SQLite's recipe) without the drop cascading to the rows that reference it; each
 * migration checks them before it commits instead.
 */
export function migrate(db: Database.Database, migrations = listMigrations()): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    checksum: string;
  }[];
  for (const row of applied) {
    const known = migrations.find((m) => m.version === row.version);
    if (!known)
      throw new Error(`Database has migration ${row.name} that this build does not know; upgrade Threadcoder.`);
    if (known.checksum !== row.checksum) {
      throw new Error(`Migration ${row.name} was changed after it was applied; restore the original file.`);
    }
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)');
  const done = new Set(applied.map((r) => r.version));
  const ran: number[] = [];
  const pending = migrations.filter((m) => !done.has(m.version));
  if (pending.length === 0) return ran;
  // Foreign keys off while migrating (rebuilding a table: dropping the old copy must not cascade
  // into its children), checked before each commits; the pragma cannot change inside a transaction.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    for (const m of pending) {
      writeTransaction(db, () => {
        db.exec(m.sql);
        const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
        if (broken.length > 0) {
          const first = broken[0]!;
          throw new Error(
            `Migration ${m.name} leaves ${broken.length} rows whose foreign keys point nowhere, e.g. ${first.table} row ${first.rowid} (-> ${first.parent}).`,
          );
        }
        record.run(m.version, m.name, m.checksum, new Date().toISOString());
      });
      ran.push(m.version);
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys === 1 ? 'ON' : 'OFF'}`);
  }
  return ran;
}
