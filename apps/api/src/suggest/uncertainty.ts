// Active learning: a coder's remaining units, the ones the model is least sure about first.
// A unit's uncertainty is the largest binary entropy (in bits) of its code scores, i.e. how
// close its most doubtful code is to 0.5; 1 is a coin toss, 0 is certainty.
import type { Db } from '../db/open.ts';
import { viewerParams, visibleCodings } from '../db/visibility.ts';
import type { Scorer } from './model-store.ts';
import { unitColumnsSql, type UnitForModel } from './unit-text.ts';

const entropy = (p: number) => (p <= 0 || p >= 1 ? 0 : -(p * Math.log2(p) + (1 - p) * Math.log2(1 - p)));

export function uncertainty(scores: { score: number }[]): number {
  return scores.reduce((most, s) => Math.max(most, entropy(s.score)), 0);
}

export interface QueuedUnit {
  unitId: number;
  position: number;
  /** null without a model (the units then keep their order). */
  uncertainty: number | null;
}

/** The caller's uncoded units in a round: most uncertain first (ties by position), or by position without a model. */
export function uncertaintyQueue(
  db: Db,
  studyId: number,
  roundId: number,
  coderId: number,
  model: Scorer | null,
): QueuedUnit[] {
  const rows = db
    .prepare(
      `SELECT u.id AS unitId, u.position, ${unitColumnsSql}
       FROM assignments a JOIN units u ON u.id = a.unit_id JOIN threads t ON t.id = u.thread_id
       WHERE u.study_id = @studyId AND u.round_id = @roundId AND a.user_id = @viewerId
         AND NOT EXISTS (SELECT 1 FROM ${visibleCodings} c WHERE c.unit_id = u.id AND c.coder_id = a.user_id)
       ORDER BY u.position`,
    )
    .all({ studyId, roundId, ...viewerParams({ operator: false, userId: coderId }) }) as (UnitForModel & {
    unitId: number;
    position: number;
  })[];
  const queue = rows.map((r) => ({
    unitId: r.unitId,
    position: r.position,
    uncertainty: model ? uncertainty(model.scores(r)) : null,
  }));
  return queue.sort((a, b) => (b.uncertainty ?? 0) - (a.uncertainty ?? 0) || a.position - b.position);
}
