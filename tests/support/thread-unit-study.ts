// A blind thread study of one unit, a whole thread, assigned to both its coders (cora and cody of
// addStudyCast): the set-up of the tests that page a thread unit's posts.
import type { Db } from '../../apps/api/src/db/open.ts';
import { addMember, insertStudy } from '../../apps/api/src/db/studies.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { insertTemplateCodebook, pinCodebook } from './forum.ts';

export function threadUnitStudy(db: Db, ids: Record<string, number>, threadId: number) {
  const studyId = insertStudy(
    db,
    { name: 'Threads', description: '', unitKind: 'thread', labelMode: 'multi', blind: true },
    ids.owen!,
  );
  addMember(db, studyId, ids.cora!, 'coder');
  addMember(db, studyId, ids.cody!, 'coder');
  pinCodebook(db, studyId, insertTemplateCodebook(db));
  const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  const [unitId] = insertUnits(
    db,
    studyId,
    roundId,
    [{ threadId, postId: null, coderIds: [ids.cora!, ids.cody!] }],
    ids.owen!,
    {},
  );
  return { studyId, roundId, unitId: unitId! };
}
