// A collection run: read listing pages, then fetch and import each listed topic, saving
// after every page and every topic, so a stop or a crash loses at most the topic in hand.
// Listing pages and topics interleave: the topics of one page are done before the next
// page is read, so a run stopped early has imported the newest topics.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/open.ts';
import { assertMayWriteSource, type Actor } from '../db/sources.ts';
import { AppError } from '../http/errors.ts';
import { allowPrivateFromEnv } from './address-guard.ts';
import type { ApiKey } from './api-key.ts';
import { realClock, type Clock } from './clock.ts';
import { DiscourseHttp, GaveUpError, HttpError, StoppedError } from './http.ts';
import { importTopic } from './import-topic.ts';
import { firstListingPath, readListing, resolveCategory, type ListingPage } from './listing.ts';
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
import { fetchTopic } from './topic-fetch.ts';

export interface CollectDeps {
  clock?: Clock;
  fetch?: typeof fetch;
  random?: () => number;
  apiKey?: ApiKey;
  /** Allow loopback, private and link-local forum addresses; default THREADCODER_COLLECT_ALLOW_PRIVATE=1. */
  allowPrivate?: boolean;
  /** Abort to stop after the topic in hand (state saved; the same options resume). */
  signal?: AbortSignal;
  maxRetries?: number;
  timeoutMs?: number;
  onProgress?: (record: CollectionRecord) => void;
}

export const DEFAULT_MAX_RETRIES = 5;
const DEFAULT_TIMEOUT_MS = 30_000;
// The forum will not give these topics to us, now or on a retry: note them and go on.
const REFUSED = new Set([403, 404, 410]);
// Problems of the whole forum, not of one topic (a login page or a CDN challenge instead of JSON,
// a redirect off the site, a blocked address): the run fails with the topic still to do, and a
// resume retries it once the cause is fixed.
const FORUM_PROBLEMS = new Set(['collect.not_json', 'collect.redirect', 'collect.blocked_address', 'collect.no_host']);

/**
 * The unfinished run with the same source and selection, reopened; else a new run. A run still
 * marked running belongs to another process (the server, another `threadcoder collect`): two
 * would fetch and import the same topics, so it is refused. Immediate: two processes cannot
 * both see it stopped and both reopen it. `actor` (null: the CLI's operator) must own the source
 * or be an administrator; a new source is theirs.
 */
export function openCollection(
  db: Db,
  o: CollectionOptions,
  actor: Actor | null = null,
): { id: number; resumed: boolean } {
  const userId = actor?.id ?? null;
  return db
    .transaction(() => {
      if (actor) assertMayWriteSource(db, actor, o.source);
      const sourceId = existingSource(db, o.source);
      const found = findResumable(db, resumeKey(o.source, o));
      if (found === undefined) return { id: createCollection(db, sourceId ?? null, userId, o), resumed: false };
      if (getCollection(db, found)!.status === 'running') {
        throw new AppError(
          'collect.busy',
          409,
          `Collection #${found} is already running (in the server or another threadcoder collect); wait for it to end or stop it. If the process running it died, starting the server marks it stopped.`,
        );
      }
      reopenCollection(db, found, o);
      return { id: found, resumed: true };
    })
    .immediate();
}

/** Runs (or resumes) a collection to its end, a stop or a failure, all recorded; rejects only if the database fails. */
export async function executeCollection(db: Db, id: number, deps: CollectDeps = {}): Promise<CollectionRecord> {
  const record = getCollection(db, id)!;
  const o = record.options;
  const saved = readCursor(db, id);
  const http = new DiscourseHttp({
    baseUrl: o.forumUrl,
    rate: o.rate,
    maxRetries: deps.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    clock: deps.clock ?? realClock,
    apiKey: deps.apiKey,
    allowPrivate: deps.allowPrivate ?? allowPrivateFromEnv(),
    signal: deps.signal,
    fetch: deps.fetch,
    random: deps.random,
  });
  const requests = () => saved.requests + http.requests;
  const progress = () => deps.onProgress?.(getCollection(db, id)!);
  const dir = await mkdtemp(join(tmpdir(), 'threadcoder-collect-'));
  try {
    let { cursor, listingDone, listed } = saved;
    // A listing that leads back to a page or only repeats topics would page for ever.
    const seenCursors = new Set<string>();
    const seenTopics = new Set<number>();
    // Null until the first topic stored creates the source (a refused run leaves no empty source).
    let sourceId = record.sourceId;
    for (;;) {
      for (let t = nextPending(db, id); t; t = nextPending(db, id)) {
        if (deps.signal?.aborted) throw new StoppedError();
        const status = await collectTopic(db, http, dir, sourceId, t, o, record);
        if (status === 'done') sourceId ??= attachSource(db, id, o.source);
        finishTopic(db, id, sourceId, t, status, record.report, requests());
        progress();
      }
      if (listingDone) break;
      if (deps.signal?.aborted) throw new StoppedError();
      if (cursor === null) {
        cursor = firstListingPath(o.category ? await resolveCategory(http, o.category) : undefined);
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
    endCollection(db, id, 'succeeded', requests());
  } catch (err) {
    if (err instanceof StoppedError) endCollection(db, id, 'stopped', requests());
    else endCollection(db, id, 'failed', requests(), failure(err));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const done = getCollection(db, id)!;
  deps.onProgress?.(done);
  return done;
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
    // A refused or malformed topic is one topic's problem; a forum that keeps failing is the run's.
    if (
      (err instanceof HttpError && REFUSED.has(err.status)) ||
      (err instanceof AppError && !FORUM_PROBLEMS.has(err.code))
    ) {
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

function failure(err: unknown): { code: string; message: string } {
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
