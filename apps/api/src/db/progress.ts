// Done / assigned per coder and round: counts only, from the codings the viewer may count
// (visibility.ts). Owners and adjudicators see every coder's, except in a round withheld from
// them (they code in it while it is open and blind), where they see only their own row.
import type { Db } from './open.ts';
import { countableCodings, viewerParams, withheldRoundIdsSql, type CodingViewer } from './visibility.ts';

export interface CoderProgress {
  roundId: number;
  coderId: number;
  username: string;
  assigned: number;
  done: number;
  unsure: number;
}

const progressSql = `SELECT u.round_id AS roundId, a.user_id AS coderId, usr.username, count(*) AS assigned, count(c.id) AS done,
    coalesce(sum(c.unsure), 0) AS unsure
  FROM units u JOIN assignments a ON a.unit_id = u.id JOIN users usr ON usr.id = a.user_id
  LEFT JOIN ${countableCodings} c ON c.unit_id = u.id AND c.coder_id = a.user_id
  WHERE u.study_id = @studyId AND (@only IS NULL OR a.user_id = @only)
    AND (a.user_id = @viewerId OR u.round_id NOT IN ${withheldRoundIdsSql})
  GROUP BY u.round_id, a.user_id ORDER BY u.round_id, usr.username`;

/** Progress rows the viewer may see; `onlyCoder` limits them to one coder (a coder asking about themselves). */
export function progress(db: Db, studyId: number, viewer: CodingViewer, onlyCoder?: number): CoderProgress[] {
  return db.prepare(progressSql).all({ studyId, ...viewerParams(viewer), only: onlyCoder ?? null }) as CoderProgress[];
}
