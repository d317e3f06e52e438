import { AppError } from '../http/errors.ts';
import { getQueueItem, type AdjudicationStatus, type QueueItem } from './adjudication-queue.ts';
import { audit } from './audit.ts';
import type { Db } from './open.ts';
import { writeTransaction } from './write-transaction.ts';

export interface Settlement {
  codeIds: string[];
  rationale: string;
  /** Set when the adjudicator took one coder's labels as they were. */
  acceptedCoderId?: number | undefined;
}

interface State {
  status: AdjudicationStatus;
  rationale: string;
  codeIds: string[];
}

/** The adjudication state of a unit in this study, or 404 when the unit is not in adjudication. */
function state(db: Db, studyId: number, unitId: number): State {
  const row = db
    .prepare(
      'SELECT a.status, a.rationale FROM adjudications a JOIN units u ON u.id = a.unit_id WHERE a.unit_id = ? AND u.study_id = ?',
    )
    .get(unitId, studyId) as Omit<State, 'codeIds'> | undefined;
  if (!row) throw new AppError('not_found', 404, 'This unit is not in adjudication.');
  const codeIds = db
    .prepare('SELECT code_id FROM final_labels WHERE unit_id = ? ORDER BY code_id')
    .pluck()
    .all(unitId) as string[];
  return { ...row, codeIds };
}

/** Puts a unit in adjudication (open) unless it is there already; the caller runs this inside its transaction. */
export function ensureAdjudication(db: Db, unitId: number, now: string): void {
  db.prepare("INSERT OR IGNORE INTO adjudications (unit_id, status, created_at) VALUES (?, 'open', ?)").run(
    unitId,
    now,
  );
}

/** Whether the unit's adjudication is settled (false when it has none). */
export function isSettled(db: Db, unitId: number): boolean {
  return db.prepare("SELECT status = 'settled' FROM adjudications WHERE unit_id = ?").pluck().get(unitId) === 1;
}

/**
 * Settles a unit: its final labels become exactly `codeIds` (origin 'adjudication'), with the
 * rationale and who settled it, audited before/after, in one transaction. The labels must
 * already have passed checkLabels. A settled unit must be reopened before it is settled again.
 */
export function settleAdjudication(db: Db, studyId: number, unitId: number, userId: number, s: Settlement): QueueItem {
  return writeTransaction(db, () => {
    const before = state(db, studyId, unitId);
    if (before.status === 'settled') {
      throw new AppError(
        'adjudication.already_settled',
        409,
        'This unit is already settled; reopen it to change its final labels.',
      );
    }
    const codeIds = [...s.codeIds].sort();
    const now = new Date().toISOString();
    db.prepare('DELETE FROM final_labels WHERE unit_id = ?').run(unitId);
    const add = db.prepare("INSERT INTO final_labels (unit_id, code_id, origin) VALUES (?, ?, 'adjudication')");
    for (const code of codeIds) add.run(unitId, code);
    db.prepare(
      "UPDATE adjudications SET status = 'settled', rationale = ?, settled_by = ?, settled_at = ? WHERE unit_id = ?",
    ).run(s.rationale, userId, now, unitId);
    const after = {
      status: 'settled',
      rationale: s.rationale,
      codeIds,
      ...(s.acceptedCoderId !== undefined ? { acceptedCoderId: s.acceptedCoderId } : {}),
    };
    audit(
      db,
      { userId, studyId, action: 'adjudication.settle', entity: 'adjudication', entityId: unitId, before, after },
      now,
    );
    return getQueueItem(db, studyId, unitId, userId)!;
  });
}

/**
 * Reopens a settled unit: its final labels are removed until it is settled again. The last
 * rationale stays as a draft for the next decision; who settled it and when are cleared
 * (the audit log keeps them).
 */
export function reopenAdjudication(db: Db, studyId: number, unitId: number, userId: number): QueueItem {
  return writeTransaction(db, () => {
    const before = state(db, studyId, unitId);
    if (before.status !== 'settled')
      throw new AppError('adjudication.not_settled', 409, 'Only a settled unit can be reopened.');
    const now = new Date().toISOString();
    db.prepare('DELETE FROM final_labels WHERE unit_id = ?').run(unitId);
    db.prepare(
      "UPDATE adjudications SET status = 'reopened', settled_by = NULL, settled_at = NULL WHERE unit_id = ?",
    ).run(unitId);
    const after = { status: 'reopened', rationale: before.rationale, codeIds: [] };
    audit(
      db,
      { userId, studyId, action: 'adjudication.reopen', entity: 'adjudication', entityId: unitId, before, after },
      now,
    );
    return getQueueItem(db, studyId, unitId, userId)!;
  });
}
