// Imported final labels become each unit's settled adjudication, written through the same
// functions an adjudicator uses (so the audit log and analysis see them as any decision): a unit
// not yet in adjudication is opened, a settled one reopened, then settled with the rationale.
// The unit is marked handed over so a later hand-over of its round does not overwrite them.
import { ensureAdjudication, isSettled, reopenAdjudication, settleAdjudication } from '../db/adjudications.ts';
import type { Db } from '../db/open.ts';

export interface ImportedFinal {
  unitId: number;
  codeIds: Set<string>;
}

/** The caller runs this inside its transaction; `userId` settles every unit. */
export function writeImportedFinals(
  db: Db,
  studyId: number,
  userId: number,
  finals: ImportedFinal[],
  rationale: string,
): void {
  const now = new Date().toISOString();
  const handOver = db.prepare('UPDATE units SET handed_over_at = coalesce(handed_over_at, ?) WHERE id = ?');
  for (const f of finals) {
    ensureAdjudication(db, f.unitId, now);
    if (isSettled(db, f.unitId)) reopenAdjudication(db, studyId, f.unitId, userId);
    settleAdjudication(db, studyId, f.unitId, userId, { codeIds: [...f.codeIds], rationale });
    handOver.run(now, f.unitId);
  }
}
