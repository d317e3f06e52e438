import { audit } from '../db/audit.ts';
import type { Db } from '../db/open.ts';
import { getRound, type Round } from '../db/rounds.ts';
import { writeTransaction } from '../db/write-transaction.ts';

/** Marks a round assisted (suggestions before the first pass) or not, audited. */
export function setAssisted(db: Db, studyId: number, roundId: number, assisted: boolean, userId: number): Round {
  writeTransaction(db, () => {
    const before = getRound(db, studyId, roundId);
    db.prepare('UPDATE rounds SET assisted = ? WHERE id = ?').run(assisted ? 1 : 0, roundId);
    audit(db, {
      userId,
      studyId,
      action: 'round.assisted',
      entity: 'round',
      entityId: roundId,
      before: { assisted: before.assisted },
      after: { assisted },
    });
  });
  return getRound(db, studyId, roundId);
}
