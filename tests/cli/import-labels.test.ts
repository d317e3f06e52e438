import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../apps/api/src/cli/import-labels.ts';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import { captureOutput } from '../support/capture-output.ts';
import { insertTemplateCodebook, monthlyForum, pinCodebook, selectAllThreads } from '../support/forum.ts';
import { addStudy, addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let studyId: number;
let file: string;
let output: ReturnType<typeof captureOutput>;
beforeEach(async () => {
  t = makeTestApp();
  const owen = (await addUser(t.db, 'owen')).id;
  studyId = addStudy(t.db, owen);
  const forum = monthlyForum(t.db, 2);
  selectAllThreads(t.db, studyId);
  pinCodebook(t.db, studyId, insertTemplateCodebook(t.db));
  const roundId = t.db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  insertUnits(
    t.db,
    studyId,
    roundId,
    [{ threadId: forum.threadIds[0]!, postId: forum.postIds[0]![0]!, coderIds: [owen] }],
    owen,
    {},
  );
  file = join(t.dbPath, '..', 'labels.csv');
  writeFileSync(file, 'post_id,code\np1-1,beginner-guidance\np1-1,Thanks a lot\np7-7,dataset\n');
  vi.stubEnv('THREADCODER_DB', t.dbPath);
  output = captureOutput();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  t.close();
});
const codings = () => t.db.prepare('SELECT count(*) FROM codings').pluck().get();

describe('threadcoder import-labels', () => {
  test('without --yes it previews and writes nothing', async () => {
    expect(await run([file, '--study', String(studyId)])).toBe(0);
    expect(output.stdout()).toBe(
      [
        '3 rows: 1 codings with 1 labels to write.',
        'line 4: post p7-7 is not a unit of this study',
        'unknown code "Thanks a lot" on lines 3: add --map "Thanks a lot=<code id>"',
        'Nothing written: run again with --yes to import.',
        '',
      ].join('\n'),
    );
    expect(codings()).toBe(0);
  });

  test('with --yes and a mapping it imports; with an unknown name left it refuses', async () => {
    expect(await run([file, '--study', String(studyId), '--yes'])).toBe(1);
    expect(output.stderr()).toBe('Map these code names to codes first: Thanks a lot.\n');
    expect(codings()).toBe(0);
    expect(await run([file, '--study', String(studyId), '--map', 'Thanks a lot=acknowledgement', '--yes'])).toBe(0);
    expect(output.stdout()).toContain('3 rows: 1 codings with 2 labels written.');
    expect(codings()).toBe(1);
  });

  test('with --final it writes the final labels as a settled adjudication naming the file', async () => {
    const args = [file, '--study', String(studyId), '--final', '--map', 'Thanks a lot=acknowledgement'];
    expect(await run(args)).toBe(0);
    expect(output.stdout()).toContain('3 rows: final labels of 1 units with 2 labels to write.');
    expect(t.db.prepare('SELECT count(*) FROM final_labels').pluck().get()).toBe(0);
    expect(await run([...args, '--yes'])).toBe(0);
    expect(t.db.prepare('SELECT code_id FROM final_labels ORDER BY code_id').pluck().all()).toEqual([
      'acknowledgement',
      'beginner-guidance',
    ]);
    const rationale = t.db.prepare("SELECT rationale FROM adjudications WHERE status = 'settled'").pluck().get();
    expect(rationale).toBe(`Imported from labels.csv on ${new Date().toISOString().slice(0, 10)}`);
    expect(codings()).toBe(0);
  });

  test('a missing --study is a usage error', async () => {
    expect(await run([file])).toBe(2);
  });
});
