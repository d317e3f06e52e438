// Deferred full-text indexing (migration 006): a big import lists its new rows in
// posts_unindexed / threads_unindexed instead of indexing them in its transaction; catch-up
// indexes them afterwards in short write transactions, so the import is done sooner and the
// API's writers (coding saves) get the write lock between batches. Durable and idempotent:
// each batch indexes rows and removes them from the list in one transaction, so after a crash
// the next catch-up resumes where the last committed batch ended.
import type { Db } from './open.ts';
import { statement } from './prepared.ts';
import { writeTransaction } from './write-transaction.ts';

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

const maxIds = statement(
  'SELECT (SELECT coalesce(max(id), 0) FROM posts) AS post, (SELECT coalesce(max(id), 0) FROM threads) AS thread',
);
const listPostsAfter = statement<[number]>('INSERT INTO posts_unindexed (id) SELECT id FROM posts WHERE id > ?');
const listThreadsAfter = statement<[number]>('INSERT INTO threads_unindexed (id) SELECT id FROM threads WHERE id > ?');
const indexPostsAfter = statement<[number]>(
  'INSERT INTO posts_fts (rowid, text) SELECT id, text FROM posts WHERE id > ?',
);
const indexThreadsAfter = statement<[number]>(
  'INSERT INTO threads_fts (rowid, title) SELECT id, title FROM threads WHERE id > ?',
);

/**
 * For bulk inserts (INSERT … SELECT): call inside the write transaction before inserting; rows
 * inserted next get ids above `after` (the write lock keeps anyone else from inserting
 * meanwhile). After the inserts, either index() or list() every row added since.
 */
export function newRows(db: Db): { after: { post: number; thread: number }; index: () => void; list: () => void } {
  const after = maxIds(db).get() as { post: number; thread: number };
  return {
    after,
    index: () => {
      indexThreadsAfter(db).run(after.thread);
      indexPostsAfter(db).run(after.post);
    },
    list: () => {
      listThreadsAfter(db).run(after.thread);
      listPostsAfter(db).run(after.post);
    },
  };
}

export type IndexKind = 'threads' | 'posts';

// A batch's size counts each row's characters of text plus ROW_COST, a full-text insert's fixed
// cost: thread titles are short and cheap, posts long; counting rows alone let a limit grown on
// titles make one post batch hold the write lock 70 times too long.
const ROW_COST = 100;

function batchStatements(list: string, table: string, column: string, fts: string) {
  return {
    peek: statement<[number], { id: number; size: number }>(
      `SELECT u.id, coalesce(length(t.${column}), 0) + ${ROW_COST} AS size FROM ${list} u JOIN ${table} t ON t.id = u.id ORDER BY u.id LIMIT ?`,
    ),
    index: statement<[number]>(
      `INSERT INTO ${fts} (rowid, ${column}) SELECT t.id, t.${column} FROM ${list} u JOIN ${table} t ON t.id = u.id WHERE u.id <= ? ORDER BY u.id`,
    ),
    unlist: statement<[number]>(`DELETE FROM ${list} WHERE id <= ?`),
  };
}

const batches = {
  threads: batchStatements('threads_unindexed', 'threads', 'title', 'threads_fts'),
  posts: batchStatements('posts_unindexed', 'posts', 'text', 'posts_fts'),
};

/**
 * Indexes the first listed rows of one kind, in id order, up to `maxSize` (characters plus
 * ROW_COST a row; always at least one row), in one IMMEDIATE transaction that also unlists
 * them. Every listed id has its row (deleting a row unlists it). Returns the rows and their size.
 */
export function indexBatch(db: Db, kind: IndexKind, maxSize: number): { rows: number; size: number } {
  const q = batches[kind];
  return writeTransaction(db, () => {
    let rows = 0;
    let size = 0;
    let last = 0;
    for (const r of q.peek(db).iterate(Math.floor(maxSize / ROW_COST) + 1)) {
      if (rows > 0 && size + r.size > maxSize) break;
      rows++;
      size += r.size;
      last = r.id;
    }
    if (rows > 0) {
      q.index(db).run(last);
      q.unlist(db).run(last);
    }
    return { rows, size };
  });
}

const MIN_SIZE = 1_000;
const MAX_SIZE = 4_000_000;
const FIRST_SIZE = 50_000;

/** Chooses batch sizes so each write transaction takes about `targetMs`; one per kind of row. */
export class BatchSizer {
  size = FIRST_SIZE;
  constructor(private readonly targetMs: number) {}

  /** A batch of `size` took `ms`: the next is sized at the rate seen, growing at most 4x (a warm cache must not make it long). */
  measured(size: number, ms: number): void {
    const fit = Math.round((size * this.targetMs) / Math.max(ms, 1));
    this.size = Math.max(MIN_SIZE, Math.min(fit, size * 4, MAX_SIZE));
  }
}

export interface CatchUpOptions {
  /** Aim for write transactions this long, so other writers wait little (the API's busy timeout is 5 s). */
  batchMs?: number;
  /** Pause between batches: a writer waiting in SQLite's busy handler needs a free moment to get the lock. */
  pauseMs?: number;
  onBatch?: (batch: { kind: IndexKind; rows: number; size: number }) => void;
  /** Checked between batches; true stops early (all committed batches stay done). */
  stopped?: () => boolean;
  /** Milliseconds, to time batches (tests pass their own). */
  now?: () => number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const anyListed = statement(
  'SELECT EXISTS (SELECT 1 FROM posts_unindexed) OR EXISTS (SELECT 1 FROM threads_unindexed)',
  (s) => s.pluck(),
);

/**
 * Indexes everything listed, threads first (they make whole threads findable by title), batch
 * by batch; resolves with the rows indexed. Each kind's batch size adapts to batchMs on its own.
 */
export async function catchUpSearchIndex(db: Db, o: CatchUpOptions = {}): Promise<number> {
  // A read, so an idle poll never takes the write lock.
  if (!anyListed(db).get()) return 0;
  const now = o.now ?? (() => performance.now());
  let total = 0;
  for (const kind of ['threads', 'posts'] as const) {
    const sizer = new BatchSizer(o.batchMs ?? 25);
    while (!o.stopped?.()) {
      const start = now();
      const batch = indexBatch(db, kind, sizer.size);
      if (batch.rows === 0) break;
      sizer.measured(batch.size, now() - start);
      total += batch.rows;
      o.onBatch?.({ kind, ...batch });
      await sleep(o.pauseMs ?? 10);
    }
  }
  return total;
}
