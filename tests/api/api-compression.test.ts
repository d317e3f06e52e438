import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { Agent } from '../support/agent.ts';
import { addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

// API answers of 1 kB or more are gzip-compressed for a client that accepts it, and decode to
// exactly what an uncompressed answer says; small answers and clients without Accept-Encoding get
// the plain body.

let t: TestApp;
let agent: Agent;
beforeAll(async () => {
  t = makeTestApp();
  await addUser(t.db, 'ada');
  agent = new Agent(t.app);
  await agent.login('ada');
});
afterAll(() => t.close());

const browser = { 'accept-encoding': 'gzip, deflate, br, zstd' };

test('a large JSON answer is gzipped and decodes to the plain answer', async () => {
  const plain = await agent.get('/api/templates');
  expect(plain.headers.get('content-encoding')).toBeNull();
  const text = await plain.text();
  expect(text.length).toBeGreaterThan(1024);

  const zipped = await agent.request('GET', '/api/templates', undefined, browser);
  expect(zipped.status).toBe(200);
  expect(zipped.headers.get('content-encoding')).toBe('gzip');
  expect(zipped.headers.get('vary')).toContain('Accept-Encoding');
  expect(zipped.headers.get('content-type')).toBe('application/json');
  const body = Buffer.from(await zipped.arrayBuffer());
  expect(body.length).toBeLessThan(text.length);
  expect(gunzipSync(body).toString()).toBe(text);
});

test('an answer under 1 kB goes out plain', async () => {
  const res = await agent.request('GET', '/api/auth/session', undefined, browser);
  expect(res.headers.get('content-encoding')).toBeNull();
  expect(res.headers.get('vary')).toContain('Accept-Encoding');
  expect((await res.json()).user.username).toBe('ada');
});
