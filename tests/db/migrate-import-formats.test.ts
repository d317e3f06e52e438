// Migration 021 moves the import formats from CHECK constraints to the import_formats table:
// it rebuilds sources and imports keeping every row, and a format added to the list in
// import/formats.ts can then be stored without a migration.
import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { registerImportFormats } from '../../apps/api/src/db/import-formats.ts';
import { listMigrations, migrate } from '../../apps/api/src/db/migrate.ts';
import { openDb } from '../../apps/api/src/db/open.ts';
import { importFormats } from '../../apps/api/src/import/formats.ts';

const at = '2024-01-01T00:00:00.000Z';

function addSource(db: Database.Database, id: number, kind: string) {
  db.prepare('INSERT INTO sources (id, name, kind, created_at) VALUES (?, ?, ?, ?)').run(id, `forum ${id}`, kind, at);
  db.prepare('INSERT INTO imports (source_id, source_name, filename, format, created_at) VALUES (?, ?, ?, ?, ?)').run(
    id,
    `forum ${id}`,
    `dump ${id}`,
    kind,
    at,
  );
}

describe('import formats', () => {
  test('migration 021 keeps every source, import and the rows that reference them', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = listMigrations();
    migrate(
      db,
      all.filter((m) => m.version < 21),
    );
    db.exec(`
      INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (1, 'cora', 'Cora', 'x', '${at}');
      INSERT INTO sources (id, name, kind, base_url, created_at, owner_id) VALUES (3, 'hf', 'discourse', 'https://discuss.huggingface.co', '${at}', 1);
      INSERT INTO sources (id, name, kind, created_at) VALUES (4, 'so', 'stackexchange', '${at}');
      INSERT INTO imports (id, source_id, source_name, user_id, filename, format, mode, status, report_json, created_at)
        VALUES (5, 3, 'hf', 1, 'topics.json', 'discourse', 'lenient', 'succeeded', '{"format":"discourse"}', '${at}');
      INSERT INTO imports (id, source_id, source_name, filename, format, created_at) VALUES (6, 4, 'so', 'Posts.xml', 'stackexchange', '${at}');
      INSERT INTO threads (id, source_id, external_id, title, created_at, import_id) VALUES (1, 3, '2001', 'Push a dataset', '${at}', 5);
      INSERT INTO posts (id, source_id, thread_id, external_id, post_number, created_at, html, text, content_hash)
        VALUES (7, 3, 1, '60002', 2, '${at}', '<p>Use push_to_hub().</p>', 'Use push_to_hub().', 'h1');`);

    expect(migrate(db, all)).toEqual(all.filter((m) => m.version >= 21).map((m) => m.version));
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id, name, kind, base_url FROM sources ORDER BY id').raw().all()).toEqual([
      [3, 'hf', 'discourse', 'https://discuss.huggingface.co'],
      [4, 'so', 'stackexchange', null],
    ]);
    expect(
      db.prepare('SELECT id, source_id, user_id, filename, format, mode, status, report_json FROM imports').raw().all(),
    ).toEqual([
      [5, 3, 1, 'topics.json', 'discourse', 'lenient', 'succeeded', '{"format":"discourse"}'],
      [6, 4, null, 'Posts.xml', 'stackexchange', 'strict', 'queued', null],
    ]);
    expect(db.prepare('SELECT id, source_id, import_id FROM threads').raw().all()).toEqual([[1, 3, 5]]);
    expect(db.prepare('SELECT id, thread_id FROM posts').raw().all()).toEqual([[7, 1]]);
    // The rebuilt tables keep their keys: deleting a source still deletes its imports.
    db.prepare('DELETE FROM sources WHERE id = 4').run();
    expect(db.prepare('SELECT id FROM imports').pluck().all()).toEqual([5]);
  });

  test('every format of the list can be stored, and no other', () => {
    const db = openDb(join(mkdtempSync(join(tmpdir(), 'tc-formats-')), 'x.db'));
    for (const [i, format] of importFormats.entries()) addSource(db, i + 1, format);
    expect(db.prepare('SELECT kind FROM sources ORDER BY id').pluck().all()).toEqual([...importFormats]);
    expect(db.prepare('SELECT format FROM imports ORDER BY id').pluck().all()).toEqual([...importFormats]);
    expect(() => addSource(db, 99, 'mbox')).toThrow('FOREIGN KEY constraint failed');
    db.close();
  });

  test('a format added to the list is stored without a migration', () => {
    const db = openDb(join(mkdtempSync(join(tmpdir(), 'tc-formats-')), 'x.db'));
    registerImportFormats(db, [...importFormats, 'mbox']);
    addSource(db, 1, 'mbox');
    expect(db.prepare('SELECT format FROM imports').pluck().all()).toEqual(['mbox']);
    db.close();
  });
});

describe('migrations and foreign keys', () => {
  test('a migration that leaves a dangling foreign key is rolled back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tc-mig-'));
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE a (id INTEGER PRIMARY KEY); CREATE TABLE b (a_id INTEGER REFERENCES a(id));');
    writeFileSync(join(dir, '001_bad.sql'), 'INSERT INTO b (a_id) VALUES (42);');
    expect(() => migrate(db, listMigrations(dir))).toThrow(
      'Migration 001_bad leaves 1 rows whose foreign keys point nowhere, e.g. b row 1 (-> a).',
    );
    expect(db.prepare('SELECT count(*) FROM b').pluck().get()).toBe(0);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
