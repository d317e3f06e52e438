import { toJson, type Codebook } from '@threadcoder/taxonomy';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Agent } from '../support/agent.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';
import { addStudy } from '../support/test-app.ts';

let s: CodingStudy;
let owen: Agent;
beforeEach(async () => {
  s = await codingStudy();
  owen = await s.as('owen');
});
afterEach(() => s.t.close());

const base = () => `/api/studies/${s.studyId}/codebook`;
const edit = (who: Agent, body: object) => who.post(`${base()}/versions`, body);
const count = (table: string) => s.t.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const labelsOf = (coder: string, unitId: number) =>
  s.t.db
    .prepare(
      'SELECT l.code_id FROM coding_labels l JOIN codings c ON c.id = l.coding_id WHERE c.unit_id = ? AND c.coder_id = ? ORDER BY l.code_id',
    )
    .pluck()
    .all(unitId, s.ids[coder]) as string[];

/** Draws `n` units for both coders and returns their ids in order. */
async function drawUnits(n: number): Promise<number[]> {
  const res = await owen.post(`/api/studies/${s.studyId}/sampling/draw`, {
    roundId: s.roundId,
    size: n,
    seed: 'codebook',
    overlap: 1,
  });
  expect(res.status).toBe(201);
  return s.t.db.prepare('SELECT id FROM units ORDER BY position').pluck().all() as number[];
}
const code = (who: Agent, unit: number, body: object) =>
  who.request('PUT', `/api/studies/${s.studyId}/units/${unit}/coding`, body);

describe('templates and choosing a codebook', () => {
  test('GET /api/templates lists every template with its code counts', async () => {
    const res = await owen.get('/api/templates');
    expect(res.status).toBe(200);
    const { templates } = (await res.json()) as {
      templates: { id: string; codes: number; dimensions: { id: string; codes: number }[] }[];
    };
    expect(templates.map((t) => t.id)).toContain('hf-forum-ptm-reuse');
    const hf = templates.find((t) => t.id === 'hf-forum-ptm-reuse')!;
    expect(hf).toMatchObject({
      codes: 17,
      dimensions: [
        { id: 'challenge', name: 'Challenge', codes: 12 },
        { id: 'benefit', name: 'Benefit', codes: 5 },
      ],
    });
  });

  test('a new study starts from the HF template by default, or empty, and records who chose it', async () => {
    const studyId = addStudy(s.t.db, s.ids.owen!, [[s.ids.cora!, 'coder']], 'Fresh');
    const none = await owen.get(`/api/studies/${studyId}/codebook`);
    expect(none.status).toBe(409);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('study.no_codebook');

    const fromTemplate = await owen.post(`/api/studies/${studyId}/codebook`, { source: 'template' });
    expect(fromTemplate.status).toBe(201);
    const chosen = (await fromTemplate.json()) as {
      codebook: Codebook;
      pinnedVersion: number;
      versions: { message: string; createdByName: string }[];
    };
    expect(chosen.codebook.templateId).toBe('hf-forum-ptm-reuse');
    expect(chosen.pinnedVersion).toBe(1);
    expect(chosen.versions[0]).toMatchObject({ createdByName: 'owen', message: expect.stringContaining('template') });

    const empty = await owen.post(`/api/studies/${studyId}/codebook`, { source: 'empty' });
    expect(empty.status).toBe(201);
    const { codebook } = (await empty.json()) as { codebook: Codebook };
    expect(codebook.codes.map((c) => [c.id, c.name, c.codable])).toEqual([
      ['challenge', 'Challenge', false],
      ['benefit', 'Benefit', false],
    ]);
    const audits = s.t.db
      .prepare("SELECT count(*) FROM audit_log WHERE action = 'codebook.choose' AND study_id = ?")
      .pluck()
      .get(studyId);
    expect(audits).toBe(2);

    const cora = await s.as('cora');
    expect((await cora.post(`/api/studies/${studyId}/codebook`, { source: 'empty' })).status).toBe(403);
  });

  test('an imported JSON file becomes version 1; a study with codings keeps its codebook (409)', async () => {
    const current = (await (await owen.get(base())).json()) as { codebook: Codebook };
    const studyId = addStudy(s.t.db, s.ids.owen!, [], 'Imported');
    const text = toJson({ ...current.codebook, version: 7 });
    const res = await owen.post(`/api/studies/${studyId}/codebook`, {
      source: 'import',
      format: 'json',
      text,
      filename: 'mine.json',
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { codebook: Codebook; versions: { message: string }[] };
    expect(body.codebook.version).toBe(1);
    expect(body.codebook.codes).toHaveLength(19);
    expect(body.versions[0]!.message).toBe('Imported from mine.json');

    const [unit] = await drawUnits(1);
    expect((await code(await s.as('cora'), unit!, { codeIds: ['dataset'] })).status).toBe(200);
    const refused = await owen.post(base(), { source: 'empty' });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('codebook.study_has_codings');
  });
});

describe('edits', () => {
  test('each edit makes a new version with who, when and why, and an audit row', async () => {
    const steps: object[] = [
      {
        op: 'add',
        code: {
          id: 'licensing',
          name: 'Licensing questions',
          parentId: 'challenge',
          definition: 'Which licence applies.',
        },
      },
      { op: 'update', id: 'licensing', patch: { definition: 'Which licence applies to a model or dataset.' } },
      { op: 'move', id: 'licensing', target: { parentId: 'challenge', position: 0 } },
      { op: 'deprecate', id: 'licensing' },
      { op: 'restore', id: 'licensing' },
      { op: 'merge', merge: { from: ['acknowledgement', 'call-for-collaboration'], into: 'acknowledgement' } },
      {
        op: 'split',
        split: {
          id: 'dataset',
          into: [
            { id: 'dataset-acquisition', name: 'Dataset acquisition' },
            { id: 'dataset-usage', name: 'Dataset usage' },
          ],
        },
      },
    ];
    for (const [i, step] of steps.entries()) {
      const res = await edit(owen, { ...step, baseVersion: i + 1, why: `reason ${i + 1}` });
      expect(res.status, JSON.stringify(step)).toBe(201);
      const saved = (await res.json()) as { change: { version: number; kind: string; by: number; why: string } };
      expect(saved.change).toMatchObject({
        version: i + 2,
        kind: (step as { op: string }).op,
        by: s.ids.owen,
        why: `reason ${i + 1}`,
      });
    }
    const body = (await (await owen.get(base())).json()) as {
      pinnedVersion: number;
      latestVersion: number;
      versions: { version: number; message: string; createdByName: string; createdAt: string; mappings: unknown[] }[];
    };
    expect(body.pinnedVersion).toBe(1);
    expect(body.latestVersion).toBe(8);
    expect(body.versions.map((v) => [v.version, v.message, v.createdByName])).toEqual([
      [8, 'reason 7', 'owen'],
      [7, 'reason 6', 'owen'],
      [6, 'reason 5', 'owen'],
      [5, 'reason 4', 'owen'],
      [4, 'reason 3', 'owen'],
      [3, 'reason 2', 'owen'],
      [2, 'reason 1', 'owen'],
      [1, 'From template', null],
    ]);
    expect(body.versions[0]!.mappings).toEqual([
      { kind: 'split', from: ['dataset'], to: ['dataset-acquisition', 'dataset-usage'] },
    ]);
    expect(body.versions[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const actions = s.t.db
      .prepare("SELECT action FROM audit_log WHERE entity = 'codebook_version' ORDER BY id")
      .pluck()
      .all();
    expect(actions).toEqual([
      'codebook.add',
      'codebook.update',
      'codebook.move',
      'codebook.deprecate',
      'codebook.restore',
      'codebook.merge',
      'codebook.split',
    ]);

    const v3 = (await (await owen.get(`${base()}/versions/3`)).json()) as { codebook: Codebook };
    expect(v3.codebook.codes.find((c) => c.id === 'licensing')!.definition).toBe(
      'Which licence applies to a model or dataset.',
    );
  });

  test('an edit on a stale version is refused with 409 and nothing is written', async () => {
    expect(
      (
        await edit(owen, {
          op: 'update',
          id: 'dataset',
          patch: { definition: 'first' },
          baseVersion: 1,
          why: 'clarify',
        })
      ).status,
    ).toBe(201);
    const versions = count('codebook_versions');
    const res = await edit(owen, {
      op: 'update',
      id: 'dataset',
      patch: { definition: 'second' },
      baseVersion: 1,
      why: 'clarify again',
    });
    expect(res.status).toBe(409);
    const { error } = (await res.json()) as { error: { code: string; message: string; where: { field: string } } };
    expect(error).toMatchObject({ code: 'codebook.stale_version', where: { field: 'baseVersion' } });
    expect(error.message).toContain('Someone changed the codebook meanwhile');
    expect(count('codebook_versions')).toBe(versions);
  });

  test('coders and adjudicators may read but not edit (403); outsiders get 404', async () => {
    for (const name of ['cora', 'ada']) {
      const who = await s.as(name);
      expect((await who.get(base())).status).toBe(200);
      expect((await edit(who, { op: 'deprecate', id: 'dataset', baseVersion: 1, why: 'no' })).status).toBe(403);
      expect((await who.post(`${base()}/upgrade`, { toVersion: 2 })).status).toBe(403);
    }
    expect((await (await s.as('nina')).get(base())).status).toBe(404);
    expect(count('codebook_versions')).toBe(1);
  });

  test('a missing why, or an edit the package refuses, is 400 naming where', async () => {
    const noWhy = await edit(owen, { op: 'deprecate', id: 'dataset', baseVersion: 1, why: '  ' });
    expect(noWhy.status).toBe(400);
    expect(((await noWhy.json()) as { error: { where: { field: string } } }).error.where.field).toBe('why');

    const cycle = await edit(owen, {
      op: 'move',
      id: 'challenge',
      target: { parentId: 'dataset' },
      baseVersion: 1,
      why: 'oops',
    });
    expect(cycle.status).toBe(400);
    expect(((await cycle.json()) as { error: object }).error).toMatchObject({
      code: 'edit.cycle',
      where: { codeId: 'challenge', field: 'parentId' },
    });

    const dup = await edit(owen, {
      op: 'add',
      code: { id: 'dataset', name: 'Again', parentId: 'challenge' },
      baseVersion: 1,
      why: 'dup',
    });
    expect(dup.status).toBe(400);
    expect(((await dup.json()) as { error: { code: string } }).error.code).toBe('codebook.duplicate_id');
    expect(count('codebook_versions')).toBe(1);
  });

  test('the diff between two versions lists what changed', async () => {
    await edit(owen, {
      op: 'update',
      id: 'dataset',
      patch: { name: 'Datasets', definition: 'Finding data.' },
      baseVersion: 1,
      why: 'rename',
    });
    await edit(owen, {
      op: 'merge',
      merge: { from: ['acknowledgement', 'call-for-collaboration'], into: 'acknowledgement' },
      baseVersion: 2,
      why: 'merge',
    });
    const res = await owen.get(`${base()}/diff?from=1&to=3`);
    const { diff } = (await res.json()) as {
      diff: { removed: { id: string }[]; renamed: object[]; changed: { id: string; fields: { field: string }[] }[] };
    };
    expect(diff.removed.map((c) => c.id)).toEqual(['call-for-collaboration']);
    expect(diff.renamed).toEqual([{ id: 'dataset', from: 'Dataset acquisition and usage', to: 'Datasets' }]);
    expect(diff.changed.find((c) => c.id === 'dataset')!.fields.map((f) => f.field)).toEqual(['definition']);
    expect((await owen.get(`${base()}/diff?from=1&to=9`)).status).toBe(404);
  });
});

describe('moving the study to a newer version', () => {
  test('a merge rewrites the codings and final labels in one audited step', async () => {
    const [u1, u2] = await drawUnits(2);
    const cora = await s.as('cora');
    const cody = await s.as('cody');
    await code(cora, u1!, { codeIds: ['model-usage'], quotes: { 'model-usage': { text: 'Post', start: 0, end: 4 } } });
    await code(cody, u1!, { codeIds: ['documentation', 'model-usage'] });
    await code(cora, u2!, { codeIds: ['documentation'] });
    await code(cody, u2!, { codeIds: ['documentation'] });
    // u1 goes to adjudication; u2's agreed label becomes its final label.
    await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`);
    const finalsOf = (unit: number) =>
      s.t.db.prepare('SELECT code_id, origin FROM final_labels WHERE unit_id = ?').all(unit);
    expect(finalsOf(u2!)).toEqual([{ code_id: 'documentation', origin: 'agreement' }]);
    const merge = {
      from: ['model-usage', 'documentation'],
      into: { id: 'usage-docs', name: 'Usage and documentation' },
    };
    expect(
      (await edit(owen, { op: 'merge', merge, baseVersion: 1, why: 'coders cannot tell them apart' })).status,
    ).toBe(201);

    // Until the study moves, codings stay as they were.
    expect(labelsOf('cora', u1!)).toEqual(['model-usage']);
    const res = await owen.post(`${base()}/upgrade`, { toVersion: 2 });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { report: object }).report).toEqual({
      fromVersion: 1,
      toVersion: 2,
      codings: 4,
      rewritten: 5,
      reviews: 0,
    });

    expect(labelsOf('cora', u1!)).toEqual(['usage-docs']);
    expect(labelsOf('cody', u1!)).toEqual(['usage-docs']);
    expect(labelsOf('cora', u2!)).toEqual(['usage-docs']);
    expect(finalsOf(u2!)).toEqual([{ code_id: 'usage-docs', origin: 'agreement' }]);
    const quote = s.t.db
      .prepare("SELECT quote FROM coding_labels WHERE code_id = 'usage-docs' AND quote IS NOT NULL")
      .pluck()
      .all();
    expect(quote).toEqual(['Post']);
    const v2 = s.t.db.prepare('SELECT id FROM codebook_versions WHERE version = 2').pluck().get();
    expect(s.t.db.prepare('SELECT DISTINCT version_id FROM codings').pluck().all()).toEqual([v2]);
    const after = (await (await owen.get(base())).json()) as {
      versionId: number;
      pinnedVersion: number;
      codebook: Codebook;
    };
    expect([after.versionId, after.pinnedVersion, after.codebook.version]).toEqual([v2, 2, 2]);

    const audits = s.t.db
      .prepare(
        "SELECT action, entity_id, before_json, after_json FROM audit_log WHERE action IN ('coding.migrate', 'final_labels.migrate', 'codebook.upgrade') ORDER BY id",
      )
      .all() as { action: string; entity_id: string; before_json: string; after_json: string }[];
    expect(audits.map((a) => a.action)).toEqual([
      'coding.migrate',
      'coding.migrate',
      'coding.migrate',
      'coding.migrate',
      'final_labels.migrate',
      'codebook.upgrade',
    ]);
    const codyU1 = audits.find((a) => JSON.parse(a.before_json).codeIds.length === 2)!;
    expect(JSON.parse(codyU1.before_json)).toEqual({ version: 1, codeIds: ['documentation', 'model-usage'] });
    expect(JSON.parse(codyU1.after_json)).toEqual({ version: 2, codeIds: ['usage-docs'], review: [] });
    expect(audits[4]!.entity_id).toBe(String(u2));

    expect((await owen.post(`${base()}/upgrade`, { toVersion: 2 })).status).toBe(409);
  });

  test('a split puts the affected units on the review list of their coders', async () => {
    const [u1, u2] = await drawUnits(2);
    const cora = await s.as('cora');
    const cody = await s.as('cody');
    await code(cora, u1!, { codeIds: ['dataset', 'memory-performance'] });
    await code(cody, u1!, { codeIds: ['memory-performance'] });
    await code(cody, u2!, { codeIds: ['dataset'] });
    const split = {
      id: 'dataset',
      into: [
        { id: 'dataset-acquisition', name: 'Dataset acquisition' },
        { id: 'dataset-usage', name: 'Dataset usage' },
      ],
    };
    await edit(owen, { op: 'split', split, baseVersion: 1, why: 'two different problems' });
    const res = await owen.post(`${base()}/upgrade`, { toVersion: 2 });
    expect(((await res.json()) as { report: object }).report).toMatchObject({ rewritten: 2, reviews: 2 });
    expect(labelsOf('cora', u1!)).toEqual(['memory-performance']);
    expect(labelsOf('cody', u2!)).toEqual([]);

    type Reviews = {
      mine: { id: number; unitId: number; label: string; labelName: string; choices: { id: string; name: string }[] }[];
      byCoder: { coderName: string; open: number }[];
    };
    const coraList = (await (await cora.get(`${base()}/reviews`)).json()) as Reviews;
    expect(coraList.mine).toHaveLength(1);
    expect(coraList.mine[0]).toMatchObject({
      unitId: u1,
      label: 'dataset',
      labelName: 'Dataset acquisition and usage',
      choices: [
        { id: 'dataset-acquisition', name: 'Dataset acquisition' },
        { id: 'dataset-usage', name: 'Dataset usage' },
      ],
    });
    expect(coraList.byCoder).toEqual([]);
    const owenList = (await (await owen.get(`${base()}/reviews`)).json()) as Reviews;
    expect(owenList.mine).toEqual([]);
    expect(owenList.byCoder).toEqual([
      { coderId: s.ids.cody, coderName: 'cody', open: 1 },
      { coderId: s.ids.cora, coderName: 'cora', open: 1 },
    ]);

    // Only the coder chooses, and only among the parts.
    const item = coraList.mine[0]!;
    expect((await cody.post(`${base()}/reviews/${item.id}`, { codeIds: ['dataset-usage'] })).status).toBe(403);
    expect((await cora.post(`${base()}/reviews/${item.id}`, { codeIds: ['dataset'] })).status).toBe(400);
    expect((await cora.post(`${base()}/reviews/${item.id}`, { codeIds: ['dataset-usage'] })).status).toBe(200);
    expect(labelsOf('cora', u1!)).toEqual(['dataset-usage', 'memory-performance']);
    expect(((await (await cora.get(`${base()}/reviews`)).json()) as Reviews).mine).toEqual([]);

    // Coding the unit again also closes the item.
    await code(cody, u2!, { codeIds: ['dataset-acquisition'] });
    expect(((await (await cody.get(`${base()}/reviews`)).json()) as Reviews).mine).toEqual([]);
  });

  test("a split of a final label goes on the adjudicator's list", async () => {
    const [u1] = await drawUnits(1);
    await code(await s.as('cora'), u1!, { codeIds: ['dataset'] });
    await code(await s.as('cody'), u1!, { codeIds: ['dataset'] });
    await owen.post(`/api/studies/${s.studyId}/rounds/${s.roundId}/close`);
    const split = {
      id: 'dataset',
      into: [
        { id: 'dataset-acquisition', name: 'Dataset acquisition' },
        { id: 'dataset-usage', name: 'Dataset usage' },
      ],
    };
    await edit(owen, { op: 'split', split, baseVersion: 1, why: 'split' });
    await owen.post(`${base()}/upgrade`, { toVersion: 2 });
    expect(s.t.db.prepare('SELECT count(*) FROM final_labels WHERE unit_id = ?').pluck().get(u1)).toBe(0);
    const ada = await s.as('ada');
    const { finals } = (await (await ada.get(`${base()}/reviews`)).json()) as {
      finals: { id: number; coderId: null; label: string }[];
    };
    expect(finals).toMatchObject([{ coderId: null, label: 'dataset' }]);
    expect((await (await s.as('cora')).post(`${base()}/reviews/${finals[0]!.id}`, { codeIds: [] })).status).toBe(403);
    expect((await ada.post(`${base()}/reviews/${finals[0]!.id}`, { codeIds: ['dataset-acquisition'] })).status).toBe(
      200,
    );
    expect(s.t.db.prepare('SELECT code_id, origin FROM final_labels WHERE unit_id = ?').all(u1)).toEqual([
      { code_id: 'dataset-acquisition', origin: 'adjudication' },
    ]);
    expect((await ada.post(`${base()}/reviews/${finals[0]!.id}`, { codeIds: [] })).status).toBe(409);
  });

  test('an open review follows later merges, and resolves itself when one choice is left', async () => {
    const [u1] = await drawUnits(1);
    await code(await s.as('cora'), u1!, { codeIds: ['dataset'] });
    const split = {
      id: 'dataset',
      into: [
        { id: 'dataset-acquisition', name: 'Dataset acquisition' },
        { id: 'dataset-usage', name: 'Dataset usage' },
      ],
    };
    await edit(owen, { op: 'split', split, baseVersion: 1, why: 'split' });
    await owen.post(`${base()}/upgrade`, { toVersion: 2 });
    await edit(owen, {
      op: 'merge',
      merge: { from: ['dataset-acquisition', 'dataset-usage'], into: 'dataset-usage' },
      baseVersion: 2,
      why: 'undo',
    });
    await owen.post(`${base()}/upgrade`, { toVersion: 3 });
    expect(labelsOf('cora', u1!)).toEqual(['dataset-usage']);
    expect(s.t.db.prepare('SELECT count(*) FROM codebook_reviews WHERE resolved_at IS NULL').pluck().get()).toBe(0);
  });
});

describe('export', () => {
  async function smallStudy() {
    const studyId = addStudy(s.t.db, s.ids.owen!, [[s.ids.cora!, 'coder']], 'Small');
    await owen.post(`/api/studies/${studyId}/codebook`, { source: 'empty', name: 'Small codebook' });
    const add = {
      op: 'add',
      baseVersion: 1,
      why: 'first code',
      code: {
        id: 'docs',
        name: 'Docs, missing',
        parentId: 'challenge',
        definition: 'Say "what" is missing',
        color: '#aa0000',
        shortcut: '1',
        examples: [{ quote: 'no README', postId: 3 }],
      },
    };
    expect((await owen.post(`/api/studies/${studyId}/codebook/versions`, add)).status).toBe(201);
    return studyId;
  }

  test('CSV, Markdown, JSON and .qdc with their headers and contents', async () => {
    const studyId = await smallStudy();
    const get = (format: string, version = 2) =>
      owen.get(`/api/studies/${studyId}/codebook/export?format=${format}&version=${version}`);

    const csv = await get('csv');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="small-codebook-v2.csv"');
    expect(await csv.text()).toBe(
      'path,id,name,definition,include,exclude,examples\r\n' +
        'Challenge,challenge,Challenge,,,,\r\n' +
        '"Challenge > Docs, missing",docs,"Docs, missing","Say ""what"" is missing",,,"""no README"" (post 3)"\r\n' +
        'Benefit,benefit,Benefit,,,,\r\n',
    );

    const md = await get('md');
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toBe('attachment; filename="small-codebook-v2.md"');
    expect(await md.text()).toBe(
      '| Dimension | Code | Definition | Include | Exclude | Examples |\n' +
        '| --- | --- | --- | --- | --- | --- |\n' +
        '| Challenge |  |  |  |  |  |\n' +
        '| Challenge | Docs, missing | Say "what" is missing |  |  | "no README" (post 3) |\n' +
        '| Benefit |  |  |  |  |  |\n',
    );

    const json = await get('json');
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const file = (await json.json()) as { format: string; codebook: Codebook };
    expect(file.format).toBe('threadcoder.codebook');
    expect(file.codebook.version).toBe(2);
    expect(file.codebook.codes.find((c) => c.id === 'docs')).toMatchObject({
      color: '#aa0000',
      shortcut: '1',
      examples: [{ quote: 'no README', postId: 3 }],
    });

    const qdc = await get('qdc');
    expect(qdc.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(qdc.headers.get('content-disposition')).toBe('attachment; filename="small-codebook-v2.qdc"');
    const xml = await qdc.text();
    expect(xml.split('\n').slice(0, 4)).toEqual([
      '<?xml version="1.0" encoding="utf-8"?>',
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Threadcoder">',
      '  <Codes>',
      expect.stringMatching(/^ {4}<Code guid="[0-9a-f-]{36}" name="Challenge" isCodable="false">$/),
    ]);
    expect(xml).toMatch(/<Code guid="[0-9a-f-]{36}" name="Docs, missing" isCodable="true" color="#aa0000">/);

    // Without a version, the version the study codes with.
    expect(
      ((await (await owen.get(`/api/studies/${studyId}/codebook/export?format=json`)).json()) as { codebook: Codebook })
        .codebook.version,
    ).toBe(1);
    expect((await get('xlsx')).status).toBe(400);
    expect((await get('json', 5)).status).toBe(404);
  });
});

describe('bad imports are refused with the package issue, and nothing is written', () => {
  let studyId: number;
  let before: number[];
  beforeEach(() => {
    studyId = addStudy(s.t.db, s.ids.owen!, [], 'Import target');
    before = [count('codebooks'), count('codebook_versions'), count('codes')];
  });
  const importFile = (format: 'json' | 'qdc', text: string) =>
    owen.post(`/api/studies/${studyId}/codebook`, { source: 'import', format, text });
  async function refused(res: Response, status: number) {
    expect(res.status).toBe(status);
    expect([count('codebooks'), count('codebook_versions'), count('codes')]).toEqual(before);
    expect(s.t.db.prepare('SELECT codebook_id FROM studies WHERE id = ?').pluck().get(studyId)).toBeNull();
    return ((await res.json()) as { error: { code: string; message: string; where?: Record<string, unknown> } }).error;
  }
  const dimension = (id: string, extra: object = {}) => ({
    id,
    parentId: null,
    position: 0,
    dimension: id,
    name: id,
    definition: '',
    includeNote: '',
    excludeNote: '',
    examples: [],
    color: null,
    shortcut: null,
    status: 'active',
    codable: false,
    ...extra,
  });
  const jsonFile = (codes: object[]) =>
    JSON.stringify({
      format: 'threadcoder.codebook',
      formatVersion: 1,
      codebook: { name: 'X', description: '', templateId: null, version: 1, codes },
    });

  test('a .qdc in the wrong namespace', async () => {
    const error = await refused(
      await importFile('qdc', '<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:project:1.0"><Codes/></CodeBook>'),
      400,
    );
    expect(error).toMatchObject({ code: 'codebook_file.wrong_namespace', where: { line: 2 } });
    expect(error.message).toContain('urn:QDA-XML:codebook:1.0');
  });

  test('malformed XML', async () => {
    const error = await refused(
      await importFile(
        'qdc',
        '<?xml version="1.0"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0">\n<Codes>\n</CodeBook>',
      ),
      400,
    );
    expect(error.code).toMatch(/^codebook_file\./);
    expect(error.where).toHaveProperty('line');
  });

  test('duplicate ids in JSON', async () => {
    const error = await refused(
      await importFile('json', jsonFile([dimension('a'), dimension('a', { position: 1, name: 'b' })])),
      400,
    );
    expect(error).toMatchObject({
      code: 'codebook.duplicate_id',
      where: { field: 'codebook.codes[1].id', codeId: 'a' },
    });
  });

  test('a cycle in JSON', async () => {
    const codes = [
      dimension('root'),
      { ...dimension('x'), parentId: 'y', dimension: 'root', codable: true },
      { ...dimension('y'), parentId: 'x', dimension: 'root', codable: true },
    ];
    const error = await refused(await importFile('json', jsonFile(codes)), 400);
    expect(error.code).toBe('codebook.cycle');
    expect(error.where).toMatchObject({ field: expect.stringMatching(/^codebook\.codes\[\d\]\.parentId$/) });
  });

  test('a missing name, and malformed JSON with its line', async () => {
    expect(await refused(await importFile('json', jsonFile([dimension('a', { name: '' })])), 400)).toMatchObject({
      code: 'codebook.missing_name',
      where: { field: 'codebook.codes[0].name' },
    });
    expect(await refused(await importFile('json', '{\n  "format": 1,\n}'), 400)).toMatchObject({
      code: 'codebook_file.invalid_json',
      where: { line: 3 },
    });
  });

  test('a file over 5 MB is 413', async () => {
    const error = await refused(
      await importFile('json', `${jsonFile([dimension('a')])}${' '.repeat(5 * 1024 * 1024)}`),
      413,
    );
    expect(error.code).toBe('codebook_file.too_large');
  });
});
