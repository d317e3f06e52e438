// Migration 037 (a ranking keeps its model version) on a database that already holds scores: each
// unit's one stored score is kept, now under (unit, model version) with the unit's study, and a
// second version's score sits beside it instead of overwriting it.
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { listMigrations, migrate } from '../../apps/api/src/db/migrate.ts';

test('stored scores keep their version and revision, and gain their study', () => {
  const db = new Database(':memory:');
  const all = listMigrations();
  migrate(
    db,
    all.filter((m) => m.version < 37),
  );
  const at = '2024-01-01T00:00:00.000Z';
  db.exec(`
    INSERT INTO sources (id, name, kind, created_at) VALUES (1, 'forum', 'discourse', '${at}');
    INSERT INTO threads (id, source_id, external_id, title, created_at) VALUES (1, 1, '2001', 'Push a dataset', '${at}');
    INSERT INTO posts (id, source_id, thread_id, external_id, post_number, created_at, html, text, content_hash)
      VALUES (7, 1, 1, '60001', 1, '${at}', '<p>How?</p>', 'How?', 'h1'),
             (8, 1, 1, '60002', 2, '${at}', '<p>Use push_to_hub().</p>', 'Use push_to_hub().', 'h2');
    INSERT INTO studies (id, name, created_at) VALUES (3, 's', '${at}');
    INSERT INTO rounds (id, study_id, name, position, created_at) VALUES (1, 3, 'r', 1, '${at}');
    INSERT INTO units (id, study_id, round_id, thread_id, post_id, position) VALUES (1, 3, 1, 1, 7, 1), (2, 3, 1, 1, 8, 2);
    INSERT INTO unit_uncertainty (unit_id, model_version, uncertainty, revision) VALUES (1, 4, 0.25, 1), (2, 4, 0.75, 2);`);

  expect(migrate(db, all)).toEqual(all.filter((m) => m.version >= 37).map((m) => m.version));
  const rows = () =>
    db
      .prepare('SELECT unit_id, model_version, study_id, revision, uncertainty FROM unit_uncertainty ORDER BY 1, 2')
      .raw()
      .all();
  expect(rows()).toEqual([
    [1, 4, 3, 1, 0.25],
    [2, 4, 3, 2, 0.75],
  ]);
  db.prepare(
    'INSERT INTO unit_uncertainty (unit_id, model_version, study_id, revision, uncertainty) VALUES (1, 5, 3, 1, 0.5)',
  ).run();
  expect(rows()).toEqual([
    [1, 4, 3, 1, 0.25],
    [1, 5, 3, 1, 0.5],
    [2, 4, 3, 2, 0.75],
  ]);
});
