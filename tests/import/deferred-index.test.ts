// Deferred search indexing (migration 006, db/search-catchup.ts): a big import stores its rows
// and lists them as unindexed; catch-up indexes them later in short batches. Every step must
// keep posts_fts/threads_fts consistent, including updates and deletes of rows not yet indexed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openDb, type Db } from '../../apps/api/src/db/open.ts';
import { catchUpSearchIndex, indexBatch, searchIndexState } from '../../apps/api/src/db/search-catchup.ts';
import { startSearchCatchUp } from '../../apps/api/src/db/search-catchup-server.ts';
import { indexNewPost } from '../../apps/api/src/db/search-index.ts';
import { listThreads } from '../../apps/api/src/db/threads.ts';
import { runImportFile } from '../../apps/api/src/import/run.ts';
import { fixture, freshDb, importFixture, tempDir } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const admin = { id: 1, isAdmin: true };
const searchPosts = (db: Db, q: string) => db.prepare('SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid').pluck().all(q);
const searchTitles = (db: Db, q: string) => listThreads(db, { q }, admin, { limit: 10 }).threads.map((t) => t.title);
const postId = (db: Db, externalId: string) => db.prepare('SELECT id FROM posts WHERE external_id = ?').pluck().get(externalId) as number;
/** FTS5's own check; with rank 1 it also compares the index with the table (every row indexed, nothing else). */
const integrity = (db: Db, withContent: 0 | 1) => {
  for (const fts of ['posts_fts', 'threads_fts']) db.prepare(`INSERT INTO ${fts} (${fts}, rank) VALUES ('integrity-check', ?)`).run(withContent);
};
const deferredImport = (db: Db, file = fixture('discourse/topics.jsonl')) => runImportFile(db, file, { source: 'forum', deferIndex: true });

function editedTopics(edit: (topics: { title: string; post_stream: { posts: { id: number; cooked: string }[] } }[]) => void): string {
  const topics = readFileSync(fixture('discourse/topics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  edit(topics);
  const path = join(tmp.dir, `edited-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(path, topics.map((t) => JSON.stringify(t)).join('\n'));
  return path;
}

describe('a deferred import', () => {
  test('is done with its rows stored and listed; search says indexing and finds them only after catch-up', async () => {
    const db = freshDb();
    const report = await deferredImport(db);
    expect([report.posts.new, report.search]).toEqual([5, { state: 'indexing', pending: 5, pendingThreads: 3 }]);
    expect(searchIndexState(db)).toEqual({ state: 'indexing', pending: 5, pendingThreads: 3 });
    expect([searchTitles(db, 'memory'), searchPosts(db, 'memory')]).toEqual([[], []]);
    integrity(db, 0);

    expect(await catchUpSearchIndex(db, { pauseMs: 0 })).toBe(8);
    expect(searchIndexState(db)).toEqual({ state: 'ready', pending: 0, pendingThreads: 0 });
    expect(searchTitles(db, 'memory')).toEqual(['Spaces build fails']);
    expect(searchTitles(db, 'tokenizer')).toEqual(['Tokenizer pads on the wrong side']);
    integrity(db, 1);
  });

  test('a small import indexes in its own transaction unless told to defer', async () => {
    const db = freshDb();
    expect((await importFixture(db, 'discourse/topics.jsonl')).search).toEqual({ state: 'ready', pending: 0, pendingThreads: 0 });
    expect(searchTitles(db, 'memory')).toEqual(['Spaces build fails']);
    integrity(db, 1);
  });

  test('batches take threads first, then posts in id order, and each batch leaves the index consistent', async () => {
    const db = freshDb();
    await deferredImport(db);
    expect(indexBatch(db, 2)).toBe(2);
    expect(searchIndexState(db)).toEqual({ state: 'indexing', pending: 5, pendingThreads: 1 });
    expect(indexBatch(db, 2)).toBe(2);
    expect(searchIndexState(db)).toEqual({ state: 'indexing', pending: 4, pendingThreads: 0 });
    expect(searchPosts(db, 'dataset')).toEqual([postId(db, '60001')]);
    integrity(db, 0);
    expect(indexBatch(db, 100)).toBe(4);
    expect(indexBatch(db, 100)).toBe(0);
    integrity(db, 1);
  });

  test('resumes after a crash: committed batches stay indexed, an interrupted one is redone', async () => {
    const path = join(tmp.dir, 'crash.db');
    let db = openDb(path);
    await deferredImport(db);
    indexBatch(db, 4);
    // A batch cut short by the process dying: its transaction never commits.
    db.exec('BEGIN IMMEDIATE');
    db.exec('INSERT INTO posts_fts (rowid, text) SELECT p.id, p.text FROM posts_unindexed u JOIN posts p ON p.id = u.id');
    db.close();

    db = openDb(path);
    expect(searchIndexState(db)).toEqual({ state: 'indexing', pending: 4, pendingThreads: 0 });
    integrity(db, 0);
    expect(await catchUpSearchIndex(db, { pauseMs: 0 })).toBe(4);
    expect(searchTitles(db, 'memory')).toEqual(['Spaces build fails']);
    integrity(db, 1);
    db.close();
  });

  test('the server catches up on its own, from its worker thread', async () => {
    const path = join(tmp.dir, 'server.db');
    const db = openDb(path);
    await deferredImport(db);
    const catchUp = startSearchCatchUp(path, 50);
    try {
      await expect.poll(() => searchIndexState(db).state, { timeout: 10_000, interval: 50 }).toBe('ready');
    } finally {
      await catchUp.stop();
    }
    expect(searchTitles(db, 'memory')).toEqual(['Spaces build fails']);
    integrity(db, 1);
    db.close();
  });
});

describe('rows changed before they are indexed', () => {
  test('a re-import updating a not-yet-indexed post and thread: catch-up indexes the new text only', async () => {
    const db = freshDb();
    await deferredImport(db);
    const path = editedTopics((t) => {
      t[0]!.post_stream.posts[1]!.cooked = '<p>Use <code>upload_folder()</code> instead.</p>';
      t[1]!.title = 'Tokenizer pads on the left';
    });
    const report = await deferredImport(db, path);
    expect([report.posts.updated, report.threads.updated, report.search]).toEqual([1, 1, { state: 'indexing', pending: 5, pendingThreads: 3 }]);
    await catchUpSearchIndex(db, { pauseMs: 0 });
    expect([searchPosts(db, 'upload_folder'), searchPosts(db, 'push_to_hub')]).toEqual([[postId(db, '60002')], []]);
    expect([searchTitles(db, 'left'), searchTitles(db, 'wrong')]).toEqual([['Tokenizer pads on the left'], []]);
    integrity(db, 1);
  });

  test('an update of an indexed row still moves its index entry (the trigger runs)', async () => {
    const db = freshDb();
    await deferredImport(db);
    await catchUpSearchIndex(db, { pauseMs: 0 });
    await deferredImport(db, editedTopics((t) => (t[0]!.post_stream.posts[1]!.cooked = '<p>Try upload_folder.</p>')));
    expect(searchIndexState(db).state).toBe('ready');
    expect([searchPosts(db, 'upload_folder'), searchPosts(db, 'push_to_hub')]).toEqual([[postId(db, '60002')], []]);
    integrity(db, 1);
  });

  test('deleting not-yet-indexed rows (a source removed) unlists them and leaves the index intact', async () => {
    const db = freshDb();
    await importFixture(db, 'discourse/topics.jsonl', { source: 'indexed' });
    await deferredImport(db);
    db.prepare(`DELETE FROM sources WHERE name = 'forum'`).run();
    expect(searchIndexState(db)).toEqual({ state: 'ready', pending: 0, pendingThreads: 0 });
    expect(searchTitles(db, 'memory')).toEqual(['Spaces build fails']);
    integrity(db, 1);
    // And the other way round: indexed rows deleted while others wait.
    await deferredImport(db);
    db.prepare(`DELETE FROM sources WHERE name = 'indexed'`).run();
    expect(await catchUpSearchIndex(db, { pauseMs: 0 })).toBe(8);
    integrity(db, 1);
  });

  test('a deleted unindexed post whose id is reused by a directly indexed insert is not indexed twice', async () => {
    const db = freshDb();
    await deferredImport(db);
    const last = db.prepare('SELECT max(id) FROM posts').pluck().get() as number;
    const thread = db.prepare('SELECT thread_id FROM posts WHERE id = ?').pluck().get(last) as number;
    db.prepare('DELETE FROM posts WHERE id = ?').run(last);
    const id = Number(
      db.prepare(`INSERT INTO posts (source_id, thread_id, external_id, post_number, created_at, html, text, content_hash) VALUES (1, ?, 'x', 9, 'x', 'h', 'reused rowid', 'h')`)
        .run(thread).lastInsertRowid,
    );
    expect(id).toBe(last);
    indexNewPost(db).run(id, 'reused rowid');
    expect(await catchUpSearchIndex(db, { pauseMs: 0 })).toBe(7);
    expect(searchPosts(db, 'reused')).toEqual([id]);
    integrity(db, 1);
  });
});
