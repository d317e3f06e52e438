// Migration 022 on a database that already holds revisions: each post's newest revision takes the
// post's quoted words, preview words and content kind (what is stored now); older ones keep the
// defaults, as nothing was kept apart from their text then.
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { listMigrations, migrate } from '../../apps/api/src/db/migrate.ts';

test('the newest revision of each post takes its quoted words, preview words and content kind', () => {
  const db = new Database(':memory:');
  const all = listMigrations();
  migrate(
    db,
    all.filter((m) => m.version < 22),
  );
  const at = '2024-01-01T00:00:00.000Z';
  db.exec(`
    INSERT INTO sources (id, name, kind, created_at) VALUES (1, 'forum', 'discourse', '${at}');
    INSERT INTO threads (id, source_id, external_id, title, created_at) VALUES (1, 1, '2001', 'Push a dataset', '${at}');
    INSERT INTO posts (id, source_id, thread_id, external_id, post_number, created_at, html, text, quoted_text, preview_text, content_kind, content_hash)
      VALUES (7, 1, 1, '60002', 2, '${at}', '<aside class="quote"><blockquote><p>How?</p></blockquote></aside><p>Use it.</p>', 'Use it.', 'How?', '', 'text', 'h2'),
        (8, 1, 1, '60003', 3, '${at}', '<p><img src="https://x.test/a.png" alt="a"></p>', '', '', '', 'image_only', 'h3');
    INSERT INTO post_revisions (post_id, revision, thread_revision, content_hash, html, text, stored_at)
      VALUES (7, 1, 1, 'h1', '<p>How? Use push.</p>', 'How? Use push.', '${at}'),
        (7, 2, 2, 'h2', '<aside class="quote"><blockquote><p>How?</p></blockquote></aside><p>Use it.</p>', 'Use it.', '${at}'),
        (8, 1, 1, 'h3', '<p><img src="https://x.test/a.png" alt="a"></p>', '', '${at}');`);

  expect(migrate(db, all)).toEqual(all.filter((m) => m.version >= 22).map((m) => m.version));
  expect(
    db
      .prepare(
        'SELECT post_id, revision, quoted_text, preview_text, content_kind FROM post_revisions ORDER BY post_id, revision',
      )
      .raw()
      .all(),
  ).toEqual([
    [7, 1, '', '', 'text'],
    [7, 2, 'How?', '', 'text'],
    [8, 1, '', '', 'image_only'],
  ]);
});
