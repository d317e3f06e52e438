import { loggedIn, type Agent } from './agent.ts';
import { insertTemplateCodebook, monthlyForum, pinCodebook, selectAllThreads } from './forum.ts';
import { addStudyCast, makeTestApp } from './test-app.ts';

/**
 * A study ready to code: owner owen, coders cora and cody, adjudicator ada, outsider nina;
 * 12 monthly threads of 3 posts selected; the HF template codebook pinned; one open round.
 */
export async function codingStudy() {
  const t = makeTestApp();
  const { ids, studyId } = await addStudyCast(t.db);
  const forum = monthlyForum(t.db, 12);
  selectAllThreads(t.db, studyId);
  pinCodebook(t.db, studyId, insertTemplateCodebook(t.db));
  const roundId = t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  const as = async (name: string): Promise<Agent> => loggedIn(t.app, name);
  return { t, ids, studyId, roundId, forum, as };
}

export type CodingStudy = Awaited<ReturnType<typeof codingStudy>>;
