// Issue #16.13: changing one's own password and an administrator disabling an account end the
// user's other sessions at once; a stolen copy of the old cookie gets 401.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Agent, loggedIn } from '../support/agent.ts';
import { addUser, makeTestApp, testPassword, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let aliceId: number;
beforeEach(async () => {
  t = makeTestApp();
  aliceId = (await addUser(t.db, 'alice')).id;
  await addUser(t.db, 'root', { isAdmin: true });
});
afterEach(() => t.close());

const newPassword = 'a brand new passphrase';

describe('POST /api/auth/password', () => {
  test('needs the current password: a wrong one gets 400 naming the field, and nothing changes', async () => {
    const alice = await loggedIn(t.app, 'alice');
    const res = await alice.post('/api/auth/password', { currentPassword: 'not my password', newPassword });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({
      code: 'auth.wrong_password',
      message: 'The current password is wrong.',
      where: { field: 'currentPassword' },
    });
    expect((await new Agent(t.app).login('alice')).status).toBe(200);
  });

  test('a short new password gets 400 on newPassword', async () => {
    const alice = await loggedIn(t.app, 'alice');
    const res = await alice.post('/api/auth/password', { currentPassword: testPassword, newPassword: 'short' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.where).toEqual({ field: 'newPassword' });
  });

  test('changes it: the other device is logged out at once, this one stays, only the new password logs in', async () => {
    const laptop = await loggedIn(t.app, 'alice');
    const phone = await loggedIn(t.app, 'alice');
    const res = await laptop.post('/api/auth/password', { currentPassword: testPassword, newPassword });
    expect([res.status, await res.json()]).toEqual([200, { ok: true }]);
    expect((await phone.get('/api/studies')).status).toBe(401);
    expect((await laptop.get('/api/studies')).status).toBe(200);
    const old = await new Agent(t.app).post('/api/auth/login', { username: 'alice', password: testPassword });
    expect(old.status).toBe(401);
    expect((await new Agent(t.app).login('alice', newPassword)).status).toBe(200);
  });
});

describe('PATCH /api/users/:id', () => {
  test('disabling ends the sessions at once and refuses logins with a clear message; enabling lets them in', async () => {
    const alice = await loggedIn(t.app, 'alice');
    const root = await loggedIn(t.app, 'root');
    const off = await root.request('PATCH', `/api/users/${aliceId}`, { disabled: true });
    expect(off.status).toBe(200);
    expect((await off.json()).user).toMatchObject({ username: 'alice', disabled: true });
    expect((await alice.get('/api/studies')).status).toBe(401);
    expect(t.db.prepare('SELECT count(*) FROM sessions WHERE user_id = ?').pluck().get(aliceId)).toBe(0);
    const refused = await new Agent(t.app).post('/api/auth/login', { username: 'alice', password: testPassword });
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatchObject({
      code: 'auth.disabled',
      message: 'This account is disabled; ask an administrator to enable it.',
    });
    const users = (await (await root.get('/api/users')).json()).users as { username: string; disabled: boolean }[];
    expect(users.find((u) => u.username === 'alice')!.disabled).toBe(true);
    expect((await root.request('PATCH', `/api/users/${aliceId}`, { disabled: false })).status).toBe(200);
    expect((await new Agent(t.app).login('alice')).status).toBe(200);
  });

  test('a wrong password for a disabled account is the usual 401 (disabling does not reveal the account)', async () => {
    const root = await loggedIn(t.app, 'root');
    await root.request('PATCH', `/api/users/${aliceId}`, { disabled: true });
    const res = await new Agent(t.app).post('/api/auth/login', { username: 'alice', password: 'a wrong password' });
    expect(res.status).toBe(401);
  });

  test('an administrator cannot disable themselves (409); others may not patch accounts (403); unknown: 404', async () => {
    const root = await loggedIn(t.app, 'root');
    const rootId = t.db.prepare("SELECT id FROM users WHERE username = 'root'").pluck().get() as number;
    const self = await root.request('PATCH', `/api/users/${rootId}`, { disabled: true });
    expect([self.status, (await self.json()).error.code]).toEqual([409, 'user.disable_self']);
    const alice = await loggedIn(t.app, 'alice');
    expect((await alice.request('PATCH', `/api/users/${rootId}`, { isImporter: true })).status).toBe(403);
    expect((await root.request('PATCH', '/api/users/999', { isImporter: true })).status).toBe(404);
    const empty = await root.request('PATCH', `/api/users/${aliceId}`, {});
    expect(empty.status).toBe(400);
  });

  test('non-administrators see names only; administrators also see the importer right and disabled state', async () => {
    const alice = await loggedIn(t.app, 'alice');
    const root = await loggedIn(t.app, 'root');
    expect((await (await alice.get('/api/users')).json()).users[0]).toEqual({
      id: aliceId,
      username: 'alice',
      displayName: 'alice',
      isAdmin: false,
    });
    expect((await (await root.get('/api/users')).json()).users[0]).toEqual({
      id: aliceId,
      username: 'alice',
      displayName: 'alice',
      isAdmin: false,
      isImporter: false,
      disabled: false,
    });
  });
});
