// Migration 042 on a database that already holds scores and a ranking's pin: the scores stay and
// count as stored before any ranking (scored_at ''), and the pin stays.
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { listMigrations, migrate } from '../../apps/api/src/db/migrate.ts';

test('stored scores and pins are kept, the scores as stored before any ranking', () => {
  const db = new Database(':memory:');
  const all = listMigrations();
  migrate(
    db,
    all.filter((m) => m.version < 42),
  );
  const at = '2024-01-01T00:00:00.000Z';
  db.exec(`
    INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (5, 'cora', 'Cora', 'x', '${at}');
    INSERT INTO sources (id, name, kind, created_at) VALUES (1, 'forum', 'discourse', '${at}');
    INSERT INTO threads (id, source_id, external_id, title, created_at) VALUES (1, 1, '2001', 'Push a dataset', '${at}');
    INSERT INTO posts (id, source_id, thread_id, external_id, post_number, created_at, html, text, content_hash)
      VALUES (7, 1, 1, '60001', 1, '${at}', '<p>How?</p>', 'How?', 'h1');
    INSERT INTO studies (id, name, created_at) VALUES (3, 's', '${at}');
    INSERT INTO rounds (id, study_id, name, position, created_at) VALUES (1, 3, 'r', 1, '${at}');
    INSERT INTO units (id, study_id, round_id, thread_id, post_id, position) VALUES (1, 3, 1, 1, 7, 1);
    INSERT INTO unit_uncertainty (unit_id, model_version, study_id, revision, uncertainty) VALUES (1, 4, 3, 1, 0.25);
    INSERT INTO uncertainty_rankings (round_id, coder_id, study_id, model_version, ranked_at) VALUES (1, 5, 3, 4, '${at}');`);

  expect(migrate(db, all)).toEqual(all.filter((m) => m.version >= 42).map((m) => m.version));
  expect(db.prepare('SELECT unit_id, model_version, uncertainty, scored_at FROM unit_uncertainty').raw().all()).toEqual(
    [[1, 4, 0.25, '']],
  );
  expect(db.prepare('SELECT round_id, coder_id, model_version FROM uncertainty_rankings').raw().all()).toEqual([
    [1, 5, 4],
  ]);
});
