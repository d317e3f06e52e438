import { AppError } from '../http/errors.ts';
import { audit } from './audit.ts';
import type { Db } from './open.ts';
import { getRound } from './rounds.ts';
import { listMembers } from './studies.ts';
import { refuseIfWithheld } from './visibility.ts';
import { writeTransaction } from './write-transaction.ts';

export interface IncompleteMove {
  /** An open round of the study; the same round (if open) only deals the units to other coders. */
  toRoundId: number;
  /** Coders who take over the missing codings (the coders who did not code a unit lose it). */
  coderIds?: number[] | undefined;
}

/** Units of the round that some assigned coder has not coded and that were not handed over. */
function incompleteUnitIds(db: Db, roundId: number): number[] {
  return db
    .prepare(
      `SELECT u.id FROM units u WHERE u.round_id = ? AND u.handed_over_at IS NULL AND EXISTS (
         SELECT 1 FROM assignments a WHERE a.unit_id = u.id
           AND NOT EXISTS (SELECT 1 FROM codings c WHERE c.unit_id = u.id AND c.coder_id = a.user_id))
       ORDER BY u.position`,
    )
    .pluck()
    .all(roundId) as number[];
}

/**
 * Offers a round's incomplete units again, so they are not stranded when it closed: into an
 * open round, and optionally to other coders in place of those who did not code them. Codings
 * already made stay with their units. One transaction, audited.
 */
export function moveIncomplete(
  db: Db,
  studyId: number,
  fromRoundId: number,
  move: IncompleteMove,
  userId: number,
): { units: number; reassigned: number } {
  return writeTransaction(db, () => {
    refuseIfWithheld(db, getRound(db, studyId, fromRoundId), userId);
    const target = getRound(db, studyId, move.toRoundId);
    if (target.status !== 'open')
      throw new AppError('round.closed', 409, `Round "${target.name}" is closed; offer the units to an open round.`, {
        field: 'toRoundId',
      });
    const coders = listMembers(db, studyId)
      .filter((m) => m.role === 'coder')
      .map((m) => m.userId);
    const stranger = move.coderIds?.find((id) => !coders.includes(id));
    if (stranger !== undefined)
      throw new AppError('sample.not_a_coder', 400, `User ${stranger} is not a coder in this study.`, {
        field: 'coderIds',
      });
    const units = incompleteUnitIds(db, fromRoundId);
    const toRound = db.prepare('UPDATE units SET round_id = ? WHERE id = ?');
    const dropMissing = db.prepare(
      'DELETE FROM assignments WHERE unit_id = ? AND NOT EXISTS (SELECT 1 FROM codings c WHERE c.unit_id = assignments.unit_id AND c.coder_id = assignments.user_id)',
    );
    const assign = db.prepare('INSERT OR IGNORE INTO assignments (unit_id, user_id, assigned_at) VALUES (?, ?, ?)');
    const now = new Date().toISOString();
    let reassigned = 0;
    for (const unitId of units) {
      toRound.run(move.toRoundId, unitId);
      if (!move.coderIds) continue;
      dropMissing.run(unitId);
      for (const coder of move.coderIds) reassigned += assign.run(unitId, coder, now).changes;
    }
    audit(db, {
      userId,
      studyId,
      action: 'round.move_incomplete',
      entity: 'round',
      entityId: fromRoundId,
      after: { units, toRoundId: move.toRoundId, coderIds: move.coderIds ?? null },
    });
    return { units: units.length, reassigned };
  });
}
