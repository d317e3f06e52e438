import type { Db } from './open.ts';
import { statement } from './prepared.ts';

export interface AuditEntry {
  userId: number | null;
  studyId?: number | null;
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

// Every change writes a row (each saved coding, too), so the statement is prepared once per connection.
const insertAudit = statement(
  `INSERT INTO audit_log (at, user_id, study_id, action, entity, entity_id, before_json, after_json)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
);

/** Records who changed what, with the state before and after; call inside the change's transaction. */
export function audit(db: Db, e: AuditEntry, at = new Date().toISOString()): void {
  insertAudit(db).run(
    at,
    e.userId,
    e.studyId ?? null,
    e.action,
    e.entity,
    String(e.entityId),
    e.before === undefined ? null : JSON.stringify(e.before),
    e.after === undefined ? null : JSON.stringify(e.after),
  );
}
