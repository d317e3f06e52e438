// Migration 014 (revisions) on a database that already holds imported and coded posts: what is
// stored becomes revision 1 of each thread and post, and every coding so far was made on it.
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { listMigrations, migrate } from '../../apps/api/src/db/migrate.ts';

test('existing threads, posts and codings become revision 1', () => {
  const db = new Database(':memory:');
  const all = listMigrations();
  migrate(
    db,
    all.filter((m) => m.version < 14),
  );
  const at = '2024-01-01T00:00:00.000Z';
  db.exec(`
    INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (1, 'cora', 'Cora', 'x', '${at}');
    INSERT INTO sources (id, name, kind, created_at) VALUES (1, 'forum', 'discourse', '${at}');
    INSERT INTO imports (id, source_id, source_name, filename, format, created_at) VALUES (5, 1, 'forum', 'dump.json', 'discourse', '${at}');
    INSERT INTO threads (id, source_id, external_id, title, created_at, import_id) VALUES (1, 1, '2001', 'Push a dataset', '${at}', 5);
    INSERT INTO posts (id, source_id, thread_id, external_id, post_number, created_at, html, text, content_hash)
      VALUES (7, 1, 1, '60002', 2, '${at}', '<p>Use push_to_hub().</p>', 'Use push_to_hub().', 'h1');
    INSERT INTO codebooks (id, name, created_at) VALUES (1, 'cb', '${at}');
    INSERT INTO codebook_versions (id, codebook_id, version, created_at) VALUES (1, 1, 1, '${at}');
    INSERT INTO studies (id, name, created_at) VALUES (1, 's', '${at}');
    INSERT INTO rounds (id, study_id, name, position, created_at) VALUES (1, 1, 'r', 1, '${at}');
    INSERT INTO units (id, study_id, round_id, thread_id, post_id, position) VALUES (1, 1, 1, 1, 7, 1);
    INSERT INTO codings (unit_id, coder_id, version_id, created_at, updated_at) VALUES (1, 1, 1, '${at}', '${at}');`);

  expect(migrate(db, all)).toEqual(all.filter((m) => m.version >= 14).map((m) => m.version));
  expect(db.prepare('SELECT thread_id, revision, title, import_id FROM thread_revisions').raw().all()).toEqual([
    [1, 1, 'Push a dataset', 5],
  ]);
  expect(
    db
      .prepare('SELECT post_id, revision, thread_revision, content_hash, html, text, import_id FROM post_revisions')
      .raw()
      .all(),
  ).toEqual([[7, 1, 1, 'h1', '<p>Use push_to_hub().</p>', 'Use push_to_hub().', 5]]);
  expect(db.prepare('SELECT revision FROM codings').pluck().all()).toEqual([1]);
});
