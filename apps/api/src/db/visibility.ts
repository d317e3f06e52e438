// The blind-coding rule, written once for every query that returns codings:
// a coder's coding is visible to someone else only when the study is not blind,
// the owner has unblinded the unit's round, or the unit has reached adjudication: for
// everyone once its round is closed, and while the round is still open (adjudication of
// finished units, close-round.ts) only for those who adjudicate: owners, adjudicators, admins.
// Queries join `codings c`, `units u`, `rounds r` and `studies s` and bind @viewerId.
export const codingVisibleSql = `(c.coder_id = @viewerId OR s.blind = 0 OR r.unblinded = 1
  OR (EXISTS (SELECT 1 FROM adjudications a WHERE a.unit_id = u.id) AND (r.status = 'closed'
    OR EXISTS (SELECT 1 FROM study_members m WHERE m.study_id = u.study_id AND m.user_id = @viewerId
      AND m.role IN ('owner', 'adjudicator'))
    OR EXISTS (SELECT 1 FROM users v WHERE v.id = @viewerId AND v.is_admin = 1))))`;

import type { Db } from './open.ts';

/**
 * Labels only (never memos or quotes) of a unit in a closed round that every assigned coder
 * coded are no secret either: the coders agreed, so their labels are the unit's final labels,
 * or they disagreed and the unit is in adjudication. A unit someone left uncoded stays hidden.
 */
export const labelsDisclosedSql = `(${codingVisibleSql} OR (r.status = 'closed' AND NOT EXISTS (
  SELECT 1 FROM assignments a WHERE a.unit_id = u.id
    AND NOT EXISTS (SELECT 1 FROM codings done WHERE done.unit_id = u.id AND done.coder_id = a.user_id))))`;

/** Whether `viewerId` may see other coders' codings of this unit (see codingVisibleSql). */
export function othersCodingsVisible(db: Db, unitId: number): boolean {
  const row = db
    .prepare(
      `SELECT s.blind = 0 OR r.unblinded = 1 OR EXISTS (SELECT 1 FROM adjudications a WHERE a.unit_id = u.id) AS visible
       FROM units u JOIN rounds r ON r.id = u.round_id JOIN studies s ON s.id = u.study_id WHERE u.id = ?`,
    )
    .get(unitId) as { visible: number } | undefined;
  return row?.visible === 1;
}

/**
 * Final labels and what is computed from them (counts, trends, co-occurrence, terms, the
 * report) go to owners and adjudicators, and to coders only once the study is not blind,
 * so that no coder learns how the others label.
 */
export function resultsVisible(db: Db, studyId: number, roles: readonly string[]): boolean {
  if (roles.includes('owner') || roles.includes('adjudicator')) return true;
  return db.prepare('SELECT blind FROM studies WHERE id = ?').pluck().get(studyId) === 0;
}
