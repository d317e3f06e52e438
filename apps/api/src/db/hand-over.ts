import type { Db } from './open.ts';

export interface HandOverSummary {
  agreed: number;
  disagreed: number;
  incomplete: number;
}

/**
 * Hands over the round's units that every assigned coder has coded and that were not handed
 * over yet: identical label sets become the unit's final labels (a unit coded by one coder
 * counts as agreed), differing sets open an adjudication. Units still missing a coding are
 * counted as incomplete and left as they are. The caller runs this inside its transaction.
 */
export function handOverFinished(db: Db, roundId: number, now: string): HandOverSummary {
  const rows = db
    .prepare(
      `SELECT u.id AS unitId, c.id AS codingId,
         (SELECT group_concat(code_id, '\u001f') FROM (SELECT code_id FROM coding_labels l WHERE l.coding_id = c.id ORDER BY code_id)) AS labels
       FROM units u JOIN assignments a ON a.unit_id = u.id
       LEFT JOIN codings c ON c.unit_id = u.id AND c.coder_id = a.user_id
       WHERE u.round_id = ? AND u.handed_over_at IS NULL ORDER BY u.id`,
    )
    .all(roundId) as { unitId: number; codingId: number | null; labels: string | null }[];
  const byUnit = new Map<number, typeof rows>();
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  const addFinal = db.prepare(
    "INSERT OR REPLACE INTO final_labels (unit_id, code_id, origin) VALUES (?, ?, 'agreement')",
  );
  const openAdjudication = db.prepare(
    "INSERT OR IGNORE INTO adjudications (unit_id, status, created_at) VALUES (?, 'open', ?)",
  );
  const markHandedOver = db.prepare('UPDATE units SET handed_over_at = ? WHERE id = ?');
  const summary: HandOverSummary = { agreed: 0, disagreed: 0, incomplete: 0 };
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
    markHandedOver.run(now, unitId);
  }
  return summary;
}
