import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../apps/api/src/cli/export.ts';
import { checkProject } from '../exports/qdpx-checks.ts';
import { readQdpx } from '../exports/qdpx-read.ts';
import { smallStudy, type SmallStudy } from '../exports/small-study.ts';
import { captureOutput } from '../support/capture-output.ts';

// The CLI opens THREADCODER_DB itself; the fixture's connection stays open beside it (WAL).
let s: SmallStudy;
let output: ReturnType<typeof captureOutput>;
beforeEach(async () => {
  s = await smallStudy();
  vi.stubEnv('THREADCODER_DB', s.t.dbPath);
  output = captureOutput();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  s.t.close();
});

const study = () => String(s.studyId);

describe('threadcoder export counts|codings|final|report|qdpx', () => {
  test('codings to stdout: the operator sees every coding, blind or not', async () => {
    expect(await run(['codings', '--study', study()])).toBe(0);
    const lines = output.stdout().split('\r\n');
    expect(lines[0]).toBe(
      'unit,thread,post,coder,code,round,created_at,revision,thread_created_at,post_created_at,text,quoted_text',
    );
    expect(lines).toContain(
      '4,t1,2,cora,reuse,Main,2024-02-07T10:00:00.000Z,1,2022-01-10T09:00:00.000Z,2022-01-10T09:00:00.000Z,See the guide,',
    );
    expect(lines.filter((l) => /^\d+,t\d,/.test(l))).toHaveLength(8);
    expect(output.stderr()).toBe('');
  });

  test('final labels to stdout', async () => {
    expect(await run(['final', '--study', study()])).toBe(0);
    expect(output.stdout()).toBe(
      [
        'unit,thread,post,code,code_path,origin,round,settled_by,settled_at,rationale,thread_created_at,post_created_at,text,quoted_text',
        '1,t1,1,docs,Challenge > Documentation gaps,agreement,Calibration,,,,2022-01-10T09:00:00.000Z,2022-01-10T09:00:00.000Z,Docs 👋 are missing for 𝒳 models,',
        '2,t2,1,setup,Challenge > Environment setup,adjudication,Calibration,ada,2024-03-01T00:00:00.000Z,Docs are not the issue,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,"Windows\r\nsetup fails",',
        '3,t2,2,,,agreement,Calibration,,,,2022-04-05T12:00:00.000Z,2022-04-05T12:00:00.000Z,Reuse the model instead,',
        '',
      ].join('\r\n'),
    );
  });

  test('counts: quarter by default, --period year', async () => {
    expect(await run(['counts', '--study', study()])).toBe(0);
    expect(output.stdout().split('\r\n')[1]).toBe('2022-Q1,2022-01-01,2022-03-31,challenge,Challenge,1,0,1,1');
    output.clear();
    expect(await run(['counts', '--study', study(), '--period', 'year'])).toBe(0);
    expect(output.stdout().split('\r\n')).toHaveLength(1 + 5 + 1);
  });

  test('report: Markdown by default, --format html to a file with --out', async () => {
    expect(await run(['report', '--study', study()])).toBe(0);
    expect(output.stdout().split('\n')[0]).toBe('# Small study: methods and results');
    output.clear();
    const out = join(s.t.dbPath, '..', 'report.html');
    expect(await run(['report', '--study', study(), '--format', 'html', '--period', 'month', '--out', out])).toBe(0);
    expect(output.stdout()).toBe(`Wrote the report export of study ${study()} to ${out}.\n`);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<h2>Trends</h2>');
    expect(html).toContain('per month');
  });

  test('qdpx to --out: a zip whose project passes the structure checks, with the final labels and every coding', async () => {
    const out = join(s.t.dbPath, '..', 'study.qdpx');
    expect(await run(['qdpx', '--study', study(), '--out', out])).toBe(0);
    const q = readQdpx(new Uint8Array(readFileSync(out)));
    checkProject(q);
    expect(q.xml).toContain('name="Final (adjudicated)"');
    expect(q.xml).toContain('SECRET-MEMO-OF-CORA');
  });

  test.each([
    [['codings'], '--study needs a study id'],
    [['codings', '--study', 'x'], '--study needs a study id'],
    [['counts', '--study', '1', '--period', 'week'], '--period must be month, quarter or year, got "week"'],
    [['codings', '--study', '1', '--period', 'month'], '--period applies to counts and report only'],
    [['report', '--study', '1', '--format', 'pdf'], '--format must be md or html, got "pdf"'],
    [['final', '--study', '1', '--format', 'md'], '--format applies to report only'],
    [['qdpx', '--study', '1'], 'A .qdpx file is a zip: name it with --out'],
    [['codings', '--study', '1', '--colour'], "Unknown option '--colour'"],
    [['codings', '--study', '999'], 'There is no study 999.'],
  ])('%j exits 2: %s', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(output.stderr()).toContain(message);
    expect(output.stdout()).toBe('');
  });

  test('a study without a codebook: counts exit 1 with the reason', async () => {
    s.t.db.prepare('UPDATE studies SET codebook_version_id = NULL WHERE id = ?').run(s.studyId);
    expect(await run(['counts', '--study', study()])).toBe(1);
    expect(output.stderr()).toBe('This study has no codebook yet; its owner must choose one first.\n');
  });
});
