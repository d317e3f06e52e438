import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from '../../apps/api/src/app.ts';
import { sessionCookie } from '../../apps/api/src/auth/cookie.ts';
import { createSession } from '../../apps/api/src/auth/sessions.ts';
import { loadConfig } from '../../apps/api/src/config.ts';
import { addReview } from '../../apps/api/src/db/codebook-reviews.ts';
import { openDb, type Db } from '../../apps/api/src/db/open.ts';
import { addMember } from '../../apps/api/src/db/studies.ts';
import { insertSeriesSet } from '../../apps/api/src/db/series.ts';
import { Agent } from '../support/agent.ts';
import { codingStudy } from '../support/coding-study.ts';
import { insertTemplateCodebook, pinCodebook } from '../support/forum.ts';
import { addStudy, addUser } from '../support/test-app.ts';
import { roles, routeTable, type Fixture, type Outcome, type Role, type RouteCase } from './route-matrix.table.ts';

// Every API route, called as each of seven roles, must answer as route-matrix.table.ts says.
// The route list comes from the Hono router, so a new route without a table line fails here.
// Reads run against one copy of the study; every write runs against a fresh copy, so that one
// role's change (a closed round, a removed member) cannot decide the next role's answer.

const secretMemo = 'MATRIX-SECRET-MEMO-OF-THE-CODER';

type App = ReturnType<typeof createApp>;
const dir = mkdtempSync(join(tmpdir(), 'threadcoder-matrix-'));
const snapshot = join(dir, 'snapshot.db');
let copies = 0;
const opened: Db[] = [];
let fixture: Fixture;
let cookies: Record<Role, string>;
let readApp: App;
/** Owner, coder and adjudicator of a second study, and that study's id. */
let foreignCookie: string;
let foreignStudyId: number;

/** An app over a fresh copy of the snapshot. */
function freshApp(): App {
  const path = join(dir, `copy-${++copies}.db`);
  copyFileSync(snapshot, path);
  const db = openDb(path);
  opened.push(db);
  return createApp({ db, config: { ...loadConfig({}), dbPath: path }, log: () => {} });
}

/** The routes the router serves, as "METHOD /path" (middleware entries left out). */
function routerRoutes(app: App): string[] {
  const keys = app.routes
    .filter((r) => !(r.method === 'ALL' && r.path.endsWith('*')))
    .map((r) => `${r.method} ${r.path}`);
  return [...new Set(keys)];
}

beforeAll(async () => {
  const s = await codingStudy();
  const { db } = s.t;
  const base = `/api/studies/${s.studyId}`;
  const owen = await s.as('owen');
  const cora = await s.as('cora');
  const cody = await s.as('cody');
  const ok = async (res: Promise<Response>) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`fixture step failed: ${r.status} ${await r.text()}`);
    return r.json();
  };
  // A closed calibration round whose one unit both coders coded differently: it is in adjudication.
  const calibration = (await ok(owen.post(`${base}/rounds`, { name: 'Calibration', kind: 'calibration' }))).round
    .id as number;
  await ok(owen.post(`${base}/sampling/draw`, { roundId: calibration, size: 1, seed: 'matrix-cal', overlap: 1 }));
  const disputedUnitId = db.prepare('SELECT id FROM units WHERE round_id = ?').pluck().get(calibration) as number;
  await ok(cora.request('PUT', `${base}/units/${disputedUnitId}/coding`, { codeIds: ['documentation'] }));
  await ok(cody.request('PUT', `${base}/units/${disputedUnitId}/coding`, { codeIds: ['model-usage'] }));
  await ok(owen.post(`${base}/rounds/${calibration}/close`));
  // A unit of the open main round for the coder alone, coded with a memo nobody else may read.
  await ok(
    owen.post(`${base}/sampling/draw`, { roundId: s.roundId, size: 1, seed: 'matrix-main', coderIds: [s.ids.cora] }),
  );
  const unitId = db.prepare('SELECT id FROM units WHERE round_id = ?').pluck().get(s.roundId) as number;
  await ok(cora.request('PUT', `${base}/units/${unitId}/coding`, { codeIds: ['documentation'], memo: secretMemo }));
  const versionId = db.prepare('SELECT codebook_version_id FROM studies WHERE id = ?').pluck().get(s.studyId) as number;
  addReview(db, {
    studyId: s.studyId,
    unitId,
    coderId: s.ids.cora!,
    label: 'old-code',
    labelName: 'Old code',
    choices: ['documentation', 'model-usage'],
    versionId,
    at: new Date(Date.now() + 60_000).toISOString(),
  });
  const groupId = (await ok(owen.post(`${base}/analysis/keyword-groups`, { name: 'Docs', terms: ['docs'] }))).group
    .id as number;
  const importId = Number(
    db
      .prepare(
        "INSERT INTO imports (source_id, source_name, user_id, filename, format, status, created_at) VALUES (?, 'Test forum', ?, 'forum.json', 'discourse', 'succeeded', ?)",
      )
      .run(s.forum.sourceId, s.ids.owen, new Date().toISOString()).lastInsertRowid,
  );
  const collectionId = Number(
    db
      .prepare(
        "INSERT INTO collections (source_id, source_name, forum_url, options_json, resume_key, status, report_json, created_at, updated_at) VALUES (?, 'Test forum', 'https://forum.test', '{\"rate\":1}', 'matrix', 'succeeded', '{}', ?, ?)",
      )
      .run(s.forum.sourceId, new Date().toISOString(), new Date().toISOString()).lastInsertRowid,
  );
  const seriesSetId = insertSeriesSet(
    db,
    {
      name: 'Matrix series',
      source: 'test',
      unit: 'models',
      frequency: 'month',
      layout: 'multi',
      fileName: 'matrix.csv',
      report: {},
      series: [{ key: 'n', points: [{ date: '2024-01-01', value: 1 }] }],
    },
    null,
  );
  const hubCollectionId = Number(
    db
      .prepare(
        "INSERT INTO hub_collections (hub_url, options_json, resume_key, status, created_at, updated_at) VALUES ('https://huggingface.co', '{\"rate\":1,\"pageSize\":1000}', 'matrix', 'succeeded', ?, ?)",
      )
      .run(new Date().toISOString(), new Date().toISOString()).lastInsertRowid,
  );
  const admin = await addUser(db, 'root', { isAdmin: true });
  const olga = await addUser(db, 'olga');
  foreignStudyId = addStudy(
    db,
    olga.id,
    [
      [olga.id, 'coder'],
      [olga.id, 'adjudicator'],
    ],
    'Olga’s study',
  );
  pinCodebook(db, foreignStudyId, insertTemplateCodebook(db));
  foreignCookie = `${sessionCookie}=${createSession(db, olga.id, 3600_000).token}`;
  fixture = {
    studyId: s.studyId,
    roundId: s.roundId,
    unitId,
    disputedUnitId,
    groupId,
    importId,
    sourceId: s.forum.sourceId,
    collectionId,
    seriesSetId,
    hubCollectionId,
    threadId: s.forum.threadIds[0]!,
    reviewId: db.prepare('SELECT max(id) FROM codebook_reviews').pluck().get() as number,
    otherCoderId: s.ids.cody!,
    nonMemberId: s.ids.nina!,
  };
  const userOf: Record<Exclude<Role, 'anonymous'>, number> = {
    nonMember: s.ids.nina!,
    coder: s.ids.cora!,
    otherCoder: s.ids.cody!,
    adjudicator: s.ids.ada!,
    owner: s.ids.owen!,
    admin: admin.id,
  };
  cookies = { anonymous: '' } as Record<Role, string>;
  for (const [role, id] of Object.entries(userOf))
    cookies[role as Role] = `${sessionCookie}=${createSession(db, id, 3600_000).token}`;
  db.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(s.t.dbPath, snapshot);
  s.t.close();
  readApp = freshApp();
});

afterAll(() => {
  for (const db of opened) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function fill(path: string, entry: RouteCase): string {
  const values: Record<string, string | number> = { ...fixture, ...entry.params?.(fixture) };
  return path.replace(/:(\w+)/g, (_, name: string) => {
    if (values[name] === undefined) throw new Error(`No value for :${name} in ${path}: add params to its table line.`);
    return String(values[name]);
  });
}

async function call(
  app: App,
  role: Role,
  method: string,
  path: string,
  entry: RouteCase,
  studyId = fixture.studyId,
): Promise<Response> {
  const agent = new Agent(app);
  agent.cookie = role === 'owner' && studyId !== fixture.studyId ? foreignCookie : cookies[role];
  const url = `${fill(path, entry).replace(`/api/studies/${fixture.studyId}`, `/api/studies/${studyId}`)}${entry.query ? `?${entry.query}` : ''}`;
  if (entry.raw !== undefined)
    return agent.request(method, url, entry.raw, { 'content-type': 'application/octet-stream' });
  const body = typeof entry.body === 'function' ? entry.body(fixture) : entry.body;
  return agent.request(method, url, method === 'GET' || method === 'DELETE' ? body : (body ?? {}));
}

/** Whether `status` is what the table expects; 'ok' means authorization let the request through. */
function matches(status: number, expected: Outcome): boolean {
  if (expected !== 'ok') return status === expected;
  return status < 500 && status !== 401 && status !== 403 && status !== 404;
}

const routes = (() => {
  const dbPath = join(dir, 'routes.db');
  const db = openDb(dbPath);
  try {
    return routerRoutes(createApp({ db, config: { ...loadConfig({}), dbPath }, log: () => {} }));
  } finally {
    db.close();
  }
})();

describe('route × role matrix', () => {
  test('every table line names a route the router serves', () => {
    expect(Object.keys(routeTable).filter((key) => !routes.includes(key))).toEqual([]);
  });

  test('the coder reads their own memo, so the blind check below looks for text that exists', async () => {
    const res = await call(readApp, 'coder', 'GET', '/api/studies/:studyId/units/:unitId', {
      access: routeTable['GET /api/studies/:studyId/units/:unitId']!.access,
    });
    expect((await res.json()).coding.memo).toBe(secretMemo);
  });

  test.each(routes)('%s', async (key) => {
    const entry = routeTable[key];
    if (!entry) expect.fail(`${key} has no line in tests/api/route-matrix.table.ts: say which roles may call it.`);
    const [method, path] = key.split(' ') as [string, string];
    const wrong: string[] = [];
    for (const role of roles) {
      const res = await call(method === 'GET' ? readApp : freshApp(), role, method, path, entry);
      const body = await res.text();
      if (!matches(res.status, entry.access[role]))
        wrong.push(`${role}: expected ${entry.access[role]}, got ${res.status} ${body.slice(0, 200)}`);
      // GET routes that answer with 2xx must also succeed outright, not just pass authorization.
      else if (method === 'GET' && entry.access[role] === 'ok' && res.status >= 300)
        wrong.push(`${role}: allowed GET answered ${res.status} ${body.slice(0, 200)}`);
      if (role !== 'coder' && body.includes(secretMemo)) wrong.push(`${role}: read the coder's memo (blind rule)`);
    }
    expect(wrong).toEqual([]);
  });

  // A study's own roles must not reach another study's units, rounds, groups or reviews by id.
  const crossStudy = routes.filter(
    (key) => key.includes(':studyId') && /:(unitId|roundId|groupId|reviewId)\b/.test(key),
  );
  test.each(crossStudy)('%s refuses ids of another study', async (key) => {
    const entry = routeTable[key];
    if (!entry) expect.fail(`${key} has no line in tests/api/route-matrix.table.ts.`);
    const [method, path] = key.split(' ') as [string, string];
    const res = await call(method === 'GET' ? readApp : freshApp(), 'owner', method, path, entry, foreignStudyId);
    expect(res.status, await res.text()).toBe(404);
  });
});

// Combined roles: an owner who also codes (owen) and an adjudicator who also codes (ada) share an
// open blind round with a plain coder (cora). While it is open, nothing they get from any GET
// route may come from cora's codings of it: every answer must be the same as in a copy of the
// study where cora has not coded yet (time stamps aside).
describe('combined roles in an open blind round', () => {
  const coraMemo = 'CORA-SECRET-MEMO-IN-THE-OPEN-ROUND';
  let uncoded: App;
  let coded: App;
  let blindFixture: Fixture;
  const combined: Record<'ownerCoder' | 'adjudicatorCoder', string> = { ownerCoder: '', adjudicatorCoder: '' };

  beforeAll(async () => {
    const s = await codingStudy();
    const { db } = s.t;
    addMember(db, s.studyId, s.ids.owen!, 'coder');
    addMember(db, s.studyId, s.ids.ada!, 'coder');
    const base = `/api/studies/${s.studyId}`;
    const draw = await (await s.as('owen')).post(`${base}/sampling/draw`, {
      roundId: s.roundId,
      size: 3,
      seed: 'combined',
      overlap: 1,
      coderIds: [s.ids.owen, s.ids.ada, s.ids.cora],
    });
    expect(draw.status, await draw.clone().text()).toBe(201);
    const unitIds = db
      .prepare('SELECT id FROM units WHERE round_id = ? ORDER BY position')
      .pluck()
      .all(s.roundId) as number[];
    // owen and ada code every unit the same way in both copies; cora codes only in the second.
    for (const [name, codeIds] of [
      ['owen', ['documentation']],
      ['ada', ['model-usage']],
    ] as const) {
      const agent = await s.as(name);
      for (const unitId of unitIds)
        expect((await agent.request('PUT', `${base}/units/${unitId}/coding`, { codeIds })).status).toBe(200);
    }
    for (const [role, name] of [
      ['ownerCoder', 'owen'],
      ['adjudicatorCoder', 'ada'],
    ] as const)
      combined[role] = `${sessionCookie}=${createSession(db, s.ids[name]!, 3600_000).token}`;
    blindFixture = {
      ...fixture,
      studyId: s.studyId,
      roundId: s.roundId,
      unitId: unitIds[0]!,
      disputedUnitId: unitIds[1]!,
      threadId: s.forum.threadIds[0]!,
      otherCoderId: s.ids.cora!,
      nonMemberId: s.ids.nina!,
    };
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = join(dir, 'combined-uncoded.db');
    copyFileSync(s.t.dbPath, before);
    const cora = await s.as('cora');
    for (const unitId of unitIds) {
      const res = await cora.request('PUT', `${base}/units/${unitId}/coding`, {
        codeIds: ['documentation', 'model-usage'],
        memo: coraMemo,
      });
      expect(res.status).toBe(200);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    const after = join(dir, 'combined-coded.db');
    copyFileSync(s.t.dbPath, after);
    s.t.close();
    const open = (path: string) => {
      const db = openDb(path);
      opened.push(db);
      return createApp({ db, config: { ...loadConfig({}), dbPath: path }, log: () => {} });
    };
    uncoded = open(before);
    coded = open(after);
  });

  /** The answer as comparable text: time stamps and request ids masked, a .qdpx unpacked. */
  async function answer(app: App, cookie: string, key: string): Promise<string> {
    const entry = routeTable[key]!;
    const [method, path] = key.split(' ') as [string, string];
    const values: Record<string, string | number> = { ...blindFixture, ...entry.params?.(blindFixture) };
    const url = path.replace(/:(\w+)/g, (_, name: string) => String(values[name]));
    const agent = new Agent(app);
    agent.cookie = cookie;
    const query = key === 'GET /api/threads' ? 'coded=yes' : entry.query;
    const res = await agent.request(method, `${url}${query ? `?${query}` : ''}`);
    const type = res.headers.get('content-type') ?? '';
    const body = type.includes('zip')
      ? Object.entries(unzipSync(new Uint8Array(await res.arrayBuffer())))
          .map(([name, bytes]) => `${name}\n${strFromU8(bytes)}`)
          .join('\n')
      : await res.text();
    const masked = body
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>')
      .replace(/"requestId":"[0-9a-f-]+"/g, '"requestId":"<id>"');
    return `${res.status} ${masked}`;
  }

  const studyReads = routes.filter((key) => key.startsWith('GET /api/studies/:studyId') || key === 'GET /api/threads');

  test.each(studyReads)(
    '%s tells the owner-coder and the adjudicator-coder nothing of the other coder',
    async (key) => {
      if (!routeTable[key]) expect.fail(`${key} has no line in tests/api/route-matrix.table.ts.`);
      const leaks: string[] = [];
      for (const [role, cookie] of Object.entries(combined)) {
        const [without, withCora] = [await answer(uncoded, cookie, key), await answer(coded, cookie, key)];
        if (withCora.includes(coraMemo)) leaks.push(`${role}: read cora's memo`);
        if (withCora !== without)
          leaks.push(`${role}: the answer changed when cora coded:\n${firstDifference(without, withCora)}`);
      }
      expect(leaks).toEqual([]);
    },
  );

  test('the comparison sees what cora coded once the round is unblinded', async () => {
    const key = 'GET /api/studies/:studyId/agreement';
    const unblind = (app: App) => {
      const owen = new Agent(app);
      owen.cookie = combined.ownerCoder;
      return owen.post(`/api/studies/${blindFixture.studyId}/rounds/${blindFixture.roundId}/unblind`);
    };
    expect((await unblind(coded)).status).toBe(200);
    expect((await unblind(uncoded)).status).toBe(200);
    const withCora = JSON.parse((await answer(coded, combined.ownerCoder, key)).slice(4)) as {
      coders: { username: string }[];
      overall: { units: number };
    };
    expect(withCora.coders.map((c) => c.username)).toEqual(['ada', 'cora', 'owen']);
    expect(withCora.overall.units).toBe(3);
  });
});

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `  without: …${a.slice(Math.max(0, i - 80), i + 120)}\n  with:    …${b.slice(Math.max(0, i - 80), i + 120)}`;
}
