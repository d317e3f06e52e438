import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Agent, loggedIn } from '../support/agent.ts';
import { addStudy, addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let studyId: number;
let ids: Record<string, number>;
beforeEach(async () => {
  t = makeTestApp();
  ids = {};
  for (const name of ['owen', 'cora', 'ada', 'nina']) ids[name] = (await addUser(t.db, name)).id;
  ids.root = (await addUser(t.db, 'root', { isAdmin: true })).id;
  studyId = addStudy(t.db, ids.owen!, [
    [ids.cora!, 'coder'],
    [ids.ada!, 'adjudicator'],
  ]);
});
afterEach(() => t.close());

describe('study roles', () => {
  test('a coder calling an owner-only route gets 403', async () => {
    const cora = await loggedIn(t.app, 'cora');
    const res = await cora.post(`/api/studies/${studyId}/members`, { userId: ids.nina, role: 'coder' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      error: { code: 'auth.forbidden', message: 'This needs the owner role in this study.' },
    });
    expect(t.db.prepare('SELECT count(*) FROM study_members WHERE user_id = ?').pluck().get(ids.nina)).toBe(0);
  });

  test('the owner adds a member, and the change is audited', async () => {
    const owen = await loggedIn(t.app, 'owen');
    const res = await owen.post(`/api/studies/${studyId}/members`, { userId: ids.nina, role: 'coder' });
    expect(res.status).toBe(201);
    const { members } = await res.json();
    expect(members.map((m: { username: string; role: string }) => `${m.username}:${m.role}`)).toEqual([
      'ada:adjudicator',
      'cora:coder',
      'nina:coder',
      'owen:owner',
    ]);
    const row = t.db.prepare("SELECT user_id, action, after_json FROM audit_log WHERE action = 'member.add'").get();
    expect(row).toEqual({
      user_id: ids.owen,
      action: 'member.add',
      after_json: JSON.stringify({ userId: ids.nina, role: 'coder' }),
    });
  });

  test('a non-member gets 404 for a study, so ids cannot be probed', async () => {
    const nina = await loggedIn(t.app, 'nina');
    expect((await nina.get(`/api/studies/${studyId}`)).status).toBe(404);
    expect((await nina.get('/api/studies/99999')).status).toBe(404);
    expect((await (await nina.get('/api/studies')).json()).studies).toEqual([]);
  });

  test('members see the study with their own roles; an admin acts as owner', async () => {
    const cora = await loggedIn(t.app, 'cora');
    expect((await (await cora.get(`/api/studies/${studyId}`)).json()).study).toMatchObject({
      id: studyId,
      roles: ['coder'],
      blind: true,
      units: 0,
    });
    const root = await loggedIn(t.app, 'root');
    expect((await (await root.get(`/api/studies/${studyId}`)).json()).study.roles).toEqual(['owner']);
    expect((await root.post(`/api/studies/${studyId}/members`, { userId: ids.nina, role: 'coder' })).status).toBe(201);
  });

  test('anyone logged in may create a study and becomes its owner', async () => {
    const nina = await loggedIn(t.app, 'nina');
    const res = await nina.post('/api/studies', { name: 'Fine-tuning pains', labelMode: 'single' });
    expect(res.status).toBe(201);
    const { study } = await res.json();
    expect(study).toMatchObject({
      name: 'Fine-tuning pains',
      labelMode: 'single',
      unitKind: 'post',
      blind: true,
      roles: ['owner'],
    });
    const codebook = await (await nina.get(`/api/studies/${study.id}/codebook`)).json();
    expect(codebook.codebook.templateId).toBe('hf-forum-ptm-reuse');
  });

  test('a new study may start without a codebook, and an unknown template is refused', async () => {
    const nina = await loggedIn(t.app, 'nina');
    const bare = await (await nina.post('/api/studies', { name: 'Bare', templateId: null })).json();
    expect(bare.study.codebookVersionId).toBeNull();
    const res = await nina.post('/api/studies', { name: 'Odd', templateId: 'no-such-template' });
    expect(res.status).toBe(404);
    expect((await res.json()).error).toMatchObject({
      code: 'codebook.unknown_template',
      where: { field: 'templateId' },
    });
    expect(t.db.prepare("SELECT count(*) FROM studies WHERE name = 'Odd'").pluck().get()).toBe(0);
  });

  test('the last owner cannot be removed', async () => {
    const owen = await loggedIn(t.app, 'owen');
    const res = await owen.request('DELETE', `/api/studies/${studyId}/members/${ids.owen}/owner`);
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe('study.last_owner');
    await owen.post(`/api/studies/${studyId}/members`, { userId: ids.nina, role: 'owner' });
    expect((await owen.request('DELETE', `/api/studies/${studyId}/members/${ids.owen}/owner`)).status).toBe(200);
  });

  test('removing a membership that does not exist is a 404', async () => {
    const owen = await loggedIn(t.app, 'owen');
    expect((await owen.request('DELETE', `/api/studies/${studyId}/members/${ids.nina}/coder`)).status).toBe(404);
    expect((await owen.request('DELETE', `/api/studies/${studyId}/members/${ids.cora}/coder`)).status).toBe(200);
  });
});

describe('every API route needs a session', () => {
  test.each([
    ['GET', '/api/studies'],
    ['POST', '/api/studies'],
    ['GET', '/api/users'],
    ['GET', '/api/studies/1'],
    ['GET', '/api/studies/1/members'],
  ])('%s %s without a session is 401', async (method, path) => {
    const res = await new Agent(t.app).request(method, path, method === 'POST' ? {} : undefined);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('auth.required');
  });

  test('only an administrator creates accounts', async () => {
    const owen = await loggedIn(t.app, 'owen');
    const body = { username: 'zed', displayName: 'Zed', password: 'long enough pw' };
    expect((await owen.post('/api/users', body)).status).toBe(403);
    const root = await loggedIn(t.app, 'root');
    expect((await root.post('/api/users', body)).status).toBe(201);
    expect((await root.post('/api/users', body)).status).toBe(409);
  });
});

describe('CSRF: state-changing requests from another site', () => {
  test('a foreign Origin gets 403 and changes nothing', async () => {
    const owen = await loggedIn(t.app, 'owen');
    const res = await owen.post('/api/studies', { name: 'Evil' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe('auth.foreign_origin');
    expect(t.db.prepare("SELECT count(*) FROM studies WHERE name = 'Evil'").pluck().get()).toBe(0);
  });

  test('a cross-site fetch without Origin but with Sec-Fetch-Site is refused too', async () => {
    const owen = await loggedIn(t.app, 'owen');
    const res = await t.app.request('http://localhost/api/studies', {
      method: 'POST',
      headers: { cookie: owen.cookie, 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Evil' }),
    });
    expect(res.status).toBe(403);
  });

  test('a GET from another origin is allowed (it changes nothing)', async () => {
    const owen = await loggedIn(t.app, 'owen');
    expect((await owen.request('GET', '/api/studies', undefined, { origin: 'https://evil.example' })).status).toBe(200);
  });
});

describe('errors', () => {
  test('an unknown route answers 404 in the error shape', async () => {
    const res = await new Agent(t.app).get('/api/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No route for GET /api/nope.' } });
  });

  test('a JSON body over 10 MB is 413, whether its length is declared or streamed', async () => {
    const owen = await loggedIn(t.app, 'owen');
    const declared = await owen.post('/api/studies', { name: 'x' }, { 'content-length': String(11 * 1024 * 1024) });
    expect(declared.status).toBe(413);
    const streamed = await owen.post('/api/studies', { name: 'x'.repeat(11 * 1024 * 1024) });
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.code).toBe('request.too_large');
    expect(t.db.prepare('SELECT count(*) FROM studies').pluck().get()).toBe(1);
  });

  test('health answers without a session', async () => {
    const res = await new Agent(t.app).get('/api/health');
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});
