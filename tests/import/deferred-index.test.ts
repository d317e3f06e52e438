// Deferred search indexing (migration 006, db/search-catchup.ts): a big import stores its rows
// and lists them as unindexed; catch-up indexes them later in short batches. Every step must
// keep posts_fts/threads_fts consistent, including updates and deletes of rows not yet indexed.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { openDb, type Db } from '../../apps/api/src/db/open.ts';
import { BatchSizer, catchUpSearchIndex, indexBatch, searchIndexState } from '../../apps/api/src/db/search-catchup.ts';
import { startSearchCatchUp } from '../../apps/api/src/db/search-catchup-server.ts';
import { indexNewPost } from '../../apps/api/src/db/search-index.ts';
import { listThreads } from '../../apps/api/src/db/threads.ts';
import { runImportFile } from '../../apps/api/src/import/run.ts';
import { fixture, freshDb, importFixture, tempDir } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const admin = { id: 1, isAdmin: true };
const searchPosts = (db: Db, q: string) =>
  db.prepare('SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid').pluck().all(q);
const searchTitles = (db: Db, q: string) => listThreads(db, { q }, admin, { limit: 10 }).threads.map((t) => t.title);
const postId = (db: Db, externalId: string) =>
  db.prepare('SELECT id FROM posts WHERE external_id = ?').pluck().get(externalId) as number;
/** FTS5's own check; with rank 1 it also compares the index with the table (every row indexed, nothing else). */
const integrity = (db: Db, withContent: 0 | 1) => {
  for (const fts of ['posts_fts', 'threads_fts'])
    db.prepare(`INSERT INTO ${fts} (${fts}, rank) VALUES ('integrity-check', ?)`).run(withContent);
};
const deferredImport = (db: Db, file = fixture('discourse/topics.jsonl')) =>
  runImportFile(db, file, { source: 'forum', deferIndex: true });

function editedTopics(
  edit: (topics: { title: string; post_stream: { posts: { id: number; cooked: string }[] } }[]) => void,
): string {
  const topics = readFileSync(fixture('discourse/topics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
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
    expect((await importFixture(db, 'discourse/topics.jsonl')).search).toEqual({
      state: 'ready',
      pending: 0,
      pendingThreads: 0,
    });
    expect(searchTitles(db, 'memory')).toEqual(['Spaces build fails']);
    integrity(db, 1);
  });

  test('a batch indexes one kind of row in id order, at least one, up to its size (characters + 100 a row); each leaves the index consistent', async () => {
    const db = freshDb();
    await deferredImport(db);
    const firstTitle = db.prepare('SELECT title FROM threads ORDER BY id LIMIT 1').pluck().get() as string;
    expect(indexBatch(db, 'threads', 1)).toEqual({ rows: 1, size: 100 + firstTitle.length });
    expect(searchIndexState(db)).toEqual({ state: 'indexing', pending: 5, pendingThreads: 2 });
    const sizes = db.prepare('SELECT length(text) + 100 FROM posts ORDER BY id').pluck().all() as number[];
    expect(indexBatch(db, 'posts', sizes[0]! + sizes[1]!)).toEqual({ rows: 2, size: sizes[0]! + sizes[1]! });
    expect(indexBatch(db, 'posts', sizes[2]! + sizes[3]! - 1)).toEqual({ rows: 1, size: sizes[2]! });
    expect(searchIndexState(db)).toEqual({ state: 'indexing', pending: 2, pendingThreads: 2 });
    expect(searchPosts(db, 'dataset')).toEqual([postId(db, '60001')]);
    integrity(db, 0);
    expect(indexBatch(db, 'posts', 1e6).rows).toBe(2);
    expect(indexBatch(db, 'threads', 1e6).rows).toBe(2);
    expect(indexBatch(db, 'posts', 1e6)).toEqual({ rows: 0, size: 0 });
    integrity(db, 1);
  });

  test('batch sizes follow the measured rate, growing at most 4x a batch, within 1,000 and 4,000,000', () => {
    const sizer = new BatchSizer(25);
    const sizes = [sizer.size];
    for (const [size, ms] of [
      [50_000, 5],
      [200_000, 10],
      [500_000, 100],
      [125_000, 0.2],
      [500_000, 0.1],
      [2_000_000, 1],
      [4_000_000, 200_000],
    ] as const) {
      sizer.measured(size, ms);
      sizes.push(sizer.size);
    }
    expect(sizes).toEqual([50_000, 200_000, 500_000, 125_000, 500_000, 2_000_000, 4_000_000, 1_000]);
  });

  test('cheap thread batches do not size the post batches: each kind adapts on its own', async () => {
    const db = freshDb();
    db.exec(`
      INSERT INTO sources (id, name, kind, created_at) VALUES (1, 's', 'jsonl', 'x');
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 600)
        INSERT INTO threads (id, source_id, external_id, title, created_at) SELECT i, 1, i, printf('Thread %04d', i), 'x' FROM n;
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
        INSERT INTO posts (id, source_id, thread_id, external_id, post_number, created_at, html, text, content_hash)
        SELECT i, 1, i, i, 1, 'x', '', substr(replace(hex(zeroblob(475)), '00', 'word '), 1, 1900), '' FROM n;
      INSERT INTO threads_unindexed SELECT id FROM threads;
      INSERT INTO posts_unindexed SELECT id FROM posts;`);
    // A model clock: a title (111 characters + row cost) takes 0.01 ms to index, a post (2,000) 0.5 ms.
    const cost = { threads: 0.01, posts: 0.5 };
    const pending = () => searchIndexState(db);
    let t = 0;
    let last = pending();
    const now = () => {
      const p = pending();
      t += (last.pendingThreads - p.pendingThreads) * cost.threads + (last.pending - p.pending) * cost.posts;
      last = p;
      return t;
    };
    const batches: string[] = [];
    expect(await catchUpSearchIndex(db, { pauseMs: 0, now, onBatch: (b) => batches.push(`${b.kind} ${b.rows}`) })).toBe(
      900,
    );
    // Threads: 450 (50,000 / 111) in 4.5 ms, so 4x more fit, but only 150 are left. Posts start again from
    // 50,000: 25 posts in 12.5 ms, then 50 (25 ms) a batch. Never over the 25 ms target.
    expect(batches).toEqual([
      'threads 450',
      'threads 150',
      'posts 25',
      'posts 50',
      'posts 50',
      'posts 50',
      'posts 50',
      'posts 50',
      'posts 25',
    ]);
    integrity(db, 1);
  });

  test('resumes after a crash: committed batches stay indexed, an interrupted one is redone', async () => {
    const path = join(tmp.dir, 'crash.db');
    let db = openDb(path);
    await deferredImport(db);
    indexBatch(db, 'threads', 1e6);
    indexBatch(db, 'posts', 1);
    // A batch cut short by the process dying: its transaction never commits.
    db.exec('BEGIN IMMEDIATE');
    db.exec(
      'INSERT INTO posts_fts (rowid, text) SELECT p.id, p.text FROM posts_unindexed u JOIN posts p ON p.id = u.id',
    );
    db.close();

    db = openDb(path);
    expect(searchIndexState(db)).toEqual({ state: 'indexing', pending: 4, pendingThreads: 0 });
    integrity(db, 0);
    expect(await catchUpSearchIndex(db, { pauseMs: 0 })).toBe(4);
    expect(searchTitles(db, 'memory')).toEqual(['Spaces build fails']);
    integrity(db, 1);
    db.close();
  });

  test('the server catches up on its own, from its worker thread, and stems the new posts', async () => {
    const path = join(tmp.dir, 'server.db');
    const db = openDb(path);
    await deferredImport(db);
    const unstemmed = () => db.prepare('SELECT count(*) FROM post_stems_stale').pluck().get();
    const posts = db.prepare('SELECT count(*) FROM posts').pluck().get();
    expect(unstemmed()).toBe(posts);
    const catchUp = startSearchCatchUp(path, { pollMs: 50 });
    try {
      await expect.poll(() => searchIndexState(db).state, { timeout: 10_000, interval: 50 }).toBe('ready');
      // Mention counts then find every post stemmed (db/post-stems.ts).
      await expect.poll(unstemmed, { timeout: 10_000, interval: 50 }).toBe(0);
      expect(db.prepare('SELECT count(*) FROM post_stems').pluck().get()).toBe(posts);
    } finally {
      await catchUp.stop();
    }
    expect(searchTitles(db, 'memory')).toEqual(['Spaces build fails']);
    integrity(db, 1);
    db.close();
  });
});

describe("the server's catch-up worker", () => {
  // A file where the database's folder should be: openDb throws in the worker, which dies.
  const blockedPath = () => {
    const blocker = join(tmp.dir, `blocker-${Math.random().toString(36).slice(2)}`);
    writeFileSync(blocker, '');
    return { blocker, path: join(blocker, 'search.db') };
  };
  const deaths = (errors: string[]) => errors.filter((e) => e.includes('search catch-up: the worker exited')).length;

  test('stop() returns at once when the worker has already died', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((s: string) => void errors.push(s));
    try {
      const catchUp = startSearchCatchUp(blockedPath().path, { restartMs: 60_000 });
      await expect.poll(() => deaths(errors), { timeout: 10_000, interval: 20 }).toBe(1);
      expect(JSON.parse(errors.at(-1)!).error).toBe(
        'search catch-up: the worker exited (code 1); restarting it in 60000 ms',
      );
      await catchUp.stop();
    } finally {
      vi.restoreAllMocks();
    }
  });

  test('a worker that died is restarted, and the restarted one catches up', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((s: string) => void errors.push(s));
    const { blocker, path } = blockedPath();
    const catchUp = startSearchCatchUp(path, { pollMs: 50, restartMs: 100 });
    try {
      await expect.poll(() => deaths(errors), { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
      rmSync(blocker);
      const db = openDb(path);
      await deferredImport(db);
      await expect.poll(() => searchIndexState(db).state, { timeout: 15_000, interval: 50 }).toBe('ready');
      expect(searchTitles(db, 'memory')).toEqual(['Spaces build fails']);
      db.close();
    } finally {
      await catchUp.stop();
      vi.restoreAllMocks();
    }
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
    expect([report.posts.updated, report.threads.updated, report.search]).toEqual([
      1,
      1,
      { state: 'indexing', pending: 5, pendingThreads: 3 },
    ]);
    await catchUpSearchIndex(db, { pauseMs: 0 });
    expect([searchPosts(db, 'upload_folder'), searchPosts(db, 'push_to_hub')]).toEqual([[postId(db, '60002')], []]);
    expect([searchTitles(db, 'left'), searchTitles(db, 'wrong')]).toEqual([['Tokenizer pads on the left'], []]);
    integrity(db, 1);
  });

  test('a small import indexing inline while a big one waits for catch-up: new rows indexed at once, listed rows left to catch-up', async () => {
    const db = freshDb();
    await deferredImport(db);
    // Below 2,000 posts: no deferIndex, so this import indexes in its own transaction.
    const path = editedTopics((t) => {
      t[0]!.post_stream.posts[1]!.cooked = '<p>Use <code>upload_folder()</code> instead.</p>';
      t[1]!.title = 'Tokenizer pads on the left';
      t[2]!.post_stream.posts.push({
        id: 60006,
        post_number: 3,
        username: 'hal',
        created_at: '2023-01-03T00:00:00Z',
        cooked: '<p>Fixed by quantization.</p>',
      } as never);
    });
    const report = await runImportFile(db, path, { source: 'forum' });
    expect([report.posts, report.threads.updated, report.search]).toEqual([
      { new: 1, updated: 1, unchanged: 4 },
      1,
      { state: 'indexing', pending: 5, pendingThreads: 3 },
    ]);
    expect(searchPosts(db, 'quantization')).toEqual([postId(db, '60006')]);
    integrity(db, 0);
    // And a first import into another source (INSERT … SELECT, indexed inline) meanwhile.
    expect((await runImportFile(db, fixture('discourse/topics.jsonl'), { source: 'other' })).search).toEqual({
      state: 'indexing',
      pending: 5,
      pendingThreads: 3,
    });
    integrity(db, 0);
    expect(await catchUpSearchIndex(db, { pauseMs: 0 })).toBe(8);
    const titleMatches = db
      .prepare(
        `SELECT t.title FROM threads_fts JOIN threads t ON t.id = threads_fts.rowid WHERE threads_fts MATCH 'left'`,
      )
      .pluck()
      .all();
    expect([searchPosts(db, 'upload_folder'), titleMatches]).toEqual([
      [postId(db, '60002')],
      ['Tokenizer pads on the left'],
    ]);
    integrity(db, 1);
  });

  test('an update of an indexed row still moves its index entry (the trigger runs)', async () => {
    const db = freshDb();
    await deferredImport(db);
    await catchUpSearchIndex(db, { pauseMs: 0 });
    await deferredImport(
      db,
      editedTopics((t) => (t[0]!.post_stream.posts[1]!.cooked = '<p>Try upload_folder.</p>')),
    );
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
      db
        .prepare(
          `INSERT INTO posts (source_id, thread_id, external_id, post_number, created_at, html, text, content_hash) VALUES (1, ?, 'x', 9, 'x', 'h', 'reused rowid', 'h')`,
        )
        .run(thread).lastInsertRowid,
    );
    expect(id).toBe(last);
    indexNewPost(db).run(id, 'reused rowid');
    expect(await catchUpSearchIndex(db, { pauseMs: 0 })).toBe(7);
    expect(searchPosts(db, 'reused')).toEqual([id]);
    integrity(db, 1);
  });
});
