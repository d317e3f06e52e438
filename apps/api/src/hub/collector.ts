// A Hub collection run: read the model listing page by page, newest first, keep the models
// created in [since, until) up to max models, and save each page with the next cursor in one
// transaction; then, only when asked, card details per model whose listing left its card open. Politeness, retries and address checks are the Discourse collector's
// (collect/http.ts): at most `rate` requests a second, Retry-After on 429, backoff on 5xx.
import type { Db } from '../db/open.ts';
import { GaveUpError, HttpError, StoppedError } from '../collect/http.ts';
import { openResumable, recordEnd, runHttp, type RunDeps, type RunFailure } from '../collect/run-lifecycle.ts';
import { AppError } from '../http/errors.ts';
import { fetchCardDetails } from './card-details.ts';
import { firstListingPath, nextListingPath } from './listing.ts';
import { toHubModel, type HubModel } from './model-record.ts';
import type { HubOptions } from './options.ts';
import {
  createHubCollection,
  endHubCollection,
  findResumableHub,
  getHubCollection,
  hubResumeKey,
  readHubCursor,
  reopenHubCollection,
  saveHubPage,
  setHubCursor,
  type HubCollectionRecord,
} from './state.ts';

export type HubDeps = RunDeps<HubCollectionRecord>;

export const DEFAULT_HUB_RETRIES = 5;

/** The unfinished run with the same selection, reopened; else a new run (collect/run-lifecycle.ts). */
export function openHubCollection(
  db: Db,
  o: HubOptions,
  userId: number | null = null,
): { id: number; resumed: boolean } {
  return openResumable(db, {
    find: () => findResumableHub(db, hubResumeKey(o)),
    create: () => createHubCollection(db, o, userId),
    reopen: (id) => reopenHubCollection(db, id, o),
    busy: (id) =>
      new AppError(
        'hub.busy',
        409,
        `Hub collection #${id} is already running (in the server or another threadcoder collect-hub); wait for it to end or stop it.`,
      ),
  });
}

/** Runs (or resumes) a Hub collection to its end, a stop or a failure, all recorded; rejects only if the database fails. */
export async function executeHubCollection(db: Db, id: number, deps: HubDeps = {}): Promise<HubCollectionRecord> {
  const o = getHubCollection(db, id)!.options;
  const saved = readHubCursor(db, id);
  const http = runHttp(o.hubUrl, o.rate, deps, { maxRetries: DEFAULT_HUB_RETRIES, timeoutMs: 60_000 });
  const requests = () => saved.requests + http.requests;
  const run = async () => {
    let { cursor, listingDone, models } = saved;
    const seen = new Set<string>();
    while (!listingDone) {
      if (deps.signal?.aborted) throw new StoppedError();
      if (cursor === null) {
        cursor = firstListingPath(o);
        setHubCursor(db, id, cursor);
      }
      const { body, link } = await http.getJsonPage(cursor);
      seen.add(cursor);
      const page = select(listed(body, cursor), o, models);
      let next = page.end ? null : nextListingPath(link, o.hubUrl);
      if (next !== null && seen.has(next)) next = null;
      saveHubPage(db, id, page.models, next, requests());
      ({ cursor, listingDone, models } = readHubCursor(db, id));
      deps.onProgress?.(getHubCollection(db, id)!);
    }
    if (o.cardDetails) {
      const onModel = () => deps.onProgress?.(getHubCollection(db, id)!);
      await fetchCardDetails(db, id, http, { signal: deps.signal, requests, onModel });
    }
  };
  await recordEnd(run, (status, error) => endHubCollection(db, id, status, requests(), error), failure);
  const done = getHubCollection(db, id)!;
  deps.onProgress?.(done);
  return done;
}

function listed(body: unknown, path: string): HubModel[] {
  if (!Array.isArray(body))
    throw new AppError(
      'hub.bad_listing',
      422,
      `${path} did not answer with a list of models; is this the Hub's address?`,
      {
        file: path,
      },
    );
  return body.map((m, i) => toHubModel(m, { file: path, field: `[${i}]` }));
}

/** Newest first: past the first model created before `since`, no later one qualifies, so paging ends. */
function select(models: HubModel[], o: HubOptions, stored: number): { models: HubModel[]; end: boolean } {
  const since = o.since ? Date.parse(o.since) : -Infinity;
  const until = o.until ? Date.parse(o.until) : Infinity;
  const dated = since !== -Infinity || until !== Infinity;
  const kept: HubModel[] = [];
  let end = models.length === 0;
  for (const m of models) {
    const created = m.createdAt ? Date.parse(m.createdAt) : Number.NaN;
    if (created < since) {
      end = true;
      break;
    }
    if (dated && !(created >= since && created < until)) continue;
    if (o.maxModels !== undefined && stored + kept.length >= o.maxModels) break;
    kept.push(m);
  }
  if (o.maxModels !== undefined && stored + kept.length >= o.maxModels) end = true;
  return { models: kept, end };
}

function failure(err: unknown): RunFailure {
  if (err instanceof AppError)
    return { code: err.code, message: `${err.message} Run the same collection again to resume.` };
  if (err instanceof HttpError)
    return { code: 'hub.http', message: `The Hub refused the listing: ${err.message}. Run it again to resume.` };
  if (err instanceof GaveUpError)
    return {
      code: 'hub.gave_up',
      message: `The Hub kept failing: ${err.message}. Run the same collection again to resume.`,
    };
  return {
    code: 'hub.failed',
    message: `The collection failed: ${err instanceof Error ? err.message : String(err)}. Run it again to resume.`,
  };
}
