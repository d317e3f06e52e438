import type { Db } from './open.ts';
import {
  type CodingViewer,
  everyAssignedCoderCodedSql,
  viewerParams,
  withheldRoundIdsSql,
  withheldRounds,
} from './visibility.ts';

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
 * its queue is empty. A round withheld from the viewer (they code in it while it is open and
 * blind) is left out and named in `withheld`: its counts would tell them how far the others are.
 */
export function adjudicationWaiting(
  db: Db,
  studyId: number,
  viewer: CodingViewer,
): { rounds: RoundWaiting[]; withheld: { id: number; name: string }[] } {
  const rounds = db
    .prepare(
      `SELECT r.id AS roundId, r.name, r.status,
         coalesce(sum(x.finished), 0) AS ready, coalesce(sum(NOT x.finished), 0) AS missing
       FROM rounds r LEFT JOIN (
         SELECT u.round_id, ${everyAssignedCoderCodedSql} AS finished
         FROM units u WHERE u.study_id = @studyId AND u.handed_over_at IS NULL
       ) x ON x.round_id = r.id
       WHERE r.study_id = @studyId AND r.id NOT IN ${withheldRoundIdsSql} GROUP BY r.id ORDER BY r.position`,
    )
    .all({ studyId, ...viewerParams(viewer) }) as RoundWaiting[];
  return { rounds, withheld: withheldRounds(db, studyId, viewer) };
}
