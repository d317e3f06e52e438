// Phase 2 of an import: staged rows -> the real database, in ONE better-sqlite3 transaction,
// so an import lands whole or not at all. A first import into a source copies the attached
// staging file with INSERT … SELECT; later ones go row by row. Idempotent by (source,
// external id): a thread or post already stored is updated in place (same row id) when it
// changed, and left alone otherwise; a changed title or post content also becomes a new
// revision (db/revisions.ts), so codings keep the text they were made on. Posts absent from
// this file are kept: a dump may cover only part of a forum.
import { AppError } from '../http/errors.ts';
import type { Db } from '../db/open.ts';
import { POST_CONTENT, type PostContent, recordPostRevision, recordThreadRevision } from '../db/revisions.ts';
import { newRows, searchIndexState, type SearchIndexState } from '../db/search-catchup.ts';
import { indexNewPost, indexNewThread, listUnindexedPost, listUnindexedThread } from '../db/search-index.ts';
import { saveForumCategories } from '../db/source-categories.ts';
import type { ForumCategory } from './forum-category-list.ts';
import { POST_COLUMNS, POST_CONTENT_COLUMNS, UPDATED_POST_COLUMNS } from './post-fields.ts';
import type { Staging, StagedPostRow } from './staging.ts';
import type { Counts, ImportFormat } from './types.ts';
import { writeTransaction } from '../db/write-transaction.ts';

export interface StoreTarget {
  sourceName: string;
  sourceKind: ImportFormat;
  baseUrl?: string;
  importId?: number;
  /** The forum's categories that came with the file: stored with the threads, older threads relabelled. */
  categories?: ForumCategory[];
  /** Who owns the source if this import creates it (null: administrators only). */
  ownerId?: number | null;
  /**
   * The source did not exist when the import was queued: if another importer created it meanwhile, refuse
   * rather than write into their source.
   */
  newSource?: boolean;
  /** Leave new rows out of the full-text index, listed for catch-up (db/search-catchup.ts), instead of indexing them here. */
  deferIndex?: boolean;
}

export interface StoreResult {
  sourceId: number;
  threads: Counts;
  posts: Counts;
  /** The search index as this import's commit left it. */
  search: SearchIndexState;
}

interface ThreadRow {
  id: number;
  title: string;
  category: string | null;
  tags_json: string;
  url: string | null;
  views: number | null;
  created_at: string;
  solved: number;
  score: number | null;
}
interface PostRow {
  id: number;
  thread_id: number;
  post_number: number;
  content_hash: string;
}

/**
 * The thread whose rows are being stored, and its revision made by this import (null: none yet):
 * a new revision is made at the first change to its title, a post's content or its set of posts,
 * and shared by every later change in the same import.
 */
interface ThreadInStore {
  id: number;
  title: string;
  revision: number | null;
}

const conflict = () =>
  new AppError(
    'import.conflict',
    409,
    'Another import changed this source while this one was running; run this import again.',
  );

const takenMeanwhile = (name: string) =>
  new AppError(
    'source.not_owner',
    403,
    `Another importer created the source "${name}" while this import ran; import into a source of yours.`,
  );

export function storeStaged(db: Db, staging: Staging, target: StoreTarget): StoreResult {
  const q = statements(db);
  const threads: Counts = { new: 0, updated: 0, unchanged: 0 };
  const posts: Counts = { new: 0, updated: 0, unchanged: 0 };
  let sourceId = 0;
  let search!: SearchIndexState;
  // New rows the per-row path inserts are indexed (or listed for catch-up) at once: a later
  // row of the same file may update them, and the update trigger relies on that.
  const index: Index = target.deferIndex
    ? { thread: (id) => void q.listThread.run(id), post: (id) => void q.listPost.run(id) }
    : { thread: (id, title) => void q.indexThread.run(id, title), post: (id, text) => void q.indexPost.run(id, text) };
  db.prepare('ATTACH DATABASE ? AS staging').run(staging.path);
  try {
    // IMMEDIATE: the write lock is taken before the first read. A deferred transaction that read
    // first fails at once (SQLITE_BUSY_SNAPSHOT) if the API commits a save before its first write.
    writeTransaction(db, () => {
      // The source is created here, with the first rows stored in it: a failed import leaves no empty source.
      const found = q.findSource.get(target.sourceName) as { id: number; ownerId: number | null } | undefined;
      if (found && target.newSource && found.ownerId !== (target.ownerId ?? null))
        throw takenMeanwhile(target.sourceName);
      sourceId =
        found?.id ??
        Number(
          q.addSource.run(
            target.sourceName,
            target.sourceKind,
            target.baseUrl ?? null,
            target.ownerId ?? null,
            new Date().toISOString(),
          ).lastInsertRowid,
        );
      if (target.importId !== undefined) q.setImportSource.run(sourceId, target.importId);
      if (target.baseUrl) q.setBaseUrl.run(target.baseUrl, sourceId);
      // Checked inside the write lock, so it stays true: a first import has nothing to look up or update.
      if (!q.anyThread.get(sourceId)) {
        const copied = newRows(db);
        copyAll(db, copied.after, sourceId, target.importId ?? null, threads, posts);
        if (target.deferIndex) copied.list();
        else copied.index();
      } else {
        let seq = -1;
        let thread!: ThreadInStore;
        const importId = target.importId ?? null;
        for (const r of staging.rows()) {
          if (r.thread_seq !== seq) {
            seq = r.thread_seq;
            thread = upsertThread(db, q, index, sourceId, r, importId, threads);
          }
          upsertPost(db, q, index, sourceId, thread, r, importId, posts);
        }
      }
      if (target.categories) saveForumCategories(db, sourceId, target.categories);
      search = searchIndexState(db);
    });
  } finally {
    db.prepare('DETACH DATABASE staging').run();
  }
  return { sourceId, threads, posts, search };
}

/**
 * A first import into a source: every staged row is new, so they are copied in three
 * INSERT … SELECT statements with no per-row JavaScript. Ids are given (`after`, the current
 * maximum, plus the staging sequence), so posts can name their threads' ids without a lookup.
 */
function copyAll(
  db: Db,
  ids: { thread: number; post: number },
  sourceId: number,
  importId: number | null,
  threads: Counts,
  posts: Counts,
): void {
  // Phase 1 skipped sanitizing because it saw stored posts; they are gone now.
  if (db.prepare('SELECT 1 FROM staging.posts WHERE html IS NULL OR text IS NULL LIMIT 1').get()) throw conflict();
  threads.new = db
    .prepare(
      `INSERT INTO threads (id, source_id, external_id, title, category, tags_json, url, views, created_at, solved, score, import_id)
       SELECT ? + seq, ?, external_id, title, category, tags_json, url, views, created_at, solved, score, ? FROM staging.threads ORDER BY seq`,
    )
    .run(ids.thread, sourceId, importId).changes;
  db.prepare(
    'INSERT OR IGNORE INTO thread_tags (thread_id, tag) SELECT ? + t.seq, j.value FROM staging.threads t, json_each(t.tags_json) j',
  ).run(ids.thread);
  posts.new = db
    .prepare(
      `INSERT INTO posts (id, source_id, thread_id, ${POST_COLUMNS.join(', ')})
       SELECT ? + seq, ?, ? + thread_seq, ${POST_COLUMNS.join(', ')} FROM staging.posts ORDER BY seq`,
    )
    .run(ids.post, sourceId, ids.thread).changes;
  db.prepare(
    "INSERT INTO posts_quoted_fts (rowid, quoted_text) SELECT id, quoted_text FROM posts WHERE id > ? AND quoted_text <> ''",
  ).run(ids.post);
  const at = new Date().toISOString();
  db.prepare(
    'INSERT INTO thread_revisions (thread_id, revision, title, stored_at, import_id) SELECT ? + seq, 1, title, ?, ? FROM staging.threads',
  ).run(ids.thread, at, importId);
  db.prepare(
    `INSERT INTO post_revisions (post_id, revision, thread_revision, content_hash, ${POST_CONTENT}, stored_at, import_id)
     SELECT ? + seq, 1, 1, content_hash, ${POST_CONTENT}, ?, ? FROM staging.posts`,
  ).run(ids.post, at, importId);
}

/** Adds a new row to its full-text index, or lists it for catch-up. */
interface Index {
  thread(id: number | bigint, title: string): void;
  post(id: number | bigint, text: string): void;
}

function upsertThread(
  db: Db,
  q: Statements,
  index: Index,
  sourceId: number,
  r: StagedPostRow,
  importId: number | null,
  counts: Counts,
): ThreadInStore {
  const old = q.findThread.get(sourceId, r.thread_external_id) as ThreadRow | undefined;
  if (!old) {
    const id = Number(
      q.addThread.run(
        sourceId,
        r.thread_external_id,
        r.title,
        r.category,
        r.tags_json,
        r.url,
        r.views,
        r.thread_created_at,
        r.solved,
        r.score,
        importId,
      ).lastInsertRowid,
    );
    index.thread(id, r.title);
    for (const tag of JSON.parse(r.tags_json) as string[]) q.addTag.run(id, tag);
    counts.new++;
    return { id, title: r.title, revision: recordThreadRevision(db, id, r.title, importId) };
  }
  const thread: ThreadInStore = { id: old.id, title: r.title, revision: null };
  // A field this file does not have (no --base-url this time, no view counts) keeps its stored value.
  const next = {
    title: r.title,
    category: r.category ?? old.category,
    tags_json: r.tags_json,
    url: r.url ?? old.url,
    views: r.views ?? old.views,
    created_at: r.thread_created_at,
    solved: r.solved,
    score: r.score ?? old.score,
  };
  const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === old[k]);
  if (same) {
    counts.unchanged++;
    return thread;
  }
  q.updateThread.run(
    next.title,
    next.category,
    next.tags_json,
    next.url,
    next.views,
    next.created_at,
    next.solved,
    next.score,
    importId,
    old.id,
  );
  if (next.tags_json !== old.tags_json) {
    q.clearTags.run(old.id);
    for (const tag of JSON.parse(next.tags_json) as string[]) q.addTag.run(old.id, tag);
  }
  if (next.title !== old.title) revise(db, thread, importId);
  counts.updated++;
  return thread;
}

/** The thread revision this import's changes belong to, made at the first change. */
function revise(db: Db, thread: ThreadInStore, importId: number | null): number {
  thread.revision ??= recordThreadRevision(db, thread.id, thread.title, importId);
  return thread.revision;
}

function upsertPost(
  db: Db,
  q: Statements,
  index: Index,
  sourceId: number,
  thread: ThreadInStore,
  r: StagedPostRow,
  importId: number | null,
  counts: Counts,
): void {
  const threadId = thread.id;
  const old = q.findPost.get(sourceId, r.external_id) as PostRow | undefined;
  if (old && old.content_hash === r.content_hash) {
    if (old.thread_id === threadId && old.post_number === r.post_number) return void counts.unchanged++;
    q.movePost.run(threadId, r.post_number, old.id);
    return void counts.updated++;
  }
  // Phase 1 skipped sanitizing because the stored hash matched; it no longer does.
  if (r.html === null || r.text === null) throw conflict();
  if (old) {
    // The input hash also covers likes, author and dates; only a change to what the post says is a revision.
    const stored = q.postContent.get(old.id) as PostContent;
    const edited = POST_CONTENT_COLUMNS.some((c) => stored[c] !== r[c]);
    q.updatePost.run(threadId, ...UPDATED_POST_COLUMNS.map((c) => r[c]), old.id);
    if (edited) recordPostRevision(db, old.id, revise(db, thread, importId), importId);
    counts.updated++;
  } else {
    const id = q.addPost.run(sourceId, threadId, ...POST_COLUMNS.map((c) => r[c])).lastInsertRowid;
    index.post(id, r.text);
    if (r.quoted_text) q.indexQuoted.run(id, r.quoted_text);
    recordPostRevision(db, Number(id), revise(db, thread, importId), importId);
    counts.new++;
  }
}

type Statements = ReturnType<typeof statements>;

// Prepared once per connection and reused for every row of every import on it.
const cache = new WeakMap<Db, ReturnType<typeof build>>();
function statements(db: Db) {
  let s = cache.get(db);
  if (!s) {
    s = build(db);
    cache.set(db, s);
  }
  return s;
}

function build(db: Db) {
  return {
    findSource: db.prepare('SELECT id, owner_id AS ownerId FROM sources WHERE name = ?'),
    addSource: db.prepare('INSERT INTO sources (name, kind, base_url, owner_id, created_at) VALUES (?, ?, ?, ?, ?)'),
    setImportSource: db.prepare('UPDATE imports SET source_id = ? WHERE id = ?'),
    setBaseUrl: db.prepare('UPDATE sources SET base_url = ? WHERE id = ? AND base_url IS NULL'),
    anyThread: db.prepare('SELECT 1 FROM threads WHERE source_id = ? LIMIT 1'),
    findThread: db.prepare(
      'SELECT id, title, category, tags_json, url, views, created_at, solved, score FROM threads WHERE source_id = ? AND external_id = ?',
    ),
    addThread: db.prepare(
      'INSERT INTO threads (source_id, external_id, title, category, tags_json, url, views, created_at, solved, score, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    updateThread: db.prepare(
      'UPDATE threads SET title = ?, category = ?, tags_json = ?, url = ?, views = ?, created_at = ?, solved = ?, score = ?, import_id = ? WHERE id = ?',
    ),
    addTag: db.prepare('INSERT OR IGNORE INTO thread_tags (thread_id, tag) VALUES (?, ?)'),
    clearTags: db.prepare('DELETE FROM thread_tags WHERE thread_id = ?'),
    findPost: db.prepare(
      'SELECT id, thread_id, post_number, content_hash FROM posts WHERE source_id = ? AND external_id = ?',
    ),
    addPost: db.prepare(
      `INSERT INTO posts (source_id, thread_id, ${POST_COLUMNS.join(', ')})
       VALUES (?, ?, ${POST_COLUMNS.map(() => '?').join(', ')})`,
    ),
    updatePost: db.prepare(
      `UPDATE posts SET thread_id = ?, ${UPDATED_POST_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
    ),
    postContent: db.prepare(`SELECT ${POST_CONTENT} FROM posts WHERE id = ?`),
    movePost: db.prepare('UPDATE posts SET thread_id = ?, post_number = ? WHERE id = ?'),
    // Quoted words are indexed at once, never deferred: few posts quote (migration 012).
    indexQuoted: db.prepare('INSERT INTO posts_quoted_fts (rowid, quoted_text) VALUES (?, ?)'),
    indexThread: indexNewThread(db),
    indexPost: indexNewPost(db),
    listThread: listUnindexedThread(db),
    listPost: listUnindexedPost(db),
  };
}
