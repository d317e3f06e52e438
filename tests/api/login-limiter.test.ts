// Issue #16.5: the login limiter counts an attempt before the slow password check, keys it by
// account and client address, and keeps its memory bounded.
import { Readable } from 'node:stream';
import { afterEach, describe, expect, test } from 'vitest';
import { LoginLimiter } from '../../apps/api/src/auth/login-limiter.ts';
import { addUser, makeTestApp, origin, testPassword, type TestApp } from '../support/test-app.ts';

let t: TestApp;
async function app(loginMaxFailures: number) {
  t = makeTestApp({ loginMaxFailures });
  await addUser(t.db, 'alice');
}
afterEach(() => t?.close());

/**
 * A login over a connection from `address`, as @hono/node-server hands it to the app: the Node request
 * (`incoming`, which the body is read from) with its socket's peer address.
 */
function login(username: string, password: string, address: string) {
  const body = JSON.stringify({ username, password });
  const incoming = Object.assign(Readable.from([Buffer.from(body)]), {
    socket: { remoteAddress: address },
    complete: true,
  });
  return t.app.request(
    `${origin}/api/auth/login`,
    { method: 'POST', headers: { origin, 'content-type': 'application/json', 'content-length': String(body.length) } },
    { incoming },
  );
}

describe('POST /api/auth/login under a flood', () => {
  test('200 concurrent wrong passwords for one account: 10 are checked (401), 190 refused at once (429)', async () => {
    await app(10);
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => login('alice', 'a wrong password', '203.0.113.5')),
    );
    const count = (status: number) => answers.filter((r) => r.status === status).length;
    expect([count(401), count(429)]).toEqual([10, 190]);
  });

  test('a flood from one address does not lock the real user out from another address', async () => {
    await app(10);
    for (let i = 0; i < 12; i++) await login('alice', 'a wrong password', '203.0.113.5');
    expect((await login('alice', testPassword, '203.0.113.5')).status).toBe(429);
    expect((await login('alice', testPassword, '198.51.100.7')).status).toBe(200);
  });

  test('one address trying many names is stopped too (ten times the per-account budget)', async () => {
    await app(2);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await login(`user${i}`, 'a wrong password', '203.0.113.5')).status);
    expect(statuses).toEqual([...Array(20).fill(401), 429]);
    expect((await login('alice', testPassword, '198.51.100.7')).status).toBe(200);
  });

  test('a successful login gives its attempt back: a user who mistypes now and then is never locked out', async () => {
    await app(2);
    for (let round = 0; round < 3; round++) {
      expect((await login('alice', 'a wrong password', '198.51.100.7')).status).toBe(401);
      expect((await login('alice', testPassword, '198.51.100.7')).status).toBe(200);
    }
  });
});

describe('LoginLimiter', () => {
  test('an attempt counts from when it is taken; the window slides', () => {
    const limiter = new LoginLimiter(2, 1000);
    limiter.take('k', 0);
    limiter.take('k', 400);
    expect(limiter.retryAfter('k', 500)).toBe(500);
    expect(limiter.retryAfter('k', 999)).toBe(1);
    expect(limiter.retryAfter('k', 1000)).toBe(0); // the first attempt has left the window
  });

  test('its memory is bounded: 100,000 distinct keys leave at most maxKeys remembered', () => {
    const limiter = new LoginLimiter(10, 60_000, 1000);
    for (let i = 0; i < 100_000; i++) limiter.take(`name${i}\n203.0.113.${i % 250}`, i);
    expect(limiter.size).toBe(1000);
  });

  test('expired keys are swept first, so recent ones are kept', () => {
    const limiter = new LoginLimiter(10, 1000, 100);
    for (let i = 0; i < 99; i++) limiter.take(`old${i}`, 0);
    limiter.take('recent', 1500);
    limiter.take('new', 2000); // the 101st key: the 99 expired ones go, not "recent"
    expect(limiter.size).toBe(2);
    expect([limiter.retryAfter('recent', 2000), limiter.retryAfter('new', 2000)]).toEqual([0, 0]);
  });
});
