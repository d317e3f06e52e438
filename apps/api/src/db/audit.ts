import type { Db } from './open.ts';

export interface AuditEntry {
  userId: number | null;
  studyId?: number | null;
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Records who changed what, with the state before and after; call inside the change's transaction. */
export function audit(db: Db, e: AuditEntry, at = new Date().toISOString()): void {
  db.prepare(
    `INSERT INTO audit_log (at, user_id, study_id, action, entity, entity_id, before_json, after_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
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
