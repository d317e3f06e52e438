// Sources (one forum each) with their sizes and latest import, and who may import into them.
import type { ImportFormat, ImportStatus } from '../import/index.ts';
import { AppError } from '../http/errors.ts';
import type { Db } from './open.ts';

export interface SourceSummary {
  id: number;
  name: string;
  kind: ImportFormat;
  baseUrl: string | null;
  createdAt: string;
  /** Who imported it first (null: administrators only). */
  ownerId: number | null;
  threads: number;
  posts: number;
  /** Forum categories with names (Discourse: from /site.json or /categories.json). */
  categories: number;
  lastImport: {
    id: number;
    status: ImportStatus;
    filename: string;
    createdAt: string;
    finishedAt: string | null;
  } | null;
}

type Raw = Omit<SourceSummary, 'lastImport'> & { lastImport: string | null };

export function listSources(db: Db): SourceSummary[] {
  const rows = db
    .prepare(
      `SELECT s.id, s.name, s.kind, s.base_url AS baseUrl, s.created_at AS createdAt, s.owner_id AS ownerId,
         (SELECT count(*) FROM threads t WHERE t.source_id = s.id) AS threads,
         (SELECT count(*) FROM posts p WHERE p.source_id = s.id) AS posts,
         (SELECT count(*) FROM source_categories c WHERE c.source_id = s.id) AS categories,
         (SELECT json_object('id', i.id, 'status', i.status, 'filename', i.filename, 'createdAt', i.created_at, 'finishedAt', i.finished_at)
            FROM imports i WHERE i.source_id = s.id ORDER BY i.id DESC LIMIT 1) AS lastImport
       FROM sources s ORDER BY s.name`,
    )
    .all() as Raw[];
  return rows.map((r) => ({
    ...r,
    lastImport: r.lastImport ? (JSON.parse(r.lastImport) as SourceSummary['lastImport']) : null,
  }));
}

export type Actor = { id: number; isAdmin: boolean; isImporter: boolean };

/**
 * Who may import and collect: administrators and the users an administrator made importers
 * (`user add --importer`, the Users panel). Owning a study grants nothing here: sources are
 * shared by every study, so changing one changes the text under other people's codings.
 */
export function canImport(user: Actor): boolean {
  return user.isAdmin || user.isImporter;
}

/** The owner of the source with this id or name (null: administrators only), or undefined when there is none. */
function sourceOwner(db: Db, source: number | string): number | null | undefined {
  const column = typeof source === 'number' ? 'id' : 'name';
  const row = db.prepare(`SELECT owner_id AS ownerId FROM sources WHERE ${column} = ?`).get(source) as
    | { ownerId: number | null }
    | undefined;
  return row?.ownerId;
}

/** Whether `user` may change the source (re-import, collect into it, cancel its runs, read its import records). */
export function managesSource(db: Db, user: Actor, source: number | string): boolean {
  if (user.isAdmin) return true;
  return canImport(user) && sourceOwner(db, source) === user.id;
}

/**
 * Refuses (403) an import or collection into a source someone else owns; a new name is free to any importer,
 * who then owns the source it creates.
 */
export function assertMayWriteSource(db: Db, user: Actor, name: string): void {
  const owner = sourceOwner(db, name);
  if (owner === undefined || managesSource(db, user, name)) return;
  throw new AppError(
    'source.not_owner',
    403,
    `The source "${name}" belongs to another importer; only they and administrators may change it. Choose another source name.`,
    { field: 'source' },
  );
}
