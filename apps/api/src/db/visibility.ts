// The blind-coding rule, written once for every query that returns codings:
// a coder's coding is visible to someone else only when the study is not blind,
// the owner has unblinded the unit's round, or the unit has reached adjudication.
// Queries join `codings c`, `units u`, `rounds r` and `studies s` and bind @viewerId.
export const codingVisibleSql = `(c.coder_id = @viewerId OR s.blind = 0 OR r.unblinded = 1
  OR EXISTS (SELECT 1 FROM adjudications a WHERE a.unit_id = u.id))`;

import type { Db } from './open.ts';

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
