// The collector's rows (migration 007): runs, the topics each run's listing found, and the
// fingerprint of every topic as last imported. Everything a run needs to resume is here.
import type { Db } from '../db/open.ts';
import { AppError } from '../http/errors.ts';
import type { ListedTopic } from './listing.ts';
import { emptyReport, type CollectionReport } from './report.ts';
import { writeTransaction } from '../db/write-transaction.ts';

export type CollectionStatus = 'running' | 'stopped' | 'succeeded' | 'failed';
export type TopicStatus = 'pending' | 'done' | 'unchanged' | 'failed';

/** What a run collects; stored with it (credentials never are). */
export interface CollectionOptions {
  forumUrl: string;
  source: string;
  category?: string;
  /** ISO bounds on a topic's created_at: since inclusive, until exclusive. */
  since?: string;
  until?: string;
  maxTopics?: number;
  /** Requests per second. */
  rate: number;
  /** The whole forum through /posts.json (whole-forum.ts), not topic by topic; from the newest post a finished one stored. */
  wholeForum?: boolean;
}

export interface CollectionProgress {
  topicsKnown: number;
  topicsDone: number;
  topicsUnchanged: number;
  topicsFailed: number;
  postsKnown: number;
  postsDone: number;
  requests: number;
  /** Seconds left at the configured rate for the topics listed so far; null until the listing has started. */
  etaSeconds: number | null;
}

export interface CollectionRecord {
  id: number;
  /** Null until the run stores a topic (a new source is created only then). */
  sourceId: number | null;
  sourceName: string;
  userId: number | null;
  options: CollectionOptions;
  status: CollectionStatus;
  listingDone: boolean;
  progress: CollectionProgress;
  report: CollectionReport;
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface PendingTopic {
  topicId: number;
  postsCount: number;
  highestPostNumber: number | null;
  lastPostedAt: string | null;
}

interface Row {
  id: number;
  source_id: number | null;
  source_name: string;
  user_id: number | null;
  options_json: string;
  status: CollectionStatus;
  listing_done: number;
  requests: number;
  report_json: string;
  error_json: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  cursor: string | null;
}

const now = () => new Date().toISOString();

export function resumeKey(sourceName: string, o: CollectionOptions): string {
  return JSON.stringify([
    sourceName,
    o.forumUrl,
    o.category ?? null,
    o.since ?? null,
    o.until ?? null,
    o.maxTopics ?? null,
    // Only whole-forum runs carry the flag, so runs started before it existed keep their keys.
    ...(o.wholeForum ? ['whole-forum'] : []),
  ]);
}

/**
 * The source to collect into, if it exists (a new one is created with the first topic stored, so a
 * refused run leaves no empty source); 409 if it holds data of another kind.
 */
export function existingSource(db: Db, name: string): number | undefined {
  const found = db.prepare('SELECT id, kind FROM sources WHERE name = ?').get(name) as
    | { id: number; kind: string }
    | undefined;
  if (found && found.kind !== 'discourse')
    throw new AppError(
      'collect.source_kind',
      409,
      `The source "${name}" holds ${found.kind} data; collect a Discourse forum into another source.`,
      { field: 'source' },
    );
  return found?.id;
}

/** Records the run's source once its first topic created it; returns the source's id. */
export function attachSource(db: Db, id: number, name: string): number {
  const sourceId = db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(name) as number;
  db.prepare('UPDATE collections SET source_id = ? WHERE id = ? AND source_id IS NULL').run(sourceId, id);
  return sourceId;
}

/** The unfinished run with the same source and selection, if the newest such run did not succeed. */
export function findResumable(db: Db, key: string): { id: number; status: CollectionStatus } | undefined {
  const row = db.prepare('SELECT id, status FROM collections WHERE resume_key = ? ORDER BY id DESC LIMIT 1').get(key) as
    | { id: number; status: CollectionStatus }
    | undefined;
  return row && row.status !== 'succeeded' ? row : undefined;
}

export function createCollection(db: Db, sourceId: number | null, userId: number | null, o: CollectionOptions): number {
  const t = now();
  return Number(
    db
      .prepare(
        'INSERT INTO collections (source_id, source_name, user_id, forum_url, options_json, resume_key, report_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        sourceId,
        o.source,
        userId,
        o.forumUrl,
        JSON.stringify(o),
        resumeKey(o.source, o),
        JSON.stringify(emptyReport()),
        t,
        t,
      ).lastInsertRowid,
  );
}

/** Marks a run running again (a resume may bring a new rate). */
export function reopenCollection(db: Db, id: number, o: CollectionOptions): void {
  db.prepare(
    "UPDATE collections SET status = 'running', options_json = ?, error_json = NULL, finished_at = NULL, updated_at = ? WHERE id = ?",
  ).run(JSON.stringify(o), now(), id);
}

export function readCursor(
  db: Db,
  id: number,
): { cursor: string | null; listingDone: boolean; listed: number; requests: number } {
  const r = db
    .prepare(
      'SELECT cursor, listing_done, requests, (SELECT count(*) FROM collection_topics WHERE collection_id = ?) AS listed FROM collections WHERE id = ?',
    )
    .get(id, id) as { cursor: string | null; listing_done: number; requests: number; listed: number };
  return { cursor: r.cursor, listingDone: r.listing_done === 1, listed: r.listed, requests: r.requests };
}

export function setCursor(db: Db, id: number, cursor: string): void {
  db.prepare('UPDATE collections SET cursor = ?, updated_at = ? WHERE id = ?').run(cursor, now(), id);
}

/** One listing page read: its selected topics and where to go next, in one transaction. */
export function addListedTopics(
  db: Db,
  id: number,
  topics: ListedTopic[],
  next: string | null,
  requests: number,
): void {
  writeTransaction(db, () => {
    let seq = db
      .prepare('SELECT coalesce(max(seq), 0) FROM collection_topics WHERE collection_id = ?')
      .pluck()
      .get(id) as number;
    // A topic bumped while we page can show up twice; the first sighting stands.
    const add = db.prepare(
      'INSERT OR IGNORE INTO collection_topics (collection_id, topic_id, seq, posts_count, highest_post_number, last_posted_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (const t of topics) add.run(id, t.id, ++seq, t.postsCount, t.highestPostNumber, t.lastPostedAt);
    db.prepare('UPDATE collections SET cursor = ?, listing_done = ?, requests = ?, updated_at = ? WHERE id = ?').run(
      next,
      next === null ? 1 : 0,
      requests,
      now(),
      id,
    );
  });
}

export function nextPending(db: Db, id: number): PendingTopic | undefined {
  return db
    .prepare(`SELECT topic_id AS topicId, posts_count AS postsCount, highest_post_number AS highestPostNumber, last_posted_at AS lastPostedAt
              FROM collection_topics WHERE collection_id = ? AND status = 'pending' ORDER BY seq LIMIT 1`)
    .get(id) as PendingTopic | undefined;
}

/** Same posts count, highest post number and last post time as when it was last imported. */
export function isUnchanged(db: Db, sourceId: number | null, t: PendingTopic): boolean {
  return (
    sourceId !== null &&
    db
      .prepare(
        'SELECT 1 FROM collected_topics WHERE source_id = ? AND topic_id = ? AND posts_count = ? AND highest_post_number IS ? AND last_posted_at IS ?',
      )
      .get(sourceId, t.topicId, t.postsCount, t.highestPostNumber, t.lastPostedAt) !== undefined
  );
}

/** Records a topic's outcome, the run's report and request count; a done topic's fingerprint is kept for later runs. */
export function finishTopic(
  db: Db,
  id: number,
  sourceId: number | null,
  t: PendingTopic,
  status: Exclude<TopicStatus, 'pending'>,
  report: CollectionReport,
  requests: number,
): void {
  writeTransaction(db, () => {
    db.prepare('UPDATE collection_topics SET status = ? WHERE collection_id = ? AND topic_id = ?').run(
      status,
      id,
      t.topicId,
    );
    if (status === 'done' && sourceId !== null) {
      db.prepare(`INSERT INTO collected_topics (source_id, topic_id, posts_count, highest_post_number, last_posted_at, collected_at) VALUES (?, ?, ?, ?, ?, ?)
                  ON CONFLICT (source_id, topic_id) DO UPDATE SET posts_count = excluded.posts_count, highest_post_number = excluded.highest_post_number,
                    last_posted_at = excluded.last_posted_at, collected_at = excluded.collected_at`).run(
        sourceId,
        t.topicId,
        t.postsCount,
        t.highestPostNumber,
        t.lastPostedAt,
        now(),
      );
    }
    db.prepare('UPDATE collections SET report_json = ?, requests = ?, updated_at = ? WHERE id = ?').run(
      JSON.stringify(report),
      requests,
      now(),
      id,
    );
  });
}

export function endCollection(
  db: Db,
  id: number,
  status: Exclude<CollectionStatus, 'running'>,
  requests: number,
  error?: { code: string; message: string },
): void {
  db.prepare(
    'UPDATE collections SET status = ?, requests = ?, error_json = ?, updated_at = ?, finished_at = ? WHERE id = ?',
  ).run(status, requests, error ? JSON.stringify(error) : null, now(), now(), id);
}

/** Runs a dead process left running become stopped: they resume when started again. */
export function stopInterruptedCollections(db: Db): number {
  return db.prepare("UPDATE collections SET status = 'stopped', updated_at = ? WHERE status = 'running'").run(now())
    .changes;
}

const select = `SELECT c.* FROM collections c LEFT JOIN sources s ON s.id = c.source_id`;

export function getCollection(db: Db, id: number): CollectionRecord | undefined {
  const row = db.prepare(`${select} WHERE c.id = ?`).get(id) as Row | undefined;
  return row && toRecord(db, row);
}

/** Newest first; with `ownerId`, only runs into sources that user owns, and their own runs that stored nothing yet. */
export function listCollections(db: Db, ownerId?: number, limit = 50): CollectionRecord[] {
  return (
    db
      .prepare(
        `${select} WHERE ? IS NULL OR s.owner_id = ? OR (c.source_id IS NULL AND c.user_id = ?) ORDER BY c.id DESC LIMIT ?`,
      )
      .all(ownerId ?? null, ownerId ?? null, ownerId ?? null, limit) as Row[]
  ).map((r) => toRecord(db, r));
}

function toRecord(db: Db, r: Row): CollectionRecord {
  const options = JSON.parse(r.options_json) as CollectionOptions;
  // Requests a pending topic needs: one for /t/{id}.json, one per further 20 posts.
  const p = db
    .prepare(`SELECT count(*) AS known, coalesce(sum(posts_count), 0) AS postsKnown,
                coalesce(sum(status = 'done'), 0) AS done, coalesce(sum(status = 'unchanged'), 0) AS unchanged, coalesce(sum(status = 'failed'), 0) AS failed,
                coalesce(sum(CASE WHEN status != 'pending' THEN posts_count END), 0) AS postsDone,
                coalesce(sum(CASE WHEN status = 'pending' THEN 1 + max(0, (posts_count - 1) / 20) END), 0) AS requestsLeft
              FROM collection_topics WHERE collection_id = ?`)
    .get(r.id) as {
    known: number;
    postsKnown: number;
    done: number;
    unchanged: number;
    failed: number;
    postsDone: number;
    requestsLeft: number;
  };
  const started = p.known > 0 || r.listing_done === 1;
  // A whole-forum run asks about 50 posts a request, whatever their topics.
  const left = options.wholeForum ? Math.ceil(Math.max(0, p.postsKnown - p.postsDone) / 50) : p.requestsLeft;
  return {
    id: r.id,
    sourceId: r.source_id,
    sourceName: r.source_name,
    userId: r.user_id,
    options,
    status: r.status,
    listingDone: r.listing_done === 1,
    progress: {
      topicsKnown: p.known,
      topicsDone: p.done,
      topicsUnchanged: p.unchanged,
      topicsFailed: p.failed,
      postsKnown: p.postsKnown,
      postsDone: p.postsDone,
      requests: r.requests,
      etaSeconds: started ? Math.ceil(left / options.rate) : null,
    },
    report: JSON.parse(r.report_json) as CollectionReport,
    error: r.error_json ? (JSON.parse(r.error_json) as { code: string; message: string }) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}
