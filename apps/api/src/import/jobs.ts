// Import jobs: an `imports` row that goes queued -> running -> succeeded/failed, with progress.
// startImport runs the job on a worker thread with its own connection, so a long import
// neither blocks the API's event loop nor depends on the HTTP request that started it;
// WAL lets the API keep reading (and, until the final commit, writing) meanwhile.
import { rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { openDb, type Db } from '../db/open.ts';
import { assertMayWriteSource, type Actor } from '../db/sources.ts';
import { AppError } from '../http/errors.ts';
import { checkDateFormat } from './date-format.ts';
import { detectFormat } from './detect.ts';
import {
  failInterruptedImports,
  finish,
  getImport,
  hasActiveImport,
  importOptions,
  setProgress,
  setRunning,
  type ImportErrorBody,
  type ImportRecord,
} from './import-rows.ts';
import { openInput } from './input.ts';
import { resolveLimits } from './limits.ts';
import { runImportFile, type ImportOptions } from './run.ts';
import { removeOrphanedStaging } from './staging.ts';
import { resolveMapping } from './table/mapping.ts';
import type { ImportFormat, ImportLimits, ImportMode } from './types.ts';
import { writeTransaction } from '../db/write-transaction.ts';

export interface StartImportOptions {
  sourceName: string;
  sourceKind?: ImportFormat;
  /** Path of the file to import (for uploads: where the upload was saved). */
  file: string;
  /** The name users know the file by (an upload's original name); default the path's basename. */
  fileName?: string;
  format?: ImportFormat;
  mode?: ImportMode;
  mapping?: Partial<Record<string, string>>;
  dateFormat?: string;
  /** A /site.json or /categories.json naming the forum's categories. */
  categoriesFile?: string;
  baseUrl?: string;
  userId?: number;
  limits?: Partial<ImportLimits>;
  /** Delete `file` when the import ends, whatever the outcome (uploaded temp files). */
  deleteFile?: boolean;
  workers?: number;
}

const PROGRESS_EVERY_MS = 200;

/**
 * Checks the file and options, then records a queued import. Throws ImportError (unreadable
 * file, unknown format, bad mapping) or AppError 409 if this source already has an import
 * under way, or 403 if `actor` may not write into an existing source of that name; in each case
 * nothing is recorded. A new source is created (owned by the import's user) only once the import
 * stores something. Without an actor (the CLI: the operator) any source may be written.
 */
export async function createImport(db: Db, o: StartImportOptions, actor?: Actor): Promise<number> {
  const input = await openInput(o.file, resolveLimits(o.limits), o.fileName);
  const format = o.format ?? detectFormat(input);
  if (o.mapping) resolveMapping(o.mapping);
  if (o.dateFormat) checkDateFormat(o.dateFormat);
  const now = new Date().toISOString();
  return writeTransaction(db, () => {
    if (actor) assertMayWriteSource(db, actor, o.sourceName);
    // A new source is created only when the import stores something (store.ts): until then the import names it.
    const sourceId = db.prepare('SELECT id FROM sources WHERE name = ?').pluck().get(o.sourceName) as
      | number
      | undefined;
    if (hasActiveImport(db, o.sourceName))
      throw new AppError(
        'import.busy',
        409,
        `An import into "${o.sourceName}" is already running; wait for it to finish.`,
      );
    const options = { ...o, fileName: input.name, format };
    return Number(
      db
        .prepare(
          'INSERT INTO imports (source_id, source_name, user_id, filename, format, mode, options_json, bytes_total, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          sourceId ?? null,
          o.sourceName,
          o.userId ?? null,
          input.name,
          format,
          o.mode ?? 'strict',
          JSON.stringify(options),
          input.size,
          now,
        ).lastInsertRowid,
    );
  });
}

/** Runs a queued import on this thread and records its outcome; resolves with the final row, never rejects for bad input. */
export async function executeImport(db: Db, importId: number): Promise<ImportRecord> {
  const o = importOptions<StartImportOptions>(db, importId);
  setRunning(db, importId);
  let last = 0;
  const bytesTotal = getImport(db, importId)!.bytesTotal;
  const options: ImportOptions = {
    source: o.sourceName,
    sourceKind: o.sourceKind,
    format: o.format,
    mode: o.mode,
    mapping: o.mapping,
    dateFormat: o.dateFormat,
    categoriesFile: o.categoriesFile,
    baseUrl: o.baseUrl,
    limits: o.limits,
    fileName: o.fileName,
    importId,
    ownerId: o.userId ?? null,
    newSource: getImport(db, importId)!.sourceId === null,
    workers: o.workers,
    onProgress: ({ bytesRead, postsRead }) => {
      const now = Date.now();
      // The last report (every byte read: storing begins) is always recorded, however soon it comes.
      if (now - last < PROGRESS_EVERY_MS && bytesRead !== bytesTotal) return;
      last = now;
      setProgress(db, importId, bytesRead, postsRead);
    },
  };
  try {
    const report = await runImportFile(db, o.file, options);
    finish(db, importId, { report });
  } catch (err) {
    finish(db, importId, { error: errorBody(err) });
  } finally {
    if (o.deleteFile) await rm(o.file, { force: true });
  }
  return getImport(db, importId)!;
}

function errorBody(err: unknown): ImportErrorBody {
  if (err instanceof AppError)
    return { code: err.code, message: err.message, ...(err.where ? { where: err.where } : {}) };
  // Not bad input but a failure of ours or of the machine (disk full…): say so plainly.
  return { code: 'import.failed', message: `The import failed: ${err instanceof Error ? err.message : String(err)}` };
}

/**
 * Queues an import and runs it on a worker thread. Resolves once the row exists (so a route
 * can answer 202 with the id); `done` resolves with the final row when the job ends.
 */
export async function startImport(
  dbPath: string,
  o: StartImportOptions,
  actor?: Actor,
): Promise<{ importId: number; done: Promise<ImportRecord> }> {
  const db = openDb(dbPath);
  let importId: number;
  try {
    importId = await createImport(db, o, actor);
  } catch (err) {
    if (o.deleteFile) await rm(o.file, { force: true });
    throw err;
  } finally {
    db.close();
  }
  const worker = new Worker(new URL('./job-worker.mjs', import.meta.url), { workerData: { dbPath, importId } });
  const done = new Promise<ImportRecord>((resolve) => {
    let result: ImportRecord | undefined;
    worker.on('message', (record: ImportRecord) => (result = record));
    worker.on('error', () => {});
    worker.on('exit', () => resolve(result ?? markCrashed(dbPath, importId)));
  });
  return { importId, done };
}

/**
 * At server start, before any import: imports a killed server left queued or running are
 * marked failed (import-rows.ts), and the uploads they were to delete when done are deleted,
 * as are staging files of dead processes, so a crash does not leave copies of a dump on disk for good.
 */
export function recoverInterruptedImports(db: Db): number {
  const ids = db.prepare(`SELECT id FROM imports WHERE status IN ('queued', 'running')`).pluck().all() as number[];
  const uploads = ids.map((id) => importOptions<StartImportOptions>(db, id)).filter((o) => o.deleteFile);
  const failed = failInterruptedImports(db);
  for (const o of uploads) rmSync(o.file, { force: true });
  removeOrphanedStaging();
  return failed;
}

// The worker died without recording an outcome (out of memory, a native crash).
function markCrashed(dbPath: string, importId: number): ImportRecord {
  const db = openDb(dbPath);
  try {
    finish(db, importId, {
      error: { code: 'import.crashed', message: 'The import stopped unexpectedly; nothing from it was stored.' },
    });
    return getImport(db, importId)!;
  } finally {
    db.close();
  }
}
