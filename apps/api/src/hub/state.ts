// The Hub collector's rows (migration 015): runs with their cursor, and the models. A listing
// page's models, the next cursor and the run's counts are written in one transaction, so a stop
// or a crash never leaves half a page, and a resume reads the page after the last one saved.
import type { Db } from '../db/open.ts';
import { statement } from '../db/prepared.ts';
import type { HubModel } from './model-record.ts';
import type { HubOptions } from './options.ts';
import { writeTransaction } from '../db/write-transaction.ts';

export type HubStatus = 'running' | 'stopped' | 'succeeded' | 'failed';

export interface HubCollectionRecord {
  id: number;
  userId: number | null;
  options: HubOptions;
  status: HubStatus;
  listingDone: boolean;
  progress: {
    models: number;
    pages: number;
    requests: number;
    /** The oldest createdAt stored so far: how far back (newest first) the walk has come. */
    reachedDate: string | null;
    /** Seconds left at the configured rate, when it can be told (max models, or a since date); else null. */
    etaSeconds: number | null;
    /** With card details: models of the run asked about so far, and those still due. */
    cardDetails: { checked: number; due: number } | null;
  };
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

interface Row {
  id: number;
  user_id: number | null;
  options_json: string;
  status: HubStatus;
  cursor: string | null;
  listing_done: number;
  pages: number;
  models: number;
  requests: number;
  error_json: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
  newest: string | null;
  oldest: string | null;
  card_due: number;
  card_checked: number;
}

const now = () => new Date().toISOString();

export function hubResumeKey(o: HubOptions): string {
  return JSON.stringify([o.hubUrl, o.since, o.until, o.author, o.pipelineTag, o.library, o.search, o.maxModels]);
}

export function findResumableHub(db: Db, key: string): { id: number; status: HubStatus } | undefined {
  const row = db
    .prepare('SELECT id, status FROM hub_collections WHERE resume_key = ? ORDER BY id DESC LIMIT 1')
    .get(key) as { id: number; status: HubStatus } | undefined;
  return row && row.status !== 'succeeded' ? row : undefined;
}

export function createHubCollection(db: Db, o: HubOptions, userId: number | null): number {
  const t = now();
  return Number(
    db
      .prepare(
        'INSERT INTO hub_collections (user_id, hub_url, options_json, resume_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(userId, o.hubUrl, JSON.stringify(o), hubResumeKey(o), t, t).lastInsertRowid,
  );
}

export function reopenHubCollection(db: Db, id: number, o: HubOptions): void {
  db.prepare(
    "UPDATE hub_collections SET status = 'running', options_json = ?, error_json = NULL, finished_at = NULL, updated_at = ? WHERE id = ?",
  ).run(JSON.stringify(o), now(), id);
}

export function readHubCursor(
  db: Db,
  id: number,
): { cursor: string | null; listingDone: boolean; models: number; requests: number } {
  const r = db
    .prepare('SELECT cursor, listing_done, models, requests FROM hub_collections WHERE id = ?')
    .get(id) as Row;
  return { cursor: r.cursor, listingDone: r.listing_done === 1, models: r.models, requests: r.requests };
}

const upsertModel = statement(
  `INSERT INTO hub_models (model_id, author, created_at, last_modified, pipeline_tag, library_name, tags_json, model_type,
     base_models_json, has_card, has_card_data, card_details_due, card_checked_at, downloads, likes, collection_id,
     collected_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)
   ON CONFLICT (model_id) DO UPDATE SET author = excluded.author, created_at = excluded.created_at,
     last_modified = excluded.last_modified, pipeline_tag = excluded.pipeline_tag, library_name = excluded.library_name,
     tags_json = excluded.tags_json, model_type = excluded.model_type, base_models_json = excluded.base_models_json,
     has_card = excluded.has_card, has_card_data = excluded.has_card_data,
     card_details_due = excluded.card_details_due, card_checked_at = NULL, downloads = excluded.downloads,
     likes = excluded.likes, collection_id = excluded.collection_id, collected_at = excluded.collected_at`,
);
const savePageRow = statement(
  `UPDATE hub_collections SET cursor = ?, listing_done = ?, pages = pages + 1, models = models + ?, requests = ?,
     updated_at = ? WHERE id = ?`,
);
const bool = (b: boolean | null) => (b === null ? null : b ? 1 : 0);

/** One listing page: its selected models, the next page (null: the end) and the request count, all or nothing. */
export function saveHubPage(db: Db, id: number, models: HubModel[], next: string | null, requests: number): void {
  const t = now();
  writeTransaction(db, () => {
    for (const m of models) {
      upsertModel(db).run(
        m.modelId,
        m.author,
        m.createdAt,
        m.lastModified,
        m.pipelineTag,
        m.libraryName,
        JSON.stringify(m.tags),
        m.modelType,
        JSON.stringify(m.baseModels),
        bool(m.hasCard),
        bool(m.hasCardData),
        m.cardDetailsDue ? 1 : 0,
        m.downloads,
        m.likes,
        id,
        t,
      );
    }
    savePageRow(db).run(next, next === null ? 1 : 0, models.length, requests, t, id);
  });
}

export function setHubCursor(db: Db, id: number, cursor: string): void {
  db.prepare('UPDATE hub_collections SET cursor = ?, updated_at = ? WHERE id = ?').run(cursor, now(), id);
}

export function endHubCollection(
  db: Db,
  id: number,
  status: Exclude<HubStatus, 'running'>,
  requests: number,
  error?: { code: string; message: string },
): void {
  db.prepare(
    'UPDATE hub_collections SET status = ?, requests = ?, error_json = ?, updated_at = ?, finished_at = ? WHERE id = ?',
  ).run(status, requests, error ? JSON.stringify(error) : null, now(), now(), id);
}

/** Runs a dead process left running become stopped: they resume when started again. */
export function stopInterruptedHubCollections(db: Db): number {
  return db.prepare("UPDATE hub_collections SET status = 'stopped', updated_at = ? WHERE status = 'running'").run(now())
    .changes;
}

const select = `SELECT c.*, (SELECT max(created_at) FROM hub_models m WHERE m.collection_id = c.id) AS newest,
  (SELECT min(created_at) FROM hub_models m WHERE m.collection_id = c.id) AS oldest,
  (SELECT count(*) FROM hub_models m WHERE m.collection_id = c.id AND m.card_details_due = 1) AS card_due,
  (SELECT count(*) FROM hub_models m WHERE m.collection_id = c.id AND m.card_checked_at IS NOT NULL) AS card_checked
  FROM hub_collections c`;

export function getHubCollection(db: Db, id: number): HubCollectionRecord | undefined {
  const row = db.prepare(`${select} WHERE c.id = ?`).get(id) as Row | undefined;
  return row && toRecord(row);
}

export function listHubCollections(db: Db, limit = 50): HubCollectionRecord[] {
  return (db.prepare(`${select} ORDER BY c.id DESC LIMIT ?`).all(limit) as Row[]).map(toRecord);
}

function toRecord(r: Row): HubCollectionRecord {
  const options = JSON.parse(r.options_json) as HubOptions;
  const pages = r.listing_done === 1 ? 0 : pagesLeft(r, options);
  // requests left: listing pages, then (asked for) one per due model
  const left = pages === null ? null : pages + (options.cardDetails ? r.card_due : 0);
  return {
    id: r.id,
    userId: r.user_id,
    options,
    status: r.status,
    listingDone: r.listing_done === 1,
    progress: {
      models: r.models,
      pages: r.pages,
      requests: r.requests,
      reachedDate: r.oldest,
      etaSeconds: left === null ? null : Math.ceil(left / options.rate),
      cardDetails: options.cardDetails ? { checked: r.card_checked, due: r.card_due } : null,
    },
    error: r.error_json ? (JSON.parse(r.error_json) as { code: string; message: string }) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    finishedAt: r.finished_at,
  };
}

/**
 * Listing pages still to read: from max models, or — walking newest first down to `since` —
 * from the share of the date range the pages read so far have covered. Null when unknowable.
 */
function pagesLeft(r: Row, o: HubOptions): number | null {
  const byMax = o.maxModels === undefined ? null : Math.ceil(Math.max(0, o.maxModels - r.models) / o.pageSize);
  if (!o.since || !r.oldest || !r.newest || r.pages === 0) return byMax;
  const top = Date.parse(o.until ?? r.newest);
  const covered = top - Date.parse(r.oldest);
  const left = Date.parse(r.oldest) - Date.parse(o.since);
  if (!(covered > 0)) return byMax;
  const byDate = Math.ceil((r.pages * Math.max(0, left)) / covered);
  return byMax === null ? byDate : Math.min(byMax, byDate);
}
