// Sources (one forum each) with their sizes and latest import, and who may import into them.
import type { ImportFormat, ImportStatus } from '../import/index.ts';
import type { Db } from './open.ts';

export interface SourceSummary {
  id: number;
  name: string;
  kind: ImportFormat;
  baseUrl: string | null;
  createdAt: string;
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
      `SELECT s.id, s.name, s.kind, s.base_url AS baseUrl, s.created_at AS createdAt,
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

/**
 * Who may import: instance admins and anyone who owns a study. Sources are shared by the
 * whole instance, and study owners are the people who bring data in for their studies;
 * someone who only codes or adjudicates may not (403).
 */
export function canImport(db: Db, user: { id: number; isAdmin: boolean }): boolean {
  if (user.isAdmin) return true;
  return (
    db.prepare("SELECT 1 FROM study_members WHERE user_id = ? AND role = 'owner' LIMIT 1").get(user.id) !== undefined
  );
}
