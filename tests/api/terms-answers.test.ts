// Distinctive terms are answered from memory while their inputs are unchanged (issue #20), and
// never from memory once a label or the text a unit is analysed at has changed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { distinctiveTermsReport } from '../../apps/api/src/db/analysis-terms.ts';
import { openDb } from '../../apps/api/src/db/open.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { distinctiveTerms, prepareCorpus } from '../../apps/api/src/words/tfidf.ts';
import { loggedIn } from '../support/agent.ts';
import { analysisStudy, threads } from '../support/analysis-study.ts';
import { insertTemplateCodebook, pinCodebook } from '../support/forum.ts';
import { importTopics, postIdOf, threadIdOf, topics, withEditedAnswer } from '../support/revised-forum.ts';
import { addStudyCast, makeTestApp } from '../support/test-app.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

test('the same inputs give the kept answer; a changed label gives a new one, as computed afresh', async () => {
  const s = await analysisStudy();
  cleanups.push(() => s.t.close());
  const memory = () => distinctiveTermsReport(s.t.db, s.studyId, { code: 'memory' });
  const first = memory();
  expect(memory()).toBe(first);
  // Settled units in unit order: U1..U6, U8; memory is on U1, U4 and U8.
  const texts = [...threads.map((t) => t.posts[0]!), threads[5]!.posts[1]!];
  expect(first.codes[0]!.terms).toEqual(distinctiveTerms(prepareCorpus(texts), [0, 3, 6]));

  // The adjudicator settles U3 again, now with memory.
  const u3 = s.units[2]!;
  const adjudication = `/api/studies/${s.studyId}/adjudication/units/${u3}`;
  expect((await s.agents.ada.post(`${adjudication}/reopen`)).status).toBe(200);
  const settled = await s.agents.ada.post(`${adjudication}/settle`, {
    codeIds: ['docs', 'memory'],
    rationale: 'The missing example is about memory.',
  });
  expect(settled.status).toBe(200);
  const relabelled = memory();
  expect(relabelled).not.toBe(first);
  expect(relabelled.codes[0]).toMatchObject({ codeId: 'memory', units: 4 });
  expect(relabelled.codes[0]!.terms).toEqual(distinctiveTerms(prepareCorpus(texts), [0, 2, 3, 6]));
  expect(relabelled.codes[0]!.terms).not.toEqual(first.codes[0]!.terms);
});

test('a post edited by another connection (a worker, the CLI) gives a new answer, as computed afresh', async () => {
  const s = await analysisStudy();
  cleanups.push(() => s.t.close());
  const memory = () => distinctiveTermsReport(s.t.db, s.studyId, { code: 'memory' });
  const first = memory();
  expect(memory()).toBe(first);

  const other = openDb(s.t.dbPath);
  other.prepare('UPDATE posts SET text = ? WHERE id = ?').run('zyzzyva zyzzyva overflow', s.forum.postIds[3]![0]!);
  other.close();
  const edited = memory();
  expect(edited).not.toBe(first);
  const texts = [...threads.map((t) => t.posts[0]!), threads[5]!.posts[1]!];
  texts[3] = 'zyzzyva zyzzyva overflow';
  expect(edited.codes[0]!.terms).toEqual(distinctiveTerms(prepareCorpus(texts), [0, 3, 6]));
  expect(edited.codes[0]!.terms.map((t) => t.term)).toContain('zyzzyva');
});

test('the route answers again without a worker while nothing is committed, and asks one after any commit', async () => {
  const s = await analysisStudy();
  cleanups.push(() => s.t.close());
  const runs = vi.spyOn(s.t.tasks, 'run');
  const memory = async () => (await s.agents.owen.get(`/api/studies/${s.studyId}/analysis/terms?code=memory`)).json();
  const first = await memory();
  // The first requests' workers write (facts, token counts), so their answers are not kept; with nothing else
  // written, a request soon runs no task.
  let asked = -1;
  for (let i = 0; i < 5 && asked !== runs.mock.calls.length; i++) {
    asked = runs.mock.calls.length;
    expect(await memory()).toEqual(first);
  }
  expect(runs.mock.calls.length).toBe(asked);

  const other = openDb(s.t.dbPath);
  other.prepare('UPDATE posts SET text = ? WHERE id = ?').run('zyzzyva zyzzyva overflow', s.forum.postIds[3]![0]!);
  other.close();
  const edited = await memory();
  expect(runs.mock.calls.length).toBeGreaterThan(asked);
  const texts = [...threads.map((t) => t.posts[0]!), threads[5]!.posts[1]!];
  texts[3] = 'zyzzyva zyzzyva overflow';
  expect(edited.codes[0].terms).toEqual(distinctiveTerms(prepareCorpus(texts), [0, 3, 6]));
});

test('a re-import that edits a coded post keeps the answer; removing the revision it was coded on does not', async () => {
  const t = makeTestApp();
  const dir = mkdtempSync(join(tmpdir(), 'threadcoder-terms-answers-'));
  cleanups.push(() => {
    t.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await importTopics(t.db, dir, topics());
  const { ids, studyId } = await addStudyCast(t.db);
  pinCodebook(t.db, studyId, insertTemplateCodebook(t.db));
  const roundId = t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  const coders = [ids.cora!, ids.cody!];
  const [answer, other] = insertUnits(
    t.db,
    studyId,
    roundId,
    [
      { threadId: threadIdOf(t.db, '2001'), postId: postIdOf(t.db, '60002'), coderIds: coders },
      { threadId: threadIdOf(t.db, '2002'), postId: postIdOf(t.db, '60003'), coderIds: coders },
    ],
    ids.owen!,
    {},
  );
  for (const name of ['cora', 'cody']) {
    const coder = await loggedIn(t.app, name);
    await coder.request('PUT', `/api/studies/${studyId}/units/${answer}/coding`, { codeIds: ['model-usage'] });
    await coder.request('PUT', `/api/studies/${studyId}/units/${other}/coding`, { codeIds: ['beginner-guidance'] });
  }
  const owen = await loggedIn(t.app, 'owen');
  expect((await owen.post(`/api/studies/${studyId}/rounds/${roundId}/close`)).status).toBe(200);
  const modelUsage = () => distinctiveTermsReport(t.db, studyId, { code: 'model-usage' });
  const coded = modelUsage();
  expect(coded.codes[0]!.terms).toEqual([]);

  // The edit is a new revision; the unit is still analysed as coded, so nothing the answer reads changed.
  await importTopics(t.db, dir, withEditedAnswer(), 'edited.jsonl');
  expect(modelUsage()).toBe(coded);

  // Without its revisions the post reads as stored now: the edit's repeated word is a distinctive term.
  t.db.exec('DELETE FROM post_revisions');
  const edited = modelUsage();
  expect(edited).not.toBe(coded);
  expect(edited.codes[0]!.terms.map((x) => x.term)).toEqual(['upload_folder']);
});

test('two databases in one thread never share an answer, even at the same commit counts', async () => {
  const [a, b] = [await analysisStudy(), await analysisStudy()];
  cleanups.push(
    () => a.t.close(),
    () => b.t.close(),
  );
  // One row changed by another connection on each: only the words differ.
  const edit = (s: typeof a, text: string) => {
    const other = openDb(s.t.dbPath);
    other.prepare('UPDATE posts SET text = ? WHERE id = ?').run(text, s.forum.postIds[3]![0]!);
    other.close();
  };
  edit(a, threads[3]!.posts[0]!);
  edit(b, 'zyzzyva zyzzyva overflow');
  const memory = (s: typeof a) => distinctiveTermsReport(s.t.db, s.studyId, { code: 'memory' });
  const texts = [...threads.map((t) => t.posts[0]!), threads[5]!.posts[1]!];
  const asIs = distinctiveTerms(prepareCorpus(texts), [0, 3, 6]);
  texts[3] = 'zyzzyva zyzzyva overflow';
  const edited = distinctiveTerms(prepareCorpus(texts), [0, 3, 6]);
  expect(memory(a).codes[0]!.terms).toEqual(asIs);
  expect(memory(b).codes[0]!.terms).toEqual(edited);
  // Both connections have now made the same commits and changes: a's answer is still a's own.
  expect(memory(a).codes[0]!.terms).toEqual(asIs);
  expect(memory(b).codes[0]!.terms).toEqual(edited);
});
