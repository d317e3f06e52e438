// Phase 1 writes sanitized, ready-to-store rows here (a temporary SQLite file, deleted on
// close); phase 2 (store.ts) copies them into the real database in one short transaction,
// on a first import by attaching this file and copying with INSERT … SELECT. Staging keeps
// memory flat however big the dump, and keeps the real database's write lock off the slow
// part (parsing and sanitizing), so the API keeps accepting codings while a big import runs.
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SanitizedPost } from './sanitize.ts';
import { POST_COLUMN_TYPES, POST_COLUMNS, postValues, type StagedPost } from './post-fields.ts';
import type { NormalizedPost, NormalizedThread } from './types.ts';
import { writeTransaction } from '../db/write-transaction.ts';

export interface PreparedPost {
  post: NormalizedPost;
  hash: string;
  /** Undefined when phase 1 found the same hash in the database: nothing to re-sanitize. */
  clean?: SanitizedPost;
}

/** A staged post with its thread's fields, as the store reads them. */
export type StagedPostRow = StagedPost & {
  thread_seq: number;
  thread_external_id: string;
  title: string;
  category: string | null;
  tags_json: string;
  url: string | null;
  views: number | null;
  thread_created_at: string;
  solved: number;
  score: number | null;
};

export class Staging {
  // The owner's pid in the name lets removeOrphanedStaging tell a killed process's file from a live one's.
  private readonly dir = mkdtempSync(join(tmpdir(), `threadcoder-staging-${process.pid}-`));
  /** The staging file, for ATTACH (every write() is committed). */
  readonly path = join(this.dir, 'staging.db');
  private readonly db = new Database(this.path);
  private readonly addThread;
  private readonly addPost;
  threads = 0;
  posts = 0;

  constructor() {
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`
      CREATE TABLE threads (seq INTEGER PRIMARY KEY, external_id TEXT, title TEXT, category TEXT, tags_json TEXT, url TEXT, views INTEGER, created_at TEXT,
        solved INTEGER, score INTEGER);
      CREATE TABLE posts (seq INTEGER PRIMARY KEY, thread_seq INTEGER, relative_links INTEGER, ${POST_COLUMN_TYPES});`);
    this.addThread = this.db.prepare(
      'INSERT INTO threads (external_id, title, category, tags_json, url, views, created_at, solved, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.addPost = this.db.prepare(
      `INSERT INTO posts (thread_seq, relative_links, ${POST_COLUMNS.join(', ')})
       VALUES (?, ?, ${POST_COLUMNS.map(() => '?').join(', ')})`,
    );
  }

  /** Stages threads with their prepared posts, in one staging transaction per call. */
  readonly write = (batch: { thread: NormalizedThread; posts: PreparedPost[] }[]): void => {
    writeTransaction(this.db, () => {
      for (const { thread: t, posts } of batch) {
        const tags = JSON.stringify(t.tags);
        const seq = this.addThread.run(
          t.externalId,
          t.title,
          t.category ?? null,
          tags,
          t.url ?? null,
          t.views ?? null,
          t.createdAt,
          t.solved ? 1 : 0,
          t.score ?? null,
        ).lastInsertRowid;
        for (const { post: p, hash, clean } of posts) {
          this.addPost.run(seq, clean?.relativeLinks ?? 0, ...postValues(p, clean, hash));
        }
        this.threads++;
        this.posts += posts.length;
      }
    });
  };

  /** Every staged post with its thread's fields, threads in staging order, posts in order within. */
  rows(): IterableIterator<StagedPostRow> {
    return this.db
      .prepare(
        `SELECT p.thread_seq, t.external_id AS thread_external_id, t.title, t.category, t.tags_json, t.url, t.views,
           t.created_at AS thread_created_at, t.solved, t.score, ${POST_COLUMNS.map((c) => `p.${c}`).join(', ')}
         FROM posts p JOIN threads t ON t.seq = p.thread_seq ORDER BY p.seq`,
      )
      .iterate() as IterableIterator<StagedPostRow>;
  }

  /** Links and images the sanitizer left relative, over the posts sanitized in this import. */
  relativeLinks(): number {
    return this.db.prepare('SELECT coalesce(sum(relative_links), 0) FROM posts').pluck().get() as number;
  }

  close(): void {
    this.db.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * At server start, before any import: deletes the staging files of imports whose process died
 * (a SIGKILL or a crash skips close(), and a file can be as large as its dump). Imports run on
 * this process's threads, so a file named with this pid is a leftover too: in a container the
 * restarted server is pid 1 again, as was the one killed. Files of other live processes (a CLI
 * import) are left alone; one that cannot be removed is logged, never stops the start.
 */
export function removeOrphanedStaging(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = Number(/^threadcoder-staging-(\d+)-/.exec(name)?.[1] ?? 0);
    if (pid === 0 || (pid !== process.pid && isAlive(pid))) continue;
    try {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch (err) {
      console.error(
        JSON.stringify({
          at: new Date().toISOString(),
          level: 'error',
          error: `could not remove old import staging ${join(tmpdir(), name)}: ${(err as Error).message}`,
        }),
      );
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by another user
  }
}
