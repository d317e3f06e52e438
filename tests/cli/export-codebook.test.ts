import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../apps/api/src/cli/export.ts';
import { insertTemplateCodebook, pinCodebook } from '../support/forum.ts';
import { addStudy, addUser, makeTestApp, type TestApp } from '../support/test-app.ts';
import { captureOutput } from '../support/capture-output.ts';

let t: TestApp;
let studyId: number;
let output: ReturnType<typeof captureOutput>;
beforeEach(async () => {
  t = makeTestApp();
  studyId = addStudy(t.db, (await addUser(t.db, 'owen')).id);
  pinCodebook(t.db, studyId, insertTemplateCodebook(t.db));
  vi.stubEnv('THREADCODER_DB', t.dbPath);
  output = captureOutput();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  t.close();
});

describe('threadcoder export codebook', () => {
  test('CSV to stdout: the header and one row per code in tree order', async () => {
    expect(await run(['codebook', '--study', String(studyId), '--format', 'csv'])).toBe(0);
    const lines = output.stdout().split('\r\n');
    expect(lines[0]).toBe('path,id,name,definition,include,exclude,examples');
    expect(lines[1]).toBe('Challenge,challenge,Challenge,,,,');
    expect(lines[2]).toMatch(
      /^Challenge > Limited guidance for beginners,beginner-guidance,Limited guidance for beginners,/,
    );
    expect(lines).toHaveLength(1 + 19 + 1);
    expect(output.stderr()).toBe('');
  });

  test('.qdc to a file with --out, which names the version written', async () => {
    const out = join(t.dbPath, '..', 'codebook.qdc');
    expect(await run(['codebook', '--study', String(studyId), '--format', 'qdc', '--out', out])).toBe(0);
    expect(output.stdout()).toBe(`Wrote version 1 of the codebook (qdc) to ${out}.\n`);
    const xml = readFileSync(out, 'utf8');
    expect(xml.split('\n').slice(0, 2)).toEqual([
      '<?xml version="1.0" encoding="utf-8"?>',
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Threadcoder">',
    ]);
    expect(xml.match(/<Code /g)).toHaveLength(19);
  });

  test('JSON and Markdown; --version picks a version', async () => {
    expect(await run(['codebook', '--study', String(studyId), '--format', 'json', '--version', '1'])).toBe(0);
    expect(JSON.parse(output.stdout())).toMatchObject({
      format: 'threadcoder.codebook',
      formatVersion: 1,
      codebook: { version: 1, templateId: 'hf-forum-ptm-reuse' },
    });
    output.clear();
    expect(await run(['codebook', '--study', String(studyId), '--format', 'md'])).toBe(0);
    expect(output.stdout().split('\n')[0]).toBe('| Dimension | Code | Definition | Include | Exclude | Examples |');
  });

  test.each([
    [['codebook', '--format', 'csv'], 2, '--study needs a study id'],
    [['codebook', '--study', '1', '--format', 'xlsx'], 2, '--format must be json, csv, md or qdc, got "xlsx"'],
    [['codebook', '--study', '1', '--format', 'csv', '--colour'], 2, "Unknown option '--colour'"],
    [['codebook', '--study', '999', '--format', 'csv'], 1, 'There is no study 999.'],
    [['codebook', '--study', '1', '--format', 'csv', '--version', '4'], 1, 'The codebook has no version 4.'],
  ])('%j exits %i: %s', async (argv, code, message) => {
    expect(await run(argv as string[])).toBe(code);
    expect(output.stderr()).toContain(message);
    expect(output.stdout()).toBe('');
  });

  test('a study without a codebook says so', async () => {
    const bare = addStudy(t.db, 1, [], 'Bare');
    expect(await run(['codebook', '--study', String(bare), '--format', 'csv'])).toBe(1);
    expect(output.stderr()).toBe('This study has no codebook yet; its owner must choose one first.\n');
  });
});
