import type { Db } from './open.ts';

export interface RoundWaiting {
  roundId: number;
  name: string;
  status: 'open' | 'closed';
  /** Every coder finished, not yet in adjudication (open rounds only: closing hands them over). */
  ready: number;
  /** Some assigned coder has not coded it yet. */
  missing: number;
}

/**
 * Per round, the units that are not in adjudication yet and why: counts only (owners and
 * adjudicators see progress counts anyway), so the Adjudicate tab can say what to do when
 * its queue is empty.
 */
export function adjudicationWaiting(db: Db, studyId: number): RoundWaiting[] {
  return db
    .prepare(
      `SELECT r.id AS roundId, r.name, r.status,
         coalesce(sum(x.missing = 0), 0) AS ready, coalesce(sum(x.missing > 0), 0) AS missing
       FROM rounds r LEFT JOIN (
         SELECT u.round_id, (SELECT count(*) FROM assignments a WHERE a.unit_id = u.id
             AND NOT EXISTS (SELECT 1 FROM codings c WHERE c.unit_id = u.id AND c.coder_id = a.user_id)) AS missing
         FROM units u WHERE u.study_id = @studyId AND u.handed_over_at IS NULL
       ) x ON x.round_id = r.id
       WHERE r.study_id = @studyId GROUP BY r.id ORDER BY r.position`,
    )
    .all({ studyId }) as RoundWaiting[];
}
