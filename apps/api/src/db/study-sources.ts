// The forum sources a study reads: those its selected threads and its units come from. Mention
// trends, the stored mention series and the forum descriptives count over every post of these.
import type { Db } from './open.ts';
import { statement } from './prepared.ts';

const sourcesOf = statement<[number, number], { id: number; name: string }>(
  `SELECT id, name FROM sources WHERE id IN (
     SELECT t.source_id FROM study_threads st JOIN threads t ON t.id = st.thread_id WHERE st.study_id = ?
     UNION SELECT t.source_id FROM units u JOIN threads t ON t.id = u.thread_id WHERE u.study_id = ?) ORDER BY name`,
);

/** The study's forum sources, by name. */
export function studySources(db: Db, studyId: number): { id: number; name: string }[] {
  return sourcesOf(db).all(studyId, studyId);
}
