// A collection run: read listing pages, then fetch and import each listed topic, saving
// after every page and every topic, so a stop or a crash loses at most the topic in hand.
// Listing pages and topics interleave: the topics of one page are done before the next
// page is read, so a run stopped early has imported the newest topics.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/open.ts';
import { saveForumCategories } from '../db/source-categories.ts';
import { assertMayWriteSource, type Actor } from '../db/sources.ts';
import { AppError } from '../http/errors.ts';
import type { ApiKey } from './api-key.ts';
import { type DiscourseHttp, GaveUpError, HttpError, type HttpOptions, StoppedError } from './http.ts';
import { importTopic } from './import-topic.ts';
import { collectForumCategories, findForumCategory } from './forum-categories.ts';
import { firstListingPath, readListing, type ListingPage } from './listing.ts';
import { addFailedTopic, addImport } from './report.ts';
import {
  addListedTopics,
  createCollection,
  endCollection,
  attachSource,
  existingSource,
  findResumable,
  finishTopic,
  getCollection,
  isUnchanged,
  nextPending,
  readCursor,
  reopenCollection,
  resumeKey,
  setCursor,
  type CollectionOptions,
  type CollectionRecord,
  type PendingTopic,
  type TopicStatus,
} from './state.ts';
import type { ForumCategory } from '../import/forum-category-list.ts';
import type { RunContext } from './run-context.ts';
import { openResumable, recordEnd, runHttp, type RunDeps, type RunFailure } from './run-lifecycle.ts';
import { fetchTopic } from './topic-fetch.ts';
import { collectWholeForum } from './whole-forum.ts';
import { isTopicProblem } from './topic-problem.ts';

export interface CollectDeps extends RunDeps<CollectionRecord> {
  /** Host name → addresses for every connection (default: the system resolver). */
  resolve?: HttpOptions['resolve'];
  apiKey?: ApiKey;
}

export const DEFAULT_MAX_RETRIES = 5;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The unfinished run with the same source and selection, reopened; else a new run (run-lifecycle.ts).
 * `actor` (null: the CLI's operator) must own the source or be an administrator; a new source is theirs.
 */
export function openCollection(
  db: Db,
  o: CollectionOptions,
  actor: Actor | null = null,
): { id: number; resumed: boolean } {
  return openResumable(db, {
    find() {
      if (actor) assertMayWriteSource(db, actor, o.source);
      return findResumable(db, resumeKey(o.source, o));
    },
    create: () => createCollection(db, existingSource(db, o.source) ?? null, actor?.id ?? null, o),
    reopen: (id) => reopenCollection(db, id, o),
    busy: (id) =>
      new AppError(
        'collect.busy',
        409,
        `Collection #${id} is already running (in the server or another threadcoder collect); wait for it to end or stop it. If the process running it died, starting the server marks it stopped.`,
      ),
  });
}

/** Runs (or resumes) a collection to its end, a stop or a failure, all recorded; rejects only if the database fails. */
export async function executeCollection(db: Db, id: number, deps: CollectDeps = {}): Promise<CollectionRecord> {
  const record = getCollection(db, id)!;
  const o = record.options;
  const saved = readCursor(db, id);
  const http = runHttp(o.forumUrl, o.rate, deps, { maxRetries: DEFAULT_MAX_RETRIES, timeoutMs: DEFAULT_TIMEOUT_MS });
  const requests = () => saved.requests + http.requests;
  const progress = () => deps.onProgress?.(getCollection(db, id)!);
  const dir = await mkdtemp(join(tmpdir(), 'threadcoder-collect-'));
  const run = async () => {
    // Once per run, at its start: names for the threads, and --category. A resume has them already,
    // unless nothing was stored before the stop (no source yet to keep them with).
    const fresh = (saved.cursor === null && !saved.listingDone) || record.sourceId === null;
    const categories = fresh ? await collectForumCategories(http, db, record.sourceId) : [];
    const context: RunContext = {
      db,
      id,
      record,
      http,
      dir,
      requests,
      progress,
      signal: deps.signal,
      sourceId: record.sourceId,
      // The first topic stored creates the source (a refused run leaves no empty source): attach it then.
      stored() {
        if (context.sourceId === null) {
          context.sourceId = attachSource(db, id, o.source);
          if (categories.length > 0) saveForumCategories(db, context.sourceId, categories);
        }
      },
    };
    if (o.wholeForum) await collectWholeForum(context);
    else await collectTopicByTopic(context, categories);
  };
  try {
    await recordEnd(run, (status, error) => endCollection(db, id, status, requests(), error), failure);
  } finally {
    await http.close();
    await rm(dir, { recursive: true, force: true });
  }
  const done = getCollection(db, id)!;
  deps.onProgress?.(done);
  return done;
}

/** Listing pages interleaved with their topics, each fetched whole (/t/{id}.json and its chunks). */
async function collectTopicByTopic(run: RunContext, categories: ForumCategory[]): Promise<void> {
  const { db, id, record, http, dir, requests, progress, signal } = run;
  const o = record.options;
  let { cursor, listingDone, listed } = readCursor(db, id);
  // A listing that leads back to a page or only repeats topics would page for ever.
  const seenCursors = new Set<string>();
  const seenTopics = new Set<number>();
  for (;;) {
    for (let t = nextPending(db, id); t; t = nextPending(db, id)) {
      if (signal?.aborted) throw new StoppedError();
      const status = await collectTopic(db, http, dir, run.sourceId, t, o, record);
      if (status === 'done') run.stored();
      finishTopic(db, id, run.sourceId, t, status, record.report, requests());
      progress();
    }
    if (listingDone) return;
    if (signal?.aborted) throw new StoppedError();
    if (cursor === null) {
      cursor = firstListingPath(o.category ? findForumCategory(categories, o.category) : undefined);
      setCursor(db, id, cursor);
    }
    const read = readListing(await http.getJson(cursor), cursor, o.forumUrl);
    seenCursors.add(cursor);
    const addsTopics = read.topics.some((t) => !seenTopics.has(t.id));
    for (const t of read.topics) seenTopics.add(t.id);
    const page = select(read, o, listed);
    if (!addsTopics || (page.next !== null && seenCursors.has(page.next))) page.next = null;
    addListedTopics(db, id, page.topics, page.next, requests());
    ({ cursor, listingDone, listed } = readCursor(db, id));
    progress();
  }
}

async function collectTopic(
  db: Db,
  http: DiscourseHttp,
  dir: string,
  sourceId: number | null,
  t: PendingTopic,
  o: CollectionOptions,
  run: CollectionRecord,
): Promise<Exclude<TopicStatus, 'pending'>> {
  const report = run.report;
  if (isUnchanged(db, sourceId, t)) return 'unchanged';
  try {
    const { topic, missing } = await fetchTopic(http, t.topicId);
    const imported = await importTopic(db, dir, t.topicId, topic, o, run.userId);
    if (missing)
      imported.skipped.push({
        reason: "posts in a topic's stream the forum did not return (deleted meanwhile)",
        count: missing,
      });
    addImport(report, imported);
    return 'done';
  } catch (err) {
    if (isTopicProblem(err)) {
      addFailedTopic(report, t.topicId, err.message);
      return 'failed';
    }
    throw err;
  }
}

/**
 * Keeps a page's topics created in [since, until) and within max-topics. /latest lists by
 * bump date, newest first, and a topic is created before its last bump: past the first
 * non-pinned topic bumped before `since`, no later topic can qualify, so paging ends.
 */
function select(page: ListingPage, o: CollectionOptions, listed: number): ListingPage {
  const since = o.since ? Date.parse(o.since) : -Infinity;
  const until = o.until ? Date.parse(o.until) : Infinity;
  const topics = [];
  let end = false;
  for (const t of page.topics) {
    if (!t.pinned && Date.parse(t.bumpedAt) < since) end = true;
    const created = Date.parse(t.createdAt);
    if (created < since || created >= until) continue;
    if (o.maxTopics !== undefined && listed + topics.length >= o.maxTopics) break;
    topics.push(t);
  }
  if (o.maxTopics !== undefined && listed + topics.length >= o.maxTopics) end = true;
  return { topics, next: end ? null : page.next };
}

function failure(err: unknown): RunFailure {
  if (err instanceof AppError) return { code: err.code, message: err.message };
  if (err instanceof HttpError) {
    // Refused: starting the same run again cannot help until this is fixed, so say what to fix.
    const hint =
      err.status === 401 || err.status === 403
        ? " A private forum needs THREADCODER_DISCOURSE_API_KEY (and _USERNAME) set where Threadcoder runs, with THREADCODER_DISCOURSE_API_ORIGIN naming the forum's origin."
        : err.status === 404 || err.status === 410
          ? ' Check the forum address (the site itself, e.g. https://discuss.huggingface.co) and the category, if you gave one.'
          : '';
    return { code: 'collect.http', message: `The forum refused the collection: ${err.message}.${hint}` };
  }
  if (err instanceof GaveUpError)
    return {
      code: 'collect.gave_up',
      message: `The forum kept failing: ${err.message}. Run the same collection again to resume.`,
    };
  return {
    code: 'collect.failed',
    message: `The collection failed: ${err instanceof Error ? err.message : String(err)}. Run it again to resume.`,
  };
}
