// Which model versions' uncertainty scores a "most uncertain first" ranking may still page
// through (migrations 037, 042): each coder's latest ranking in a round pins the version it began
// with, for that round's units. A unit's score of a version that is neither the study's current
// model nor pinned in the unit's round is pruned when a ranking begins, so a unit keeps at most
// the current version's score plus one per coder who ranked its round, however many rounds close.
import type { Db } from '../db/open.ts';
import { statement } from '../db/prepared.ts';
import { writeTransaction } from '../db/write-transaction.ts';

interface Pin {
  studyId: number;
  roundId: number;
  coderId: number;
  rankedAt: string;
  /** null: the ranking began without a model, so it pins nothing. */
  modelVersion: number | null;
}

const putPin = statement<[Pin]>(
  `INSERT INTO uncertainty_rankings (round_id, coder_id, study_id, model_version, ranked_at)
   VALUES (@roundId, @coderId, @studyId, @modelVersion, @rankedAt)
   ON CONFLICT (round_id, coder_id) DO UPDATE SET model_version = excluded.model_version, ranked_at = excluded.ranked_at`,
);
const dropPin = statement<[{ roundId: number; coderId: number }]>(
  'DELETE FROM uncertainty_rankings WHERE round_id = @roundId AND coder_id = @coderId',
);
// Per round, not per study: a pin left in a closed round must not keep an open round's old scores.
// Versions only grow, so the old ones are those below the current: a range of the study's index
// that skips the current version's scores, the most numerous (one per unit ranked).
const pruneScores = statement<[{ studyId: number; below: number }]>(
  `DELETE FROM unit_uncertainty AS uu WHERE uu.study_id = @studyId AND uu.model_version < @below
     AND NOT EXISTS (SELECT 1 FROM units u JOIN uncertainty_rankings r ON r.round_id = u.round_id
                     WHERE u.id = uu.unit_id AND r.model_version = uu.model_version)`,
);
const pinned = statement<[number, number, number], number>(
  'SELECT 1 FROM uncertainty_rankings WHERE round_id = ? AND coder_id = ? AND model_version = ?',
  (s) => s.pluck(),
);

/** Records the coder's new ranking in the round (replacing their earlier one) and prunes the scores no ranking needs. */
export function pinRanking(db: Db, pin: Pin, currentVersion: number | null): void {
  writeTransaction(db, () => {
    if (pin.modelVersion === null) dropPin(db).run({ roundId: pin.roundId, coderId: pin.coderId });
    else putPin(db).run(pin);
    pruneScores(db).run({ studyId: pin.studyId, below: currentVersion ?? Number.MAX_SAFE_INTEGER });
  });
}

/** Whether the coder's latest ranking in the round still keeps `modelVersion`'s scores. */
export function isPinned(db: Db, roundId: number, coderId: number, modelVersion: number): boolean {
  return pinned(db).get(roundId, coderId, modelVersion) !== undefined;
}
