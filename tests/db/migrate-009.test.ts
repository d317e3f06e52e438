// Migration 009 rebuilds imports and collections (source_id may be NULL until something is
// stored). On a database that already has data, nothing may be lost: threads keep their import,
// runs keep their topics, and whoever imported keeps the right to and owns their sources.
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { listMigrations, migrate } from '../../apps/api/src/db/migrate.ts';

test('a database from before 009 keeps every import, collection and link, and gains owners and importers', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(
    db,
    listMigrations().filter((m) => m.version < 9),
  );
  db.exec(`
    INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES
      (1, 'ivan', 'Ivan', 'x', '2024-01-01'), (2, 'cora', 'Cora', 'x', '2024-01-01');
    INSERT INTO sources (id, name, kind, created_at) VALUES (5, 'HF', 'discourse', '2024-01-01'), (6, 'SE', 'stackexchange', '2024-01-01');
    INSERT INTO imports (id, source_id, user_id, filename, format, status, created_at) VALUES (9, 6, 1, 'Posts.xml', 'stackexchange', 'succeeded', '2024-01-02');
    INSERT INTO threads (id, source_id, external_id, title, created_at, import_id) VALUES (70, 6, 'q1', 'A question', '2024-01-01', 9);
    INSERT INTO collections (id, source_id, user_id, forum_url, options_json, resume_key, status, report_json, created_at, updated_at)
      VALUES (3, 5, 1, 'https://discuss.huggingface.co', '{"rate":1}', '[5,"https://discuss.huggingface.co",null,null,null,null]', 'stopped', '{}', '2024-01-03', '2024-01-03');
    INSERT INTO collection_topics (collection_id, topic_id, seq, posts_count) VALUES (3, 1001, 1, 4);
  `);
  expect(migrate(db)).toEqual(
    listMigrations()
      .filter((m) => m.version >= 9)
      .map((m) => m.version),
  );
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(db.prepare('SELECT import_id FROM threads WHERE id = 70').pluck().get()).toBe(9);
  expect(db.prepare('SELECT id, source_id, source_name FROM imports').all()).toEqual([
    { id: 9, source_id: 6, source_name: 'SE' },
  ]);
  expect(db.prepare('SELECT source_id, source_name, resume_key FROM collections').get()).toEqual({
    source_id: 5,
    source_name: 'HF',
    resume_key: '["HF","https://discuss.huggingface.co",null,null,null,null]',
  });
  expect(db.prepare('SELECT count(*) FROM collection_topics WHERE collection_id = 3').pluck().get()).toBe(1);
  expect(db.prepare('SELECT name, owner_id FROM sources ORDER BY id').all()).toEqual([
    { name: 'HF', owner_id: 1 },
    { name: 'SE', owner_id: 1 },
  ]);
  expect(db.prepare('SELECT username, is_importer FROM users ORDER BY id').all()).toEqual([
    { username: 'ivan', is_importer: 1 },
    { username: 'cora', is_importer: 0 },
  ]);
  // Deleting a source still cascades to its imports and runs (the rebuilt tables keep their foreign keys).
  db.prepare('DELETE FROM sources WHERE id = 5').run();
  expect(db.prepare('SELECT count(*) FROM collections').pluck().get()).toBe(0);
});
