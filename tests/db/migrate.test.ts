import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { listMigrations, migrate } from '../../apps/api/src/db/migrate.ts';
import { openDb } from '../../apps/api/src/db/open.ts';

describe('migrations', () => {
  test('run once and are recorded', () => {
    const db = new Database(':memory:');
    const shipped = listMigrations().map((m) => m.version);
    expect(shipped[0]).toBe(1);
    expect(migrate(db)).toEqual(shipped);
    expect(migrate(db)).toEqual([]);
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
      version: number;
      name: string;
    }[];
    expect(rows.map((r) => r.version)).toEqual(shipped);
    expect(rows[0]!.name).toBe('001_initial');
  });

  test('refuses a database whose applied migration was edited', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-mig-'));
    writeFileSync(join(dir, '001_first.sql'), 'CREATE TABLE a (x INTEGER);');
    const db = new Database(':memory:');
    migrate(db, listMigrations(dir));
    writeFileSync(join(dir, '001_first.sql'), 'CREATE TABLE a (x INTEGER, y TEXT);');
    expect(() => migrate(db, listMigrations(dir))).toThrow(
      'Migration 001_first was changed after it was applied; restore the original file.',
    );
  });

  test('refuses a database with a migration this build does not know', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-mig-'));
    writeFileSync(join(dir, '001_first.sql'), 'CREATE TABLE a (x INTEGER);');
    writeFileSync(join(dir, '002_second.sql'), 'CREATE TABLE b (x INTEGER);');
    const db = new Database(':memory:');
    migrate(db, listMigrations(dir));
    const older = listMigrations(dir).slice(0, 1);
    expect(() => migrate(db, older)).toThrow(
      'Database has migration 002_second that this build does not know; upgrade Threadcoder.',
    );
  });

  test('a failing migration leaves nothing half-applied', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-mig-'));
    writeFileSync(join(dir, '001_bad.sql'), 'CREATE TABLE a (x INTEGER); CREATE TABLE a (y INTEGER);');
    const db = new Database(':memory:');
    expect(() => migrate(db, listMigrations(dir))).toThrow('table a already exists');
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'a'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM schema_migrations').pluck().get()).toBe(0);
  });

  test('openDb sets WAL, foreign keys and a busy timeout', () => {
    const db = openDb(join(mkdtempSync(join(tmpdir(), 'tc-open-')), 'x.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    db.close();
  });
});
