// A study for the suggestion tests: owner owen, coders cora and cody, adjudicator ada, outsider
// nina. Round 1 (closed) holds `labelled` fixture posts that cora and cody coded alike, so they
// are settled with the fixture's labels; round 2 (open) holds four fresh posts for both coders
// and one for cora only. The model is trained (in the worker) before the study is returned.
import { saveCoding } from '../../apps/api/src/db/codings.ts';
import { closeRound } from '../../apps/api/src/db/close-round.ts';
import { insertRound } from '../../apps/api/src/db/rounds.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import type { ModelInfo } from '../../apps/api/src/suggest/model-store.ts';
import { retrainNow } from '../../apps/api/src/suggest/retrain.ts';
import { labelledPosts } from '../fixtures/suggest/labelled-posts.ts';
import { loggedIn } from '../support/agent.ts';
import { insertForum, insertTemplateCodebook, pinCodebook, selectAllThreads } from '../support/forum.ts';
import { addStudyCast, makeTestApp } from '../support/test-app.ts';

/** Round 2's posts: the first two are plainly about datasets, the others about memory. */
const freshPosts = [
  'How do I use load_dataset with a CSV file and a data split?',
  'The streaming dataset drops a column mapping when loading the arrow table.',
  'CUDA out of memory with batch size 8, VRAM is full, OOM error again.',
  'GPU memory grows and inference is slow, latency is bad, OOM error.',
];

export async function suggestStudy(labelled = 120) {
  const t = makeTestApp();
  const { ids, studyId } = await addStudyCast(t.db);
  const posts = labelledPosts(labelled);
  const forum = insertForum(
    t.db,
    [...posts.map((p) => p.text), ...freshPosts, 'Only cora codes this: thank you, that worked.'].map((text, i) => ({
      title: `Question ${i + 1}`,
      createdAt: new Date(Date.UTC(2024, 0, 1 + (i % 28))).toISOString(),
      posts: [text],
    })),
  );
  selectAllThreads(t.db, studyId);
  const codebook = insertTemplateCodebook(t.db);
  pinCodebook(t.db, studyId, codebook);
  const round1 = t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  const both = [ids.cora!, ids.cody!];
  const unit = (i: number, coderIds: number[]) => ({
    threadId: forum.threadIds[i]!,
    postId: forum.postIds[i]![0]!,
    coderIds,
  });
  const labelledUnits = insertUnits(
    t.db,
    studyId,
    round1,
    posts.map((_, i) => unit(i, both)),
    ids.owen!,
    { method: 'test' },
  );
  labelledUnits.forEach((unitId, i) => {
    for (const coder of both)
      saveCoding(t.db, studyId, unitId, coder, codebook.versionId, {
        codeIds: posts[i]!.codeIds,
        memo: '',
        unsure: false,
        quotes: {},
      });
  });
  closeRound(t.db, studyId, round1, ids.owen!);
  const round2 = insertRound(t.db, studyId, 'Main', 'main', ids.owen!).id;
  const fresh = insertUnits(
    t.db,
    studyId,
    round2,
    freshPosts.map((_, i) => unit(labelled + i, both)),
    ids.owen!,
    { method: 'test' },
  );
  const [coraOnly] = insertUnits(t.db, studyId, round2, [unit(labelled + freshPosts.length, [ids.cora!])], ids.owen!, {
    method: 'test',
  });
  await retrainNow(t.db, studyId);
  const as = (name: string) => loggedIn(t.app, name);
  const code = (unitId: number, coder: string, codeIds: string[]) =>
    saveCoding(t.db, studyId, unitId, ids[coder]!, codebook.versionId, {
      codeIds,
      memo: '',
      unsure: false,
      quotes: {},
    });
  return { t, ids, studyId, round1, round2, posts, labelledUnits, fresh, coraOnly: coraOnly!, as, code };
}

export type SuggestStudy = Awaited<ReturnType<typeof suggestStudy>>;

/**
 * A new round of one-post threads with `texts` for cora and cody (`beforeCoding` runs once its
 * units are there), which both code as `codeId`; then owen closes it and the model is retrained
 * as the close asks (retrainNow runs the retraining the close schedules, at once).
 */
export async function closedRoundRetrained(
  s: SuggestStudy,
  name: string,
  texts: string[],
  codeId: string,
  beforeCoding: (roundId: number) => Promise<void> = async () => {},
): Promise<ModelInfo> {
  const forum = insertForum(
    s.t.db,
    texts.map((text, i) => ({ title: `${name} ${i}`, createdAt: '2024-02-01T00:00:00.000Z', posts: [text] })),
    `${name} forum`,
  );
  selectAllThreads(s.t.db, s.studyId);
  const roundId = insertRound(s.t.db, s.studyId, name, 'main', s.ids.owen!).id;
  const both = [s.ids.cora!, s.ids.cody!];
  const units = insertUnits(
    s.t.db,
    s.studyId,
    roundId,
    forum.threadIds.map((threadId, i) => ({ threadId, postId: forum.postIds[i]![0]!, coderIds: both })),
    s.ids.owen!,
    { method: 'test' },
  );
  await beforeCoding(roundId);
  for (const unitId of units) for (const coder of ['cora', 'cody']) s.code(unitId, coder, [codeId]);
  const owen = await s.as('owen');
  const closed = await owen.post(`/api/studies/${s.studyId}/rounds/${roundId}/close`);
  if (closed.status !== 200) throw new Error(`Closing ${name} answered ${closed.status}.`);
  return retrainNow(s.t.db, s.studyId);
}
