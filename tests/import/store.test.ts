// Re-importing: matched by (source, external id); changed rows are updated in place so
// their ids, and the codings that point at them, survive; unchanged rows are not touched.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import type { Db } from '../../apps/api/src/db/open.ts';
import { runImportFile } from '../../apps/api/src/import/run.ts';
import { Staging } from '../../apps/api/src/import/staging.ts';
import { storeStaged } from '../../apps/api/src/import/store.ts';
import { fixture, freshDb, importFixture, tempDir } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

type Topic = { id: number; title: string; tags: string[]; post_stream: { posts: { id: number; cooked: string }[] } };
const topics = () =>
  readFileSync(fixture('discourse/topics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Topic);

function writeTopics(name: string, list: Topic[]): string {
  const path = `${tmp.dir}/${name}`;
  writeFileSync(path, list.map((t) => JSON.stringify(t)).join('\n'));
  return path;
}

/** A coding on post 60002, the way the coding screens would make one. */
function codePost(db: Db): number {
  const now = '2024-01-01T00:00:00.000Z';
  const postId = db.prepare(`SELECT id FROM posts WHERE external_id = '60002'`).pluck().get() as number;
  const threadId = db.prepare('SELECT thread_id FROM posts WHERE id = ?').pluck().get(postId) as number;
  db.prepare(
    `INSERT INTO users (id, username, display_name, password_hash, created_at) VALUES (1, 'c', 'C', 'x', ?)`,
  ).run(now);
  db.prepare(`INSERT INTO codebooks (id, name, created_at) VALUES (1, 'cb', ?)`).run(now);
  db.prepare(`INSERT INTO codebook_versions (id, codebook_id, version, created_at) VALUES (1, 1, 1, ?)`).run(now);
  db.prepare(`INSERT INTO studies (id, name, created_at) VALUES (1, 's', ?)`).run(now);
  db.prepare(`INSERT INTO rounds (id, study_id, name, position, created_at) VALUES (1, 1, 'r', 1, ?)`).run(now);
  db.prepare('INSERT INTO units (id, study_id, round_id, thread_id, post_id, position) VALUES (1, 1, 1, ?, ?, 1)').run(
    threadId,
    postId,
  );
  db.prepare(`INSERT INTO codings (unit_id, coder_id, version_id, created_at, updated_at) VALUES (1, 1, 1, ?, ?)`).run(
    now,
    now,
  );
  return postId;
}

describe('re-importing into the same source', () => {
  test('the same file again changes nothing', async () => {
    const db = freshDb();
    await importFixture(db, 'discourse/topics.jsonl');
    const again = await importFixture(db, 'discourse/topics.jsonl');
    expect([again.threads, again.posts]).toEqual([
      { new: 0, updated: 0, unchanged: 3 },
      { new: 0, updated: 0, unchanged: 5 },
    ]);
  });

  test('changed content updates in place: same ids, codings kept, search follows', async () => {
    const db = freshDb();
    await importFixture(db, 'discourse/topics.jsonl');
    const postId = codePost(db);
    const next = topics();
    next[0]!.post_stream.posts[1]!.cooked = '<p>Use <code>upload_folder()</code> instead.</p>';
    next[1]!.title = 'Tokenizer pads on the left';
    next[2]!.tags = ['spaces', 'docker'];
    next.push({
      ...next[2]!,
      id: 2004,
      title: 'New topic',
      post_stream: { posts: [{ ...next[2]!.post_stream.posts[0]!, id: 60006 }] },
    });
    const report = await runImportFile(db, writeTopics('changed.jsonl', next), { source: 'forum' });
    expect([report.threads, report.posts]).toEqual([
      { new: 1, updated: 2, unchanged: 1 },
      { new: 1, updated: 1, unchanged: 4 },
    ]);
    expect(db.prepare(`SELECT id, text FROM posts WHERE external_id = '60002'`).get()).toEqual({
      id: postId,
      text: 'Use upload_folder() instead.',
    });
    expect(db.prepare('SELECT count(*) FROM codings').pluck().get()).toBe(1);
    expect(
      db
        .prepare(
          `SELECT tag FROM thread_tags t JOIN threads h ON h.id = t.thread_id WHERE h.external_id = '2003' ORDER BY tag`,
        )
        .pluck()
        .all(),
    ).toEqual(['docker', 'spaces']);
    const search = (q: string) => db.prepare('SELECT rowid FROM posts_fts WHERE posts_fts MATCH ?').pluck().all(q);
    // The old text left the index with the update.
    expect([search('upload_folder'), search('push_to_hub')]).toEqual([[postId], []]);
    expect(db.prepare(`SELECT rowid FROM threads_fts WHERE threads_fts MATCH 'left'`).pluck().all()).toHaveLength(1);
    expect(db.prepare(`SELECT rowid FROM threads_fts WHERE threads_fts MATCH '"new topic"'`).pluck().all()).toEqual([
      db.prepare(`SELECT id FROM threads WHERE external_id = '2004'`).pluck().get(),
    ]);
    // Both indexes hold exactly what their tables hold (new rows are indexed without triggers: migration 005).
    for (const fts of ['posts_fts', 'threads_fts'])
      expect(() => db.exec(`INSERT INTO ${fts} (${fts}, rank) VALUES ('integrity-check', 1)`)).not.toThrow();
  });

  test('posts missing from a later, partial dump are kept', async () => {
    const db = freshDb();
    await importFixture(db, 'discourse/topics.jsonl');
    await runImportFile(db, writeTopics('partial.jsonl', topics().slice(0, 1)), { source: 'forum' });
    expect(db.prepare('SELECT count(*) FROM posts').pluck().get()).toBe(5);
  });

  test('another source with the same ids is separate', async () => {
    const db = freshDb();
    await importFixture(db, 'discourse/topics.jsonl');
    const other = await importFixture(db, 'discourse/topics.jsonl', { source: 'mirror' });
    expect(other.posts.new).toBe(5);
  });

  test('import id and base URL are recorded', async () => {
    const db = freshDb();
    db.prepare(`INSERT INTO sources (id, name, kind, created_at) VALUES (7, 'forum', 'discourse', 'x')`).run();
    db.prepare(
      `INSERT INTO imports (id, source_id, source_name, filename, format, created_at) VALUES (3, 7, 'forum', 'f', 'discourse', 'x')`,
    ).run();
    await importFixture(db, 'discourse/topics.jsonl', { importId: 3, baseUrl: 'https://forum.example' });
    expect(db.prepare('SELECT DISTINCT import_id FROM threads').pluck().all()).toEqual([3]);
    expect(db.prepare('SELECT base_url FROM sources WHERE id = 7').pluck().get()).toBe('https://forum.example');
  });
});

test('a post changed by someone else between the two phases is a conflict, and nothing is written', () => {
  const db = freshDb();
  db.prepare(`INSERT INTO sources (id, name, kind, created_at) VALUES (1, 'forum', 'discourse', 'x')`).run();
  db.prepare(`INSERT INTO threads (id, source_id, external_id, title, created_at) VALUES (1, 1, 't', 'T', 'x')`).run();
  db.prepare(
    `INSERT INTO posts (source_id, thread_id, external_id, post_number, created_at, html, text, content_hash) VALUES (1, 1, 'p', 1, 'x', 'h', 't', 'changed')`,
  ).run();
  const staging = new Staging();
  const post = { externalId: 'p', postNumber: 1, createdAt: 'x', html: '<p>h</p>' };
  // Phase 1 saw hash "seen" and so did not sanitize (no `clean`).
  staging.write([
    {
      thread: { externalId: 't2', title: 'T2', tags: [], createdAt: 'x', posts: [post] },
      posts: [{ post, hash: 'seen' }],
    },
  ]);
  expect(() => storeStaged(db, staging, { sourceName: 'forum', sourceKind: 'discourse' })).toThrow(
    expect.objectContaining({ code: 'import.conflict', status: 409 }),
  );
  expect(db.prepare('SELECT count(*) FROM threads').pluck().get()).toBe(1);
  staging.close();
});
