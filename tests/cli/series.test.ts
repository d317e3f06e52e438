// `threadcoder series …` on a temporary database (THREADCODER_DB): JSON on stdout, exit codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../apps/api/src/cli/series.ts';
import { createKeywordGroup } from '../../apps/api/src/db/analysis-keyword-groups.ts';
import { openDb } from '../../apps/api/src/db/open.ts';
import { captureOutput } from '../support/capture-output.ts';
import { insertForum, selectAllThreads } from '../support/forum.ts';
import { addStudyCast } from '../support/test-app.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/series/${name}`, import.meta.url));
let dir: string;
let out: ReturnType<typeof captureOutput>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'threadcoder-series-cli-'));
  process.env.THREADCODER_DB = join(dir, 'cli.db');
  out = captureOutput();
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.THREADCODER_DB;
  rmSync(dir, { recursive: true, force: true });
});

const importArgs = ['import', fixture('wide.csv'), '--name', 'Mentions', '--source', 'forum', '--unit', 'topics'];

describe('threadcoder series', () => {
  test('import prints the stored set as JSON; list, export and delete', async () => {
    expect(await run(importArgs)).toBe(0);
    const set = JSON.parse(out.stdout());
    expect(set).toMatchObject({
      id: 1,
      name: 'Mentions',
      layout: 'wide',
      frequency: 'month',
      seriesCount: 2,
      points: 5,
    });
    expect(set.report.skippedColumns).toEqual([{ column: 'total', reason: 'not a date (a total or a label column)' }]);
    out.clear();
    expect(await run(['list'])).toBe(0);
    expect(JSON.parse(out.stdout()).map((s: { name: string }) => s.name)).toEqual(['Mentions']);
    out.clear();
    expect(await run(['export', '1'])).toBe(0);
    expect(out.stdout().split('\r\n').slice(0, 2)).toEqual([
      'date,series,value,unit,source',
      '2021-01-01,bert,3,topics,forum',
    ]);
    out.clear();
    expect(await run(['delete', '1'])).toBe(0);
    expect(JSON.parse(out.stdout())).toEqual({ deleted: 1 });
    expect(await run(['show', '1'])).toBe(2);
    expect(out.stderr()).toContain('Series set #1 was not found.');
  });

  test('mentions stores the study’s mention series and prints each group’s matching rules', async () => {
    const db = openDb(process.env.THREADCODER_DB!);
    const { studyId, ids } = await addStudyCast(db);
    insertForum(db, [
      { title: 'BERT', createdAt: '2022-01-10T09:00:00.000Z', posts: ['BERT-base or bert-large?', 'roberta'] },
      { title: 'Later', createdAt: '2022-02-10T09:00:00.000Z', posts: ['bert it is'] },
    ]);
    selectAllThreads(db, studyId);
    const rules = { mode: 'word', caseSensitive: true, quotes: false, previews: false } as const;
    createKeywordGroup(db, studyId, ids.owen!, { name: 'BERT', terms: ['BERT'], rules });
    db.close();
    expect(await run(['mentions', String(studyId), '--count', 'posts'])).toBe(0);
    const { set, matching } = JSON.parse(out.stdout());
    expect(matching).toEqual({ BERT: 'whole words as written; case-sensitive; own words only' });
    expect(set.report.counted).toBe('posts by post month');
    expect(set.series).toMatchObject([
      {
        key: 'BERT',
        points: [
          { date: '2022-01-01', value: 1 },
          { date: '2022-02-01', value: 0 },
        ],
      },
    ]);
    expect(await run(['mentions', String(studyId), '--count', 'threads'])).toBe(2);
    expect(out.stderr()).toContain('--count is one of topics, posts.');
  });

  test('bad input and bad usage exit 2 with where', async () => {
    expect(await run(['import', fixture('wide.csv'), '--name', 'x'])).toBe(2);
    expect(out.stderr()).toContain('series import needs --name, --source and --unit.');
    expect(await run([...importArgs, '--layout', 'long'])).toBe(2);
    expect(out.stderr()).toContain('wide.csv, line 2, column family: "bert" is not a date');
  });
});

describe('threadcoder series compare', () => {
  test('prints the comparison as JSON; a bad --map exits 2', async () => {
    const load = (name: string, file: string) =>
      run(['import', fixture(file), '--name', name, '--source', 'study', '--unit', 'n']);
    expect(await load('Forum', 'forum-mentions-wide.csv')).toBe(0);
    expect(await load('Hub', 'hub-models-wide.csv')).toBe(0);
    out.clear();
    expect(await run(['compare', '--left', '1', '--right', '2', '--map', 'GPT-2=,Llama=llama'])).toBe(0);
    const report = JSON.parse(out.stdout());
    expect(report.pairs.map((p: { left: string }) => p.left)).toEqual(['BERT', 'T5', 'Llama']);
    expect(report.pairs[0].kendall.coefficient).toBeCloseTo(-0.47140452079103173, 12);
    expect(report.unmatchedLeft).toEqual(['GPT-2']);
    expect(report.pooled.periods).toHaveLength(12);
    expect(await run(['compare', '--left', '1', '--right', '2', '--map', 'nonsense'])).toBe(2);
    expect(await run(['compare', '--left', '1', '--right', '2', '--map', 'BERT=roberta'])).toBe(2);
    expect(out.stderr()).toContain('"roberta" is not a series of "Hub".');
  });
});
