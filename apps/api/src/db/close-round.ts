import { AppError } from '../http/errors.ts';
import { audit } from './audit.ts';
import type { Db } from './open.ts';
import { getRound } from './rounds.ts';

export interface CloseSummary {
  agreed: number;
  disagreed: number;
  incomplete: number;
}

/**
 * Closing a round ends coding in it and starts adjudication. For each unit that every
 * assigned coder has coded: identical label sets become its final labels (a unit coded
 * by one coder counts as agreed); differing sets open an adjudication. Units still
 * missing a coding get neither and are counted as incomplete. All in one transaction.
 */
export function closeRound(db: Db, studyId: number, roundId: number, userId: number): CloseSummary {
  return db.transaction(() => {
    const round = getRound(db, studyId, roundId);
    if (round.status !== 'open')
      throw new AppError('round.already_closed', 409, `Round "${round.name}" is already closed.`);
    const rows = db
      .prepare(
        `SELECT u.id AS unitId, a.user_id AS coderId, c.id AS codingId,
           (SELECT group_concat(code_id, '\u001f') FROM (SELECT code_id FROM coding_labels l WHERE l.coding_id = c.id ORDER BY code_id)) AS labels
         FROM units u JOIN assignments a ON a.unit_id = u.id
         LEFT JOIN codings c ON c.unit_id = u.id AND c.coder_id = a.user_id
         WHERE u.round_id = ? ORDER BY u.id`,
      )
      .all(roundId) as { unitId: number; coderId: number; codingId: number | null; labels: string | null }[];
    const byUnit = new Map<number, typeof rows>();
    for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
    const now = new Date().toISOString();
    const addFinal = db.prepare(
      "INSERT OR REPLACE INTO final_labels (unit_id, code_id, origin) VALUES (?, ?, 'agreement')",
    );
    const openAdjudication = db.prepare(
      "INSERT OR IGNORE INTO adjudications (unit_id, status, created_at) VALUES (?, 'open', ?)",
    );
    const summary: CloseSummary = { agreed: 0, disagreed: 0, incomplete: 0 };
    for (const [unitId, codings] of byUnit) {
      if (codings.some((c) => c.codingId === null)) {
        summary.incomplete++;
        continue;
      }
      const sets = new Set(codings.map((c) => c.labels ?? ''));
      if (sets.size === 1) {
        const labels = codings[0]!.labels;
        for (const code of labels ? labels.split('\u001f') : []) addFinal.run(unitId, code);
        summary.agreed++;
      } else {
        openAdjudication.run(unitId, now);
        summary.disagreed++;
      }
    }
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
  })();
}
