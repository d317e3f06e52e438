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
import type { NormalizedPost, NormalizedThread } from './types.ts';

export interface PreparedPost {
  post: NormalizedPost;
  hash: string;
  /** Undefined when phase 1 found the same hash in the database: nothing to re-sanitize. */
  clean?: SanitizedPost;
}

export interface StagedPostRow {
  threadSeq: number;
  externalId: string;
  title: string;
  category: string | null;
  tagsJson: string;
  url: string | null;
  views: number | null;
  threadCreatedAt: string;
  solved: number;
  score: number | null;
  postExternalId: string;
  postNumber: number;
  replyTo: number | null;
  author: string | null;
  createdAt: string;
  html: string | null;
  text: string | null;
  quotedText: string | null;
  previewText: string | null;
  contentKind: string | null;
  likeCount: number | null;
  acceptedAnswer: number;
  authorRole: string | null;
  authorGroup: string | null;
  authorTitle: string | null;
  authorFlair: string | null;
  authorTrustLevel: number | null;
  contentHash: string;
}

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
      CREATE TABLE posts (seq INTEGER PRIMARY KEY, thread_seq INTEGER, external_id TEXT, post_number INTEGER, reply_to INTEGER,
        author TEXT, created_at TEXT, html TEXT, text TEXT, quoted_text TEXT, preview_text TEXT, content_kind TEXT,
        relative_links INTEGER, like_count INTEGER, accepted_answer INTEGER, author_role TEXT, author_group TEXT, author_title TEXT,
        author_flair TEXT, author_trust_level INTEGER, content_hash TEXT);`);
    this.addThread = this.db.prepare(
      'INSERT INTO threads (external_id, title, category, tags_json, url, views, created_at, solved, score) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.addPost = this.db.prepare(
      `INSERT INTO posts (thread_seq, external_id, post_number, reply_to, author, created_at, html, text, quoted_text, preview_text,
         content_kind, relative_links, like_count, accepted_answer, author_role, author_group, author_title, author_flair,
         author_trust_level, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Stages threads with their prepared posts, in one staging transaction per call. */
  readonly write = (batch: { thread: NormalizedThread; posts: PreparedPost[] }[]): void => {
    this.db.transaction(() => {
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
          this.addPost.run(
            seq,
            p.externalId,
            p.postNumber,
            p.replyTo ?? null,
            p.author ?? null,
            p.createdAt,
            clean?.html ?? null,
            clean?.text ?? null,
            clean?.quotedText ?? null,
            clean?.previewText ?? null,
            clean?.contentKind ?? null,
            clean?.relativeLinks ?? 0,
            p.likeCount ?? null,
            p.acceptedAnswer ? 1 : 0,
            p.authorRole ?? null,
            p.authorGroup ?? null,
            p.authorTitle ?? null,
            p.authorFlair ?? null,
            p.authorTrustLevel ?? null,
            hash,
          );
        }
        this.threads++;
        this.posts += posts.length;
      }
    })();
  };

  /** Every staged post with its thread's fields, threads in staging order, posts in order within. */
  rows(): IterableIterator<StagedPostRow> {
    return this.db
      .prepare(
        `SELECT p.thread_seq AS threadSeq, t.external_id AS externalId, t.title, t.category, t.tags_json AS tagsJson, t.url, t.views,
           t.created_at AS threadCreatedAt, t.solved, t.score, p.external_id AS postExternalId, p.post_number AS postNumber, p.reply_to AS replyTo,
           p.author, p.created_at AS createdAt, p.html, p.text, p.quoted_text AS quotedText, p.preview_text AS previewText,
           p.content_kind AS contentKind, p.like_count AS likeCount, p.accepted_answer AS acceptedAnswer, p.author_role AS authorRole,
           p.author_group AS authorGroup, p.author_title AS authorTitle, p.author_flair AS authorFlair,
           p.author_trust_level AS authorTrustLevel, p.content_hash AS contentHash
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
