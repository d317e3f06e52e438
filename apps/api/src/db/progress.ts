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

// Codings are counted per (round, coder) first and joined to the assignment counts after: one
// pass over each, where a LEFT JOIN per assignment would first copy all the study's codings.
const progressSql = `WITH assigned AS (
    SELECT u.round_id AS roundId, a.user_id AS coderId, count(*) AS assigned
    FROM units u JOIN assignments a ON a.unit_id = u.id
    WHERE u.study_id = @studyId AND (@only IS NULL OR a.user_id = @only)
      AND (a.user_id = @viewerId OR u.round_id NOT IN ${withheldRoundIdsSql})
    GROUP BY u.round_id, a.user_id),
  done AS (
    SELECT u.round_id AS roundId, c.coder_id AS coderId, count(*) AS done, sum(c.unsure) AS unsure
    FROM ${countableCodings} c JOIN units u ON u.id = c.unit_id
    WHERE EXISTS (SELECT 1 FROM assignments a WHERE a.unit_id = c.unit_id AND a.user_id = c.coder_id)
    GROUP BY u.round_id, c.coder_id)
  SELECT x.roundId, x.coderId, usr.username, x.assigned, coalesce(d.done, 0) AS done, coalesce(d.unsure, 0) AS unsure
  FROM assigned x JOIN users usr ON usr.id = x.coderId LEFT JOIN done d ON d.roundId = x.roundId AND d.coderId = x.coderId
  ORDER BY x.roundId, usr.username`;

/** Progress rows the viewer may see; `onlyCoder` limits them to one coder (a coder asking about themselves). */
export function progress(db: Db, studyId: number, viewer: CodingViewer, onlyCoder?: number): CoderProgress[] {
  return db.prepare(progressSql).all({ studyId, ...viewerParams(viewer), only: onlyCoder ?? null }) as CoderProgress[];
}
