import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Agent } from '../support/agent.ts';
import { addUser, makeTestApp, testPassword, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = makeTestApp({ loginMaxFailures: 3, setupCode: 'K7QM-2XRD-9TWB' });
  await addUser(t.db, 'alice');
});
afterEach(() => t.close());

const sessionCount = () => (t.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;

describe('login', () => {
  test('a wrong password gets 401 with a clear message and no session', async () => {
    const agent = new Agent(t.app);
    const res = await agent.post('/api/auth/login', { username: 'alice', password: 'wrong password!' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({
      error: { code: 'auth.invalid_credentials', message: 'The user name or password is wrong.' },
    });
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(sessionCount()).toBe(0);
  });

  test('an unknown user gets the same answer as a wrong password', async () => {
    const res = await new Agent(t.app).post('/api/auth/login', { username: 'nobody', password: testPassword });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('auth.invalid_credentials');
  });

  test('the right password sets an HttpOnly SameSite=Strict cookie and opens a session', async () => {
    const agent = new Agent(t.app);
    const res = await agent.post('/api/auth/login', { username: 'ALICE', password: testPassword });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      user: { id: 1, username: 'alice', displayName: 'alice', isAdmin: false, isImporter: false },
    });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tc_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(sessionCount()).toBe(1);
    const session = await (await agent.get('/api/auth/session')).json();
    expect(session.user.username).toBe('alice');
  });

  test('the database keeps only a hash of the session token', async () => {
    const agent = new Agent(t.app);
    await agent.login('alice');
    const token = agent.cookie.split('=')[1]!;
    const stored = t.db.prepare('SELECT token_hash FROM sessions').pluck().get() as string;
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(token);
  });

  test('logout ends the session server-side', async () => {
    const agent = new Agent(t.app);
    await agent.login('alice');
    const cookie = agent.cookie;
    expect((await agent.post('/api/auth/logout')).status).toBe(200);
    expect(sessionCount()).toBe(0);
    agent.cookie = cookie; // a stolen copy of the old cookie no longer works
    expect((await agent.get('/api/studies')).status).toBe(401);
  });

  test('an expired session is refused and removed', async () => {
    const agent = new Agent(t.app);
    await agent.login('alice');
    t.db.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'").run();
    const res = await agent.get('/api/studies');
    expect(res.status).toBe(401);
    expect(sessionCount()).toBe(0);
  });

  test('failed logins are rate-limited per user name and address', async () => {
    const agent = new Agent(t.app);
    for (let i = 0; i < 3; i++)
      expect((await agent.post('/api/auth/login', { username: 'alice', password: 'nope nope nope' })).status).toBe(401);
    const res = await agent.post('/api/auth/login', { username: 'alice', password: testPassword });
    expect(res.status).toBe(429);
    // The window (900 s) counts from the first attempt, taken before its password check: a little has passed.
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect((await res.json()).error.code).toBe('auth.rate_limited');
  });

  test('a body that is not JSON gets 400 in the error shape', async () => {
    const res = await new Agent(t.app).request('POST', '/api/auth/login', '{"username": "alice",', {});
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('request.malformed_json');
    expect(body.error.message).toBe('The request body is not valid JSON.');
    expect(body.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('a missing field gets 400 naming the field', async () => {
    const res = await new Agent(t.app).post('/api/auth/login', { username: 'alice' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: 'request.invalid_json', where: { field: 'password' } });
  });
});

describe('first-run setup', () => {
  test('creates the administrator while none exists, then refuses', async () => {
    const agent = new Agent(t.app);
    expect(await (await agent.get('/api/auth/session')).json()).toEqual({
      user: null,
      needsSetup: true,
      images: 'click',
    });
    const res = await agent.post('/api/auth/setup', {
      setupCode: 'K7QM-2XRD-9TWB',
      username: 'admin',
      displayName: 'Admin',
      password: 'a long enough password',
    });
    expect(res.status).toBe(201);
    expect((await res.json()).user).toEqual({
      id: 2,
      username: 'admin',
      displayName: 'Admin',
      isAdmin: true,
      isImporter: false,
    });
    expect((await (await agent.get('/api/auth/session')).json()).needsSetup).toBe(false);
    const again = await new Agent(t.app).post('/api/auth/setup', {
      setupCode: 'K7QM-2XRD-9TWB',
      username: 'mallory',
      displayName: 'M',
      password: 'a long enough password',
    });
    expect(again.status).toBe(409);
  });

  test('refuses a short password', async () => {
    const res = await new Agent(t.app).post('/api/auth/setup', {
      setupCode: 'K7QM-2XRD-9TWB',
      username: 'admin',
      displayName: 'Admin',
      password: 'short',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.where).toEqual({ field: 'password' });
  });
});

describe('secrets stay out of logs and responses', () => {
  test('no password, hash or token appears in the log or in user listings', async () => {
    const agent = new Agent(t.app);
    await agent.login('alice');
    await agent.post('/api/auth/login', { username: 'alice', password: 'a wrong secret password' });
    const users = await (await agent.get('/api/users')).text();
    const token = agent.cookie.split('=')[1]!;
    const logged = JSON.stringify(t.logs);
    for (const secret of [testPassword, 'a wrong secret password', token, 'scrypt$']) {
      expect(logged).not.toContain(secret);
      expect(users).not.toContain(secret);
    }
    expect(t.logs.some((l) => l.path === '/api/auth/login' && l.status === 200)).toBe(true);
  });
});
