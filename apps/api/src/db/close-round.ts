import { AppError } from '../http/errors.ts';
import { audit } from './audit.ts';
import { type HandOverSummary, handOverFinished } from './hand-over.ts';
import type { Db } from './open.ts';
import { getRound } from './rounds.ts';
import { refuseIfWithheld } from './visibility.ts';
import { writeTransaction } from './write-transaction.ts';

export type CloseSummary = HandOverSummary;

/**
 * Closing a round ends coding in it and hands its finished units over to adjudication
 * (hand-over.ts); units handed over earlier are left as they are. Units still missing a
 * coding are counted as incomplete: reopen the round or move them (incomplete-units.ts).
 * All in one transaction.
 */
export function closeRound(db: Db, studyId: number, roundId: number, userId: number): CloseSummary {
  return writeTransaction(db, () => {
    const round = getRound(db, studyId, roundId);
    if (round.status !== 'open')
      throw new AppError('round.already_closed', 409, `Round "${round.name}" is already closed.`);
    const now = new Date().toISOString();
    const summary = handOverFinished(db, roundId, now);
    db.prepare("UPDATE rounds SET status = 'closed', closed_at = ? WHERE id = ?").run(now, roundId);
    audit(db, {
      userId,
      studyId,
      action: 'round.close',
      entity: 'round',
      entityId: roundId,
      before: { status: 'open' },
      after: { status: 'closed', ...summary },
    });
    return summary;
  });
}

/**
 * Starts adjudication in a round that stays open: its units that every coder has finished are
 * handed over now, the rest go on being coded. Coders who are not adjudicators stay blind to
 * the handed-over units until the round closes or is unblinded (visibility.ts).
 */
export function adjudicateFinished(db: Db, studyId: number, roundId: number, userId: number): HandOverSummary {
  return writeTransaction(db, () => {
    const round = getRound(db, studyId, roundId);
    if (round.status !== 'open')
      throw new AppError(
        'round.already_closed',
        409,
        `Round "${round.name}" is closed: its finished units are in adjudication already.`,
      );
    refuseIfWithheld(db, round, userId);
    const summary = handOverFinished(db, roundId, new Date().toISOString());
    audit(db, {
      userId,
      studyId,
      action: 'round.adjudicate_finished',
      entity: 'round',
      entityId: roundId,
      after: summary,
    });
    return summary;
  });
}

/** Opens a closed round again, so its incomplete units can be finished; handed-over units stay as they are. */
export function reopenRound(db: Db, studyId: number, roundId: number, userId: number) {
  writeTransaction(db, () => {
    const round = getRound(db, studyId, roundId);
    if (round.status !== 'closed') throw new AppError('round.already_open', 409, `Round "${round.name}" is open.`);
    db.prepare("UPDATE rounds SET status = 'open', closed_at = NULL WHERE id = ?").run(roundId);
    audit(db, {
      userId,
      studyId,
      action: 'round.reopen',
      entity: 'round',
      entityId: roundId,
      before: { status: 'closed', closedAt: round.closedAt },
      after: { status: 'open' },
    });
  });
  return getRound(db, studyId, roundId);
}
