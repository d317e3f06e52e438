// The `imports` table: one row per import, its status and progress, and its report or error.
import type { Db } from '../db/open.ts';
import type { ErrorWhere } from '../http/errors.ts';
import type { ImportFormat, ImportMode, ImportReport } from './types.ts';

export type ImportStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface ImportErrorBody {
  code: string;
  message: string;
  where?: ErrorWhere;
}

/** What routes show for an import. */
export interface ImportRecord {
  id: number;
  /** Null until the import stores something (a new source is created only then). */
  sourceId: number | null;
  sourceName: string;
  userId: number | null;
  filename: string;
  format: ImportFormat;
  mode: ImportMode;
  status: ImportStatus;
  bytesTotal: number | null;
  bytesRead: number;
  postsRead: number;
  report: ImportReport | null;
  error: ImportErrorBody | null;
  createdAt: string;
  finishedAt: string | null;
}

interface Row {
  id: number;
  source_id: number | null;
  source_name: string;
  user_id: number | null;
  filename: string;
  format: ImportFormat;
  mode: ImportMode;
  status: ImportStatus;
  bytes_total: number | null;
  bytes_read: number;
  posts_read: number;
  report_json: string | null;
  error_json: string | null;
  created_at: string;
  finished_at: string | null;
  options_json: string;
}

const select = `SELECT i.* FROM imports i LEFT JOIN sources s ON s.id = i.source_id`;

const toRecord = (r: Row): ImportRecord => ({
  id: r.id,
  sourceId: r.source_id,
  sourceName: r.source_name,
  userId: r.user_id,
  filename: r.filename,
  format: r.format,
  mode: r.mode,
  status: r.status,
  bytesTotal: r.bytes_total,
  bytesRead: r.bytes_read,
  postsRead: r.posts_read,
  report: r.report_json ? (JSON.parse(r.report_json) as ImportReport) : null,
  error: r.error_json ? (JSON.parse(r.error_json) as ImportErrorBody) : null,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

export function getImport(db: Db, id: number): ImportRecord | undefined {
  const row = db.prepare(`${select} WHERE i.id = ?`).get(id) as Row | undefined;
  return row && toRecord(row);
}

/** Newest first; optionally one source's; with `ownerId`, those of sources that user owns and their own not yet stored. */
export function listImports(
  db: Db,
  opts: { sourceId?: number; ownerId?: number; limit?: number } = {},
): ImportRecord[] {
  return (
    db
      .prepare(
        `${select} WHERE (@sourceId IS NULL OR i.source_id = @sourceId)
           AND (@ownerId IS NULL OR s.owner_id = @ownerId OR (i.source_id IS NULL AND i.user_id = @ownerId))
         ORDER BY i.id DESC LIMIT @limit`,
      )
      .all({ sourceId: opts.sourceId ?? null, ownerId: opts.ownerId ?? null, limit: opts.limit ?? 50 }) as Row[]
  ).map(toRecord);
}

/** The options an import was queued with (the worker reads them back). */
export function importOptions<T>(db: Db, id: number): T {
  return JSON.parse(db.prepare('SELECT options_json FROM imports WHERE id = ?').pluck().get(id) as string) as T;
}

export function setRunning(db: Db, id: number): void {
  db.prepare(`UPDATE imports SET status = 'running' WHERE id = ?`).run(id);
}

export function setProgress(db: Db, id: number, bytesRead: number, postsRead: number): void {
  db.prepare('UPDATE imports SET bytes_read = ?, posts_read = ? WHERE id = ?').run(bytesRead, postsRead, id);
}

export function finish(db: Db, id: number, outcome: { report: ImportReport } | { error: ImportErrorBody }): void {
  const now = new Date().toISOString();
  if ('report' in outcome) {
    db.prepare(`UPDATE imports SET status = 'succeeded', report_json = ?, finished_at = ? WHERE id = ?`).run(
      JSON.stringify(outcome.report),
      now,
      id,
    );
  } else {
    db.prepare(`UPDATE imports SET status = 'failed', error_json = ?, finished_at = ? WHERE id = ?`).run(
      JSON.stringify(outcome.error),
      now,
      id,
    );
  }
}

export function hasActiveImport(db: Db, sourceName: string): boolean {
  return (
    db.prepare(`SELECT 1 FROM imports WHERE source_name = ? AND status IN ('queued', 'running')`).get(sourceName) !==
    undefined
  );
}

/**
 * Marks imports left queued or running by a process that died as failed. Call at server
 * start, before any import is started: a row in that state cannot be running anymore. One
 * whose store transaction had committed (its threads carry its id) says so: killed between
 * that commit and recording the report, its threads and posts are all there.
 */
export function failInterruptedImports(db: Db): number {
  const error = (message: string): string =>
    JSON.stringify({ code: 'import.interrupted', message } satisfies ImportErrorBody);
  return db
    .prepare(
      `UPDATE imports SET status = 'failed', finished_at = ?,
         error_json = CASE WHEN EXISTS (SELECT 1 FROM threads t WHERE t.import_id = imports.id) THEN ? ELSE ? END
       WHERE status IN ('queued', 'running')`,
    )
    .run(
      new Date().toISOString(),
      error(
        'The server stopped just after this import stored its threads and posts; they are all there, but its report was lost.',
      ),
      error('The server stopped while this import ran; nothing from it was stored. Start it again.'),
    ).changes;
}
