// Revisions of forum content (migration 014): every version of a thread's title and of a post's
// stored content, the current one included. Imports and collections write them (import/store.ts);
// a coding records the revision of its unit it was made on (codings.revision), and everything
// that shows or exports coded text reads it at that revision, so a re-import never changes the
// words under a coding.
//
// A post unit's revision is its post's. A thread unit's revision is its thread's, which moves on
// when the title, any post's content or the set of posts changes; a post revision names the
// thread revision it belongs to. A row written outside the import (test fixtures, benchmarks)
// has no revisions: it counts as revision 1 with its stored content.
import { POST_CONTENT_COLUMNS, type PostContentColumn } from '../import/post-fields.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';

/** The post's content columns a revision keeps (migrations 014, 022; a new one needs its post_revisions column too). */
export const POST_CONTENT = POST_CONTENT_COLUMNS.join(', ');

/** A post's content as stored in posts and in each of its revisions. */
export type PostContent = Record<PostContentColumn, string>;

const nextThreadRevision = statement<{ threadId: number; title: string; at: string; importId: number | null }, number>(
  `INSERT INTO thread_revisions (thread_id, revision, title, stored_at, import_id)
   SELECT @threadId, coalesce(max(revision), 0) + 1, @title, @at, @importId FROM thread_revisions WHERE thread_id = @threadId
   RETURNING revision`,
  (s) => s.pluck(),
);

// A snapshot of the post row as it is now stored: the caller writes the post first.
const nextPostRevision = statement<{ postId: number; threadRevision: number; at: string; importId: number | null }>(
  `INSERT INTO post_revisions (post_id, revision, thread_revision, content_hash, stored_at, import_id, ${POST_CONTENT})
   SELECT p.id, coalesce((SELECT max(revision) FROM post_revisions WHERE post_id = p.id), 0) + 1, @threadRevision,
     p.content_hash, @at, @importId, ${POST_CONTENT.replace(/(\w+)/g, 'p.$1')}
   FROM posts p WHERE p.id = @postId`,
);

/** Stores the thread's next revision with its current title; returns its number. */
export function recordThreadRevision(db: Db, threadId: number, title: string, importId: number | null): number {
  return nextThreadRevision(db).get({ threadId, title, at: new Date().toISOString(), importId })!;
}

/** Stores the post's current content as its next revision, belonging to the thread's revision. */
export function recordPostRevision(db: Db, postId: number, threadRevision: number, importId: number | null): void {
  nextPostRevision(db).run({ postId, threadRevision, at: new Date().toISOString(), importId });
}

/** SQL for the current revision of unit `u` (joined as `u`): what a new coding is made on. */
export const currentUnitRevisionSql = `CASE WHEN u.post_id IS NULL
  THEN coalesce((SELECT max(revision) FROM thread_revisions WHERE thread_id = u.thread_id), 1)
  ELSE coalesce((SELECT max(revision) FROM post_revisions WHERE post_id = u.post_id), 1) END`;

const threadRevision = statement<[number], number>(
  'SELECT coalesce(max(revision), 1) FROM thread_revisions WHERE thread_id = ?',
  (s) => s.pluck(),
);

/** The thread's current revision (1 for a thread with none stored). */
export function currentThreadRevision(db: Db, threadId: number): number {
  return threadRevision(db).get(threadId)!;
}
