import type { Db } from './open.ts';
import { viewerParams, visibleCodings, withheldCodingIdsSql, withheldRoundIdsSql } from './visibility.ts';

export interface AuditFilter {
  action?: string;
  entity?: string;
  userId?: number;
}

interface AuditRow {
  id: number;
  at: string;
  user: { id: number; username: string; displayName: string } | null;
  action: string;
  entity: string;
  entityId: string;
  /** True for a coding change the viewer may not see yet: before and after are then null. */
  hidden: boolean;
  before: unknown;
  after: unknown;
}

export interface AuditPage {
  entries: AuditRow[];
  total: number;
  /** What the filters can choose from in this study's log. */
  actions: string[];
  entities: string[];
}

// A row about a coding carries the coder's labels (and memo): entity 'coding', or any
// 'coding.*' action on a unit (e.g. coding.review, whose user is the coder). It is shown only
// where that coding itself would be: among the codings the viewer may see (visibility.ts).
// A row whose coding is gone matches nothing and stays hidden.
const aboutCodingSql = `(l.entity = 'coding' OR l.action LIKE 'coding.%')`;
const visibleSql = `(NOT ${aboutCodingSql} OR c.id IS NOT NULL)`;
const codingIdSql = `CASE WHEN l.entity = 'coding' THEN CAST(l.entity_id AS INTEGER)
  WHEN l.entity = 'unit' AND l.action LIKE 'coding.%'
  THEN (SELECT k.id FROM ${visibleCodings} k WHERE k.unit_id = CAST(l.entity_id AS INTEGER) AND k.coder_id = l.user_id) END`;
// Rows about others' codings in a round withheld from the viewer (they code in it while it is
// open and blind) are left out altogether: even "cora saved a coding at 10:02" says too much.
const withheldSql = `((l.entity = 'coding' AND CAST(l.entity_id AS INTEGER) IN ${withheldCodingIdsSql})
  OR (l.entity = 'unit' AND l.action LIKE 'coding.%' AND l.user_id IS NOT @viewerId
    AND CAST(l.entity_id AS INTEGER) IN (SELECT id FROM units WHERE round_id IN ${withheldRoundIdsSql})))`;
const whereSql = `WHERE l.study_id = @studyId AND NOT ${withheldSql} AND (@action IS NULL OR l.action = @action)
  AND (@entity IS NULL OR l.entity = @entity) AND (@userId IS NULL OR l.user_id = @userId)`;

type Raw = Omit<AuditRow, 'user' | 'hidden' | 'before' | 'after'> & {
  userId: number | null;
  username: string | null;
  displayName: string | null;
  visible: number;
  beforeJson: string | null;
  afterJson: string | null;
};

/** One page of a study's audit log, newest first, as `viewerId` may see it. */
export function readAudit(
  db: Db,
  studyId: number,
  viewerId: number,
  filter: AuditFilter,
  page: number,
  pageSize: number,
): AuditPage {
  const params = {
    studyId,
    ...viewerParams({ operator: false, userId: viewerId }),
    action: filter.action ?? null,
    entity: filter.entity ?? null,
    userId: filter.userId ?? null,
  };
  const rows = db
    .prepare(
      `SELECT l.id, l.at, l.user_id AS userId, usr.username, usr.display_name AS displayName, l.action, l.entity,
         l.entity_id AS entityId, ${visibleSql} AS visible,
         CASE WHEN ${visibleSql} THEN l.before_json END AS beforeJson,
         CASE WHEN ${visibleSql} THEN l.after_json END AS afterJson
       FROM audit_log l LEFT JOIN users usr ON usr.id = l.user_id LEFT JOIN ${visibleCodings} c ON c.id = ${codingIdSql}
       ${whereSql}
       ORDER BY l.at DESC, l.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit: pageSize, offset: (page - 1) * pageSize }) as Raw[];
  const total = db.prepare(`SELECT count(*) FROM audit_log l ${whereSql}`).pluck().get(params) as number;
  const distinct = (column: 'action' | 'entity') =>
    db
      .prepare(
        `SELECT DISTINCT ${column} FROM audit_log l WHERE l.study_id = @studyId AND NOT ${withheldSql} ORDER BY 1`,
      )
      .pluck()
      .all({ studyId, viewerId: params.viewerId, operator: params.operator }) as string[];
  return {
    entries: rows.map((r) => ({
      id: r.id,
      at: r.at,
      user: r.userId === null ? null : { id: r.userId, username: r.username ?? '?', displayName: r.displayName ?? '?' },
      action: r.action,
      entity: r.entity,
      entityId: r.entityId,
      hidden: r.visible !== 1,
      before: r.beforeJson === null ? null : JSON.parse(r.beforeJson),
      after: r.afterJson === null ? null : JSON.parse(r.afterJson),
    })),
    total,
    actions: distinct('action'),
    entities: distinct('entity'),
  };
}
