// Suggestions must not hand a coder of a blind study the final labels the study hides from them.
// Here the posts carry no signal (the settled codes are random), so a model can score a settled
// unit's code high only by having been trained on that unit or on a copy of its text. Before
// cross-fitting, the model trained on every settled unit suggested the settled code back on
// nearly every unit, and on every copy of a settled text.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { settleAdjudication } from '../../apps/api/src/db/adjudications.ts';
import { closeRound } from '../../apps/api/src/db/close-round.ts';
import { saveCoding } from '../../apps/api/src/db/codings.ts';
import { insertRound } from '../../apps/api/src/db/rounds.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { mulberry32 } from '@threadcoder/stats';
import { retrainNow } from '../../apps/api/src/suggest/retrain.ts';
import { loggedIn } from '../support/agent.ts';
import { insertForum, insertTemplateCodebook, pinCodebook, selectAllThreads } from '../support/forum.ts';
import { addStudyCast, makeTestApp, type TestApp } from '../support/test-app.ts';
import { noSignalCodes } from './no-signal.ts';

const SETTLED = 80;
const COPIES = 30;

let t: TestApp;
let studyId: number;
let settled: { unitId: number; code: string }[];
let copies: { unitId: number; code: string }[];

beforeAll(async () => {
  t = makeTestApp();
  const cast = await addStudyCast(t.db);
  const ids = cast.ids;
  studyId = cast.studyId;
  const random = mulberry32(5);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const syllables = ['ka', 'to', 'ri', 'men', 'sa', 'lo', 'ver', 'di', 'pan', 'ur', 'te', 'mo'];
  const words = Array.from({ length: 150 }, () => `${pick(syllables)}${pick(syllables)}${pick(syllables)}`);
  const bodies = Array.from({ length: SETTLED }, () => Array.from({ length: 10 }, () => pick(words)).join(' '));
  const codes = bodies.map(() => pick(noSignalCodes));
  // Settled posts first, then copies of the first COPIES of them in other threads: exact, or pasted in capitals.
  const texts = [...bodies, ...bodies.slice(0, COPIES).map((b, i) => (i % 2 ? `${b.toUpperCase()}.` : b))];
  const forum = insertForum(
    t.db,
    texts.map((text, i) => ({
      title: `Question about ${pick(['models', 'training', 'data'])}`,
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
  const code = (unitId: number, coder: number, codeIds: string[]) =>
    saveCoding(t.db, studyId, unitId, coder, codebook.versionId, { codeIds, memo: '', unsure: false, quotes: {} });
  // cora codes nothing, cody a code; the adjudicator settles on cody's code, which cora never sees.
  const settledIds = insertUnits(
    t.db,
    studyId,
    round1,
    bodies.map((_, i) => unit(i, both)),
    ids.owen!,
    { method: 'test' },
  );
  settledIds.forEach((unitId, i) => {
    code(unitId, ids.cora!, []);
    code(unitId, ids.cody!, [codes[i]!]);
  });
  closeRound(t.db, studyId, round1, ids.owen!);
  settledIds.forEach((unitId, i) => {
    settleAdjudication(t.db, studyId, unitId, ids.ada!, { codeIds: [codes[i]!], rationale: 'settled' });
  });
  const round2 = insertRound(t.db, studyId, 'Main', 'main', ids.owen!).id;
  const copyIds = insertUnits(
    t.db,
    studyId,
    round2,
    bodies.slice(0, COPIES).map((_, i) => unit(SETTLED + i, [ids.cora!])),
    ids.owen!,
    { method: 'test' },
  );
  for (const unitId of copyIds) code(unitId, ids.cora!, []);
  await retrainNow(t.db, studyId);
  settled = settledIds.map((unitId, i) => ({ unitId, code: codes[i]! }));
  copies = copyIds.map((unitId, i) => ({ unitId, code: codes[i]! }));
});
afterAll(() => t.close());

/** How many of the units cora is suggested their settled code for, and the mean score of that code. */
async function settledCodeShown(units: { unitId: number; code: string }[]) {
  const cora = await loggedIn(t.app, 'cora');
  let shown = 0;
  let sum = 0;
  for (const { unitId, code } of units) {
    const res = await cora.get(`/api/studies/${studyId}/suggestions/units/${unitId}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { suggestions: { codeId: string; score: number }[] };
    const hit = body.suggestions.find((s) => s.codeId === code);
    if (hit) shown++;
    sum += hit?.score ?? 0;
  }
  return { share: shown / units.length, meanShownScore: sum / units.length };
}

describe('suggestions after units are settled', () => {
  test('a settled unit is not suggested its settled code by a model trained on it', async () => {
    const { share, meanShownScore } = await settledCodeShown(settled);
    // Chance is about half (balanced classes); a model trained on the unit suggested it on nearly all.
    expect(share).toBeLessThan(0.6);
    expect(meanShownScore).toBeLessThan(0.4);
  });

  test('an exact or altered copy of a settled text, in another thread, does not get the settled code either', async () => {
    const { share, meanShownScore } = await settledCodeShown(copies);
    expect(share).toBeLessThan(0.6);
    expect(meanShownScore).toBeLessThan(0.4);
  });

  test('a model stored before cross-fitting (no fold routes) is not served: the study is trained again', async () => {
    t.db.prepare('UPDATE suggestion_models SET fold_routes_json = NULL').run();
    const cora = await loggedIn(t.app, 'cora');
    const body = await (await cora.get(`/api/studies/${studyId}/suggestions/units/${copies[0]!.unitId}`)).json();
    expect(body).toMatchObject({ modelVersion: null, training: true, suggestions: [] });
    await retrainNow(t.db, studyId);
    const again = await (await cora.get(`/api/studies/${studyId}/suggestions/units/${copies[0]!.unitId}`)).json();
    expect(again.modelVersion).toBe(2);
  });
});
