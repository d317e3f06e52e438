import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { insertUnits } from '../../apps/api/src/db/units.ts';
import type { Agent } from '../support/agent.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

// Existing labels from CSV: a preview that writes nothing and lists what matches nothing, then
// the confirmed import in one transaction. Units: posts p1-1, p1-2 and p2-1 (the first post of t2).
let s: CodingStudy;
let owen: Agent;
let unitIds: number[];
beforeAll(async () => {
  s = await codingStudy();
  const { forum, ids } = s;
  const unit = (t: number, p: number) => ({
    threadId: forum.threadIds[t]!,
    postId: forum.postIds[t]![p]!,
    coderIds: [ids.cora!, ids.cody!],
  });
  unitIds = insertUnits(s.t.db, s.studyId, s.roundId, [unit(0, 0), unit(0, 1), unit(1, 0)], ids.owen!, {
    method: 'test',
  });
  owen = await s.as('owen');
});
afterAll(() => s.t.close());

const csv = [
  'post_id,thread_id,code,coder,date',
  'p1-1,,beginner-guidance,cora,2023-05-01',
  'p1-1,,Model usage understanding,cora,2023-05-01',
  'p1-2,,MODEL USAGE  understanding,cody,',
  'p9-9,,beginner-guidance,cora,',
  'p1-2,,Docs galore,cody,',
  'p1-1,,beginner-guidance,nina,',
  ',t2,acknowledgement,,',
].join('\n');
const url = () => `/api/studies/${s.studyId}/label-imports`;
const codings = () => s.t.db.prepare('SELECT count(*) FROM codings').pluck().get();
const labelsOf = (unitId: number, coder: string) =>
  s.t.db
    .prepare(
      `SELECT group_concat(l.code_id, ' ') FROM codings c JOIN coding_labels l ON l.coding_id = c.id
       JOIN users u ON u.id = c.coder_id WHERE c.unit_id = ? AND u.username = ? ORDER BY l.code_id`,
    )
    .pluck()
    .get(unitId, coder);

describe('importing labels from CSV', () => {
  test('the preview matches rows, lists the unmatched with their lines and the unknown names, and writes nothing', async () => {
    const res = await owen.post(`${url()}/preview`, { csv });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      kind: 'codings',
      rows: 7,
      codings: 3,
      finals: 0,
      replaces: 0,
      labels: 4,
      unmatched: [
        { line: 5, reason: 'post p9-9 is not a unit of this study' },
        { line: 7, reason: '"nina" is not a member of this study' },
      ],
      unknownCodes: [{ name: 'Docs galore', lines: [6] }],
    });
    expect(codings()).toBe(0);
  });

  test('the import is refused while a code name is neither known nor mapped, and writes nothing', async () => {
    const res = await owen.post(url(), { csv });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({
      code: 'labels.unknown_codes',
      message: 'Map these code names to codes first: Docs galore.',
    });
    expect(codings()).toBe(0);
  });

  test('a mapping to a code the codebook lacks is refused', async () => {
    const res = await owen.post(url(), { csv, mapping: { 'Docs galore': 'no-such-code' } });
    expect(res.status).toBe(400);
    expect((await res.json()).error.where).toEqual({ field: 'mapping.Docs galore' });
  });

  test('confirmed with a mapping, it writes one coding per unit and coder, dated as given, in one go', async () => {
    const res = await owen.post(url(), { csv, mapping: { 'Docs galore': 'documentation' } });
    expect(res.status).toBe(201);
    expect((await res.json()).codings).toBe(3);
    expect(labelsOf(unitIds[0]!, 'cora')).toBe('beginner-guidance model-usage');
    expect(labelsOf(unitIds[1]!, 'cody')).toBe('documentation model-usage');
    // No coder column value: the coding is the importer's; a thread id names the thread's first post.
    expect(labelsOf(unitIds[2]!, 'owen')).toBe('acknowledgement');
    const created = s.t.db.prepare('SELECT created_at FROM codings WHERE unit_id = ?').pluck().get(unitIds[0]);
    expect(created).toBe('2023-05-01T00:00:00.000Z');
    const audited = s.t.db.prepare("SELECT after_json FROM audit_log WHERE action = 'labels.import'").pluck().get();
    expect(JSON.parse(audited as string)).toEqual({ kind: 'codings', codings: 3, labels: 5, skippedRows: 2 });
    // A second preview of the same file says it would replace them.
    const again = await (
      await owen.post(`${url()}/preview`, { csv, mapping: { 'Docs galore': 'documentation' } })
    ).json();
    expect(again.replaces).toBe(3);
  });

  test.each([
    ['thread_id,coder\nt1,cora\n', 'labels.missing_column', 'The CSV needs a "code" column (a code id or name).'],
    [
      'code,coder\ndocs,cora\n',
      'labels.missing_column',
      'The CSV needs a "post_id" or a "thread_id" column (the forum ids).',
    ],
    ['post_id,code\n', 'labels.empty', 'The CSV has no rows of labels.'],
    ['post_id,code\n"p1-1,docs\n', 'labels.invalid_csv', undefined],
  ])('%j is refused: %s', async (text, code, message) => {
    const res = await owen.post(`${url()}/preview`, { csv: text });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe(code);
    if (message) expect(error.message).toBe(message);
  });

  test('final labels: previewed without writing, then written as settled adjudications the analysis counts', async () => {
    const finalsCsv = [
      'post_id,thread_id,code,coder',
      'p1-1,,beginner-guidance,nina',
      'p1-1,,Model usage understanding,',
      ',t2,acknowledgement,',
      'p9-9,,acknowledgement,',
    ].join('\n');
    const body = { csv: finalsCsv, kind: 'final', fileName: 'published.csv' };
    const preview = await owen.post(`${url()}/preview`, body);
    expect(await preview.json()).toEqual({
      kind: 'final',
      rows: 4,
      codings: 0,
      finals: 2,
      replaces: 0,
      labels: 3,
      unmatched: [{ line: 5, reason: 'post p9-9 is not a unit of this study' }],
      unknownCodes: [],
    });
    const finals = () =>
      s.t.db
        .prepare("SELECT unit_id || ':' || code_id || ':' || origin FROM final_labels ORDER BY unit_id, code_id")
        .pluck()
        .all();
    expect(finals()).toEqual([]);
    // Unit 3 was settled before: its decision is reopened and replaced, not added to.
    s.t.db
      .prepare("INSERT INTO adjudications (unit_id, status, created_at) VALUES (?, 'settled', 'x')")
      .run(unitIds[2]);
    s.t.db
      .prepare("INSERT INTO final_labels (unit_id, code_id, origin) VALUES (?, 'documentation', 'adjudication')")
      .run(unitIds[2]);
    expect((await (await owen.post(`${url()}/preview`, body)).json()).replaces).toBe(1);
    const res = await owen.post(url(), body);
    expect(res.status).toBe(201);
    expect((await res.json()).finals).toBe(2);
    expect(finals()).toEqual([
      `${unitIds[0]}:beginner-guidance:adjudication`,
      `${unitIds[0]}:model-usage:adjudication`,
      `${unitIds[2]}:acknowledgement:adjudication`,
    ]);
    const adjudication = s.t.db
      .prepare('SELECT status, rationale, settled_by FROM adjudications WHERE unit_id = ?')
      .get(unitIds[0]) as { status: string; rationale: string; settled_by: number };
    const today = new Date().toISOString().slice(0, 10);
    expect(adjudication).toEqual({
      status: 'settled',
      rationale: `Imported from published.csv on ${today}`,
      settled_by: s.ids.owen,
    });
    const handedOver = s.t.db.prepare('SELECT handed_over_at IS NOT NULL FROM units WHERE id = ?').pluck();
    expect(handedOver.get(unitIds[0])).toBe(1);
    const counts = await (await owen.get(`/api/studies/${s.studyId}/analysis/counts`)).json();
    const total = (id: string) => counts.rows.find((r: { id: string }) => r.id === id)?.total;
    expect([counts.codedUnits, total('beginner-guidance'), total('model-usage'), total('acknowledgement')]).toEqual([
      2, 1, 1, 1,
    ]);
  });

  test('coders may not import labels', async () => {
    const cora = await s.as('cora');
    expect((await cora.post(`${url()}/preview`, { csv })).status).toBe(403);
  });
});
