// The rows of a whole-forum run (migration 013): listed topics with their fields, posts read
// and waiting for their topic's import, the newest post seen, and per source the mark a
// finished run leaves so the next one stops there. Every page read is saved in one transaction.
import type { Db } from '../db/open.ts';
import type { ListedTopic } from './listing.ts';
import type { CollectionReport } from './report.ts';
import { finishTopic, type PendingTopic, type TopicStatus } from './state.ts';
import { writeTransaction } from '../db/write-transaction.ts';

/** The cursor once both walks are done: what is left is importing. */
export const IMPORT_CURSOR = 'import';

export interface LatestPost {
  id: number;
  topicId: number;
  createdAt: string;
  json: Record<string, unknown>;
}

const now = () => new Date().toISOString();

export function addListingPage(db: Db, id: number, topics: ListedTopic[], next: string, requests: number): void {
  writeTransaction(db, () => {
    let seq = db
      .prepare('SELECT coalesce(max(seq), 0) FROM collection_topics WHERE collection_id = ?')
      .pluck()
      .get(id) as number;
    const add = db.prepare(
      'INSERT OR IGNORE INTO collection_topics (collection_id, topic_id, seq, posts_count, highest_post_number, last_posted_at, listing_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const t of topics)
      add.run(id, t.id, ++seq, t.postsCount, t.highestPostNumber, t.lastPostedAt, JSON.stringify(t.fields));
    db.prepare('UPDATE collections SET cursor = ?, requests = ?, updated_at = ? WHERE id = ?').run(
      next,
      requests,
      now(),
      id,
    );
  });
}

/** One /posts.json page: its posts (those past the mark), the next cursor, and on the first page the forum's newest post. */
export function addPostsPage(
  db: Db,
  id: number,
  posts: LatestPost[],
  next: string,
  requests: number,
  newest?: LatestPost,
): void {
  writeTransaction(db, () => {
    const add = db.prepare(
      'INSERT OR IGNORE INTO collection_posts (collection_id, post_id, topic_id, json) VALUES (?, ?, ?, ?)',
    );
    for (const p of posts) add.run(id, p.id, p.topicId, JSON.stringify(p.json));
    if (newest)
      db.prepare(
        'UPDATE collections SET newest_post_id = ?, newest_post_at = ? WHERE id = ? AND newest_post_id IS NULL',
      ).run(newest.id, newest.createdAt, id);
    db.prepare('UPDATE collections SET cursor = ?, listing_done = ?, requests = ?, updated_at = ? WHERE id = ?').run(
      next,
      next === IMPORT_CURSOR ? 1 : 0,
      requests,
      now(),
      id,
    );
  });
}

export function nextTopicToImport(db: Db, id: number): number | undefined {
  return db
    .prepare('SELECT topic_id FROM collection_posts WHERE collection_id = ? ORDER BY topic_id DESC LIMIT 1')
    .pluck()
    .get(id) as number | undefined;
}

export function topicPosts(db: Db, id: number, topicId: number): Record<string, unknown>[] {
  return (
    db
      .prepare('SELECT json FROM collection_posts WHERE collection_id = ? AND topic_id = ? ORDER BY post_id')
      .pluck()
      .all(id, topicId) as string[]
  ).map((j) => JSON.parse(j) as Record<string, unknown>);
}

/** The topic as the listing showed it, or undefined if the listing never did (a category kept out of /latest). */
export function listedTopic(
  db: Db,
  id: number,
  topicId: number,
): { pending: PendingTopic; fields: Record<string, unknown> } | undefined {
  const row = db
    .prepare(`SELECT topic_id AS topicId, posts_count AS postsCount, highest_post_number AS highestPostNumber,
                last_posted_at AS lastPostedAt, listing_json AS listing
              FROM collection_topics WHERE collection_id = ? AND topic_id = ?`)
    .get(id, topicId) as (PendingTopic & { listing: string | null }) | undefined;
  if (!row?.listing) return undefined;
  const { listing, ...pending } = row;
  return { pending, fields: JSON.parse(listing) as Record<string, unknown> };
}

/** A topic imported (or failed): its waiting posts go, its outcome and fingerprint are kept, in one transaction. */
export function finishWholeForumTopic(
  db: Db,
  id: number,
  sourceId: number | null,
  t: PendingTopic,
  status: Exclude<TopicStatus, 'pending'>,
  report: CollectionReport,
  requests: number,
): void {
  writeTransaction(db, () => {
    db.prepare('DELETE FROM collection_posts WHERE collection_id = ? AND topic_id = ?').run(id, t.topicId);
    db.prepare(`INSERT OR IGNORE INTO collection_topics (collection_id, topic_id, seq, posts_count, highest_post_number, last_posted_at)
                VALUES (?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM collection_topics WHERE collection_id = ?), ?, ?, ?)`).run(
      id,
      t.topicId,
      id,
      t.postsCount,
      t.highestPostNumber,
      t.lastPostedAt,
    );
    finishTopic(db, id, sourceId, t, status, report, requests);
  });
}

/** Listed topics without a post to import (bumped by an edit, or every post hidden) were unchanged; the mark moves up. */
export function finishWholeForum(db: Db, id: number, sourceId: number | null): void {
  writeTransaction(db, () => {
    db.prepare("UPDATE collection_topics SET status = 'unchanged' WHERE collection_id = ? AND status = 'pending'").run(
      id,
    );
    // No source: nothing was stored, so there is no mark to move.
    if (sourceId === null) return;
    db.prepare(`INSERT INTO whole_forum_marks (source_id, post_id, posted_at)
                SELECT ?, newest_post_id, newest_post_at FROM collections WHERE id = ? AND newest_post_id IS NOT NULL
                ON CONFLICT (source_id) DO UPDATE SET post_id = excluded.post_id, posted_at = excluded.posted_at`).run(
      sourceId,
      id,
    );
  });
}

/** The newest post the last finished whole-forum run stored: this run stops there. */
export function wholeForumMark(db: Db, sourceId: number): { postId: number; postedAt: string } | undefined {
  return db
    .prepare('SELECT post_id AS postId, posted_at AS postedAt FROM whole_forum_marks WHERE source_id = ?')
    .get(sourceId) as { postId: number; postedAt: string } | undefined;
}
