import { closeRound } from '../../apps/api/src/db/close-round.ts';
import { saveCoding } from '../../apps/api/src/db/codings.ts';
import type { Db } from '../../apps/api/src/db/open.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { population } from '../../apps/api/src/db/population.ts';
import { insertTemplateCodebook, monthlyForum, pinCodebook, selectAllThreads } from './forum.ts';
import { addStudyCast } from './test-app.ts';

/**
 * A study with `units` post units (positions 1…units) of monthly threads, all assigned to both
 * cora and cody, written straight into the tables (an API draw of hundreds would be slow).
 * `coded(i)` says which of the 0-based units each has coded; with `disagree`, the round is closed
 * and every unit both coded differently is in adjudication.
 */
export async function largeStudy(
  db: Db,
  o: { units: number; coded?: (i: number) => boolean; disagree?: boolean },
): Promise<{ ids: Record<string, number>; studyId: number; roundId: number; unitIds: number[] }> {
  const { ids, studyId } = await addStudyCast(db);
  monthlyForum(db, Math.ceil(o.units / 3));
  selectAllThreads(db, studyId);
  pinCodebook(db, studyId, insertTemplateCodebook(db));
  const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  const posts = population(db, studyId, 'post', 'none').slice(0, o.units);
  const unitIds = insertUnits(
    db,
    studyId,
    roundId,
    posts.map((p) => ({ threadId: p.threadId, postId: p.id, coderIds: [ids.cora!, ids.cody!] })),
    ids.owen!,
    { method: 'test' },
  );
  const versionId = db.prepare('SELECT codebook_version_id FROM studies WHERE id = ?').pluck().get(studyId) as number;
  const code = (unitId: number, coder: number, codeId: string) =>
    saveCoding(db, studyId, unitId, coder, versionId, { codeIds: [codeId], quotes: {}, memo: '', unsure: false });
  db.transaction(() => {
    unitIds.forEach((unitId, i) => {
      if (o.disagree) {
        code(unitId, ids.cora!, 'model-usage');
        code(unitId, ids.cody!, 'dataset');
      } else if (o.coded?.(i)) code(unitId, ids.cora!, 'model-usage');
    });
  })();
  if (o.disagree) closeRound(db, studyId, roundId, ids.owen!);
  return { ids, studyId, roundId, unitIds };
}
