// Deferred full-text indexing (migration 006): a big import lists its new rows in
// posts_unindexed / threads_unindexed instead of indexing them in its transaction; catch-up
// indexes them afterwards in short write transactions, so the import is done sooner and the
// API's writers (coding saves) get the write lock between batches. Durable and idempotent:
// each batch indexes rows and removes them from the list in one transaction, so after a crash
// the next catch-up resumes where the last committed batch ended.
import type { Db } from './open.ts';
import { statement } from './prepared.ts';

export interface SearchIndexState {
  /** 'indexing' while some stored posts or threads are not in the full-text index yet: search may miss them. */
  state: 'ready' | 'indexing';
  /** Posts not indexed yet. */
  pending: number;
  pendingThreads: number;
}

const countPosts = statement('SELECT count(*) FROM posts_unindexed', (s) => s.pluck());
const countThreads = statement('SELECT count(*) FROM threads_unindexed', (s) => s.pluck());

export function searchIndexState(db: Db): SearchIndexState {
  const pending = countPosts(db).get() as number;
  const pendingThreads = countThreads(db).get() as number;
  return { state: pending + pendingThreads > 0 ? 'indexing' : 'ready', pending, pendingThreads };
}

const maxIds = statement('SELECT (SELECT coalesce(max(id), 0) FROM posts) AS post, (SELECT coalesce(max(id), 0) FROM threads) AS thread');
const listPostsAfter = statement<[number]>('INSERT INTO posts_unindexed (id) SELECT id FROM posts WHERE id > ?');
const listThreadsAfter = statement<[number]>('INSERT INTO threads_unindexed (id) SELECT id FROM threads WHERE id > ?');
const indexPostsAfter = statement<[number]>('INSERT INTO posts_fts (rowid, text) SELECT id, text FROM posts WHERE id > ?');
const indexThreadsAfter = statement<[number]>('INSERT INTO threads_fts (rowid, title) SELECT id, title FROM threads WHERE id > ?');

/**
 * For bulk inserts (INSERT … SELECT): call inside the write transaction before inserting,
 * then, after the inserts, either index() or list() every row added since. New rows get ids
 * above the current maximum, and the write lock keeps anyone else from inserting meanwhile.
 */
export function newRows(db: Db): { index: () => void; list: () => void } {
  const max = maxIds(db).get() as { post: number; thread: number };
  return {
    index: () => (indexThreadsAfter(db).run(max.thread), indexPostsAfter(db).run(max.post)),
    list: () => (listThreadsAfter(db).run(max.thread), listPostsAfter(db).run(max.post)),
  };
}

const indexThreads = statement<[number]>(
  'INSERT INTO threads_fts (rowid, title) SELECT t.id, t.title FROM threads_unindexed u JOIN threads t ON t.id = u.id ORDER BY u.id LIMIT ?',
);
const unlistThreads = statement<[number]>('DELETE FROM threads_unindexed WHERE id IN (SELECT id FROM threads_unindexed ORDER BY id LIMIT ?)');
const indexPosts = statement<[number]>(
  'INSERT INTO posts_fts (rowid, text) SELECT p.id, p.text FROM posts_unindexed u JOIN posts p ON p.id = u.id ORDER BY u.id LIMIT ?',
);
const unlistPosts = statement<[number]>('DELETE FROM posts_unindexed WHERE id IN (SELECT id FROM posts_unindexed ORDER BY id LIMIT ?)');

/**
 * Indexes up to `limit` listed rows (threads first: they are few and make whole threads
 * findable by title) in one IMMEDIATE transaction. Every listed id has its row (deleting a
 * row unlists it), so the INSERT and the DELETE cover the same ids. Returns the rows indexed.
 */
export function indexBatch(db: Db, limit: number): number {
  return db
    .transaction(() => {
      const threads = indexThreads(db).run(limit).changes;
      unlistThreads(db).run(limit);
      const room = limit - threads;
      if (room === 0) return threads;
      const posts = indexPosts(db).run(room).changes;
      unlistPosts(db).run(room);
      return threads + posts;
    })
    .immediate();
}

export interface CatchUpOptions {
  /** Aim for write transactions this long, so other writers wait little (the API's busy timeout is 5 s). */
  batchMs?: number;
  /** Pause between batches: a writer waiting in SQLite's busy handler needs a free moment to get the lock. */
  pauseMs?: number;
  onBatch?: (indexed: number) => void;
  /** Checked between batches; true stops early (all committed batches stay done). */
  stopped?: () => boolean;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const anyListed = statement('SELECT EXISTS (SELECT 1 FROM posts_unindexed) OR EXISTS (SELECT 1 FROM threads_unindexed)', (s) => s.pluck());

/** Indexes everything listed, batch by batch; resolves with the rows indexed. Batch size adapts to batchMs. */
export async function catchUpSearchIndex(db: Db, o: CatchUpOptions = {}): Promise<number> {
  // A read, so an idle poll never takes the write lock.
  if (!anyListed(db).get()) return 0;
  const batchMs = o.batchMs ?? 25;
  let limit = 200;
  let total = 0;
  while (!o.stopped?.()) {
    const start = performance.now();
    const n = indexBatch(db, limit);
    if (n === 0) break;
    total += n;
    o.onBatch?.(n);
    const ms = performance.now() - start;
    // Grow at most 4x at a time: one fast batch (a warm cache) must not make the next one long.
    if (n === limit) limit = Math.max(20, Math.min(limit * 4, 20_000, Math.round((limit * batchMs) / Math.max(ms, 1))));
    await sleep(o.pauseMs ?? 10);
  }
  return total;
}
