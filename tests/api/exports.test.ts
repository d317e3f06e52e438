import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkProject } from '../exports/qdpx-checks.ts';
import { readQdpx } from '../exports/qdpx-read.ts';
import { smallStudy, type SmallStudy } from '../exports/small-study.ts';

let s: SmallStudy;
beforeAll(async () => {
  s = await smallStudy();
});
afterAll(() => s.t.close());

const url = (path: string) => `/api/studies/${s.studyId}/exports${path}`;

describe('export downloads', () => {
  test.each([
    ['/codings', 'text/csv; charset=utf-8; header=present', 'study-1-small-study-codings.csv'],
    ['/final', 'text/csv; charset=utf-8; header=present', 'study-1-small-study-final-labels.csv'],
    ['/counts', 'text/csv; charset=utf-8; header=present', 'study-1-small-study-counts-quarter.csv'],
    ['/counts?period=month', 'text/csv; charset=utf-8; header=present', 'study-1-small-study-counts-month.csv'],
    ['/report', 'text/markdown; charset=utf-8', 'study-1-small-study-report.md'],
    ['/report?format=html&period=year', 'text/html; charset=utf-8', 'study-1-small-study-report.html'],
    ['/qdpx', 'application/zip', 'study-1-small-study.qdpx'],
  ])('GET %s is an attachment (%s)', async (path, type, filename) => {
    const owen = await s.as('owen');
    const res = await owen.get(url(path));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${filename}"`);
  });

  test('the owner’s final-labels CSV is the file the operator gets', async () => {
    const owen = await s.as('owen');
    const text = await (await owen.get(url('/final'))).text();
    expect(text.split('\r\n')[0]).toBe(
      'unit,thread,post,code,code_path,origin,round,settled_by,settled_at,rationale,thread_created_at,post_created_at,text,quoted_text',
    );
    expect(text.split('\r\n').filter((l) => /^\d+,t\d,/.test(l))).toHaveLength(3);
  });

  test('the .qdpx download unzips and passes the structure checks', async () => {
    const owen = await s.as('owen');
    const bytes = new Uint8Array(await (await owen.get(url('/qdpx'))).arrayBuffer());
    checkProject(readQdpx(bytes));
  });

  test('the summary says what the caller can export', async () => {
    expect(await (await (await s.as('owen')).get(url(''))).json()).toEqual({
      blind: true,
      hasCodebook: true,
      canSeeResults: true,
      codings: 2,
      codingsNote:
        'This file holds 2 of 7 codings: 5 are withheld while their round is blind, until the round is unblinded or the unit reaches adjudication. Agreement is computed from all of them.',
    });
    expect(await (await (await s.as('cora')).get(url(''))).json()).toEqual({
      blind: true,
      hasCodebook: true,
      canSeeResults: false,
      codings: 5,
      // A coder of the blind study may not see agreement, so the note would only count others' codings.
      codingsNote: null,
    });
  });
});

describe('who may export what', () => {
  test('a coder exporting codings of a blind open round gets only their own rows', async () => {
    const cody = await s.as('cody');
    // cora coded unit 4 in the open Main round; cody has not: cody's file has no row for it.
    const rows = (await (await cody.get(url('/codings'))).text()).split('\r\n').filter((l) => /^\d+,t\d,/.test(l));
    expect(rows.filter((r) => r.includes(',Main,'))).toEqual([]);
    expect(new Set(rows.map((r) => r.split(',')[3]))).toEqual(new Set(['cody', 'cora']));
    expect(rows.filter((r) => r.split(',')[3] === 'cora').map((r) => r.split(',')[0])).toEqual(['2']); // in adjudication
    const cora = await s.as('cora');
    const own = (await (await cora.get(url('/codings'))).text()).split('\r\n').slice(1, -1);
    expect(own.filter((r) => r.includes(',Main,'))).toEqual([
      '4,t1,2,cora,reuse,Main,2024-02-07T10:00:00.000Z,1,2022-01-10T09:00:00.000Z,2022-01-10T09:00:00.000Z,See the guide,',
    ]);
  });

  test('a partial codings file says so in its X-Threadcoder-Note header; a complete one has no note', async () => {
    const owen = await s.as('owen');
    const res = await owen.get(url('/codings'));
    // Parsed as CSV: the text columns may hold line breaks.
    const rows = parse(await res.text(), { from_line: 2 }) as string[][];
    expect(new Set(rows.map((r) => r.slice(0, 4).join(','))).size).toBe(2); // 2 codings, a row per code
    expect(res.headers.get('x-threadcoder-note')).toBe(
      'This file holds 2 of 7 codings: 5 are withheld while their round is blind, until the round is unblinded or the unit reaches adjudication. Agreement is computed from all of them.',
    );
    s.t.db.prepare('UPDATE rounds SET unblinded = 1 WHERE study_id = ?').run(s.studyId);
    try {
      const full = await owen.get(url('/codings'));
      const all = parse(await full.text(), { from_line: 2 }) as string[][];
      expect(new Set(all.map((r) => r.slice(0, 4).join(','))).size).toBe(7);
      expect(full.headers.get('x-threadcoder-note')).toBeNull();
    } finally {
      s.t.db.prepare('UPDATE rounds SET unblinded = 0 WHERE study_id = ?').run(s.studyId);
    }
  });

  test('once the owner unblinds the round, the other coder’s rows are in', async () => {
    const owen = await s.as('owen');
    expect((await owen.post(`/api/studies/${s.studyId}/rounds/${s.rounds.main}/unblind`)).status).toBe(200);
    try {
      const cody = await s.as('cody');
      const rows = (await (await cody.get(url('/codings'))).text()).split('\r\n');
      expect(rows).toContain(
        '4,t1,2,cora,reuse,Main,2024-02-07T10:00:00.000Z,1,2022-01-10T09:00:00.000Z,2022-01-10T09:00:00.000Z,See the guide,',
      );
    } finally {
      s.t.db.prepare('UPDATE rounds SET unblinded = 0 WHERE id = ?').run(s.rounds.main);
    }
  });

  test('final labels, counts and the report are hidden from coders while the study is blind', async () => {
    const cora = await s.as('cora');
    for (const path of ['/final', '/counts', '/report', '/report?format=html']) {
      const res = await cora.get(url(path));
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toMatch(/hidden from coders while the study is blind/);
    }
    s.t.db.prepare('UPDATE studies SET blind = 0 WHERE id = ?').run(s.studyId);
    try {
      expect((await cora.get(url('/final'))).status).toBe(200);
      expect((await cora.get(url('/counts'))).status).toBe(200);
    } finally {
      s.t.db.prepare('UPDATE studies SET blind = 1 WHERE id = ?').run(s.studyId);
    }
  });

  test('the adjudicator may have final labels and the report', async () => {
    const ada = await s.as('ada');
    expect((await ada.get(url('/final'))).status).toBe(200);
    expect((await ada.get(url('/report?format=html'))).status).toBe(200);
  });

  test('a non-member gets 404 and an anonymous caller 401', async () => {
    const nina = await s.as('nina');
    for (const path of ['', '/codings', '/qdpx']) expect((await nina.get(url(path))).status).toBe(404);
    expect((await s.t.app.request(`http://localhost${url('/codings')}`)).status).toBe(401);
  });

  test.each([
    ['/counts?period=week', 'period'],
    ['/report?format=pdf', 'format'],
    ['/report?period=day', 'period'],
  ])('%s is refused with 400 naming %s', async (path, field) => {
    const res = await (await s.as('owen')).get(url(path));
    expect(res.status).toBe(400);
    expect((await res.json()).error.where.field).toBe(field);
  });

  test('a study without a codebook: codings export, counts say why not', async () => {
    s.t.db.prepare('UPDATE studies SET codebook_version_id = NULL WHERE id = ?').run(s.studyId);
    const owen = await s.as('owen');
    try {
      expect((await owen.get(url('/codings'))).status).toBe(200);
      const res = await owen.get(url('/counts'));
      expect(res.status).toBe(409);
      expect((await res.json()).error.code).toBe('study.no_codebook');
    } finally {
      s.t.db
        .prepare('UPDATE studies SET codebook_version_id = (SELECT min(id) FROM codebook_versions) WHERE id = ?')
        .run(s.studyId);
    }
  });
});
