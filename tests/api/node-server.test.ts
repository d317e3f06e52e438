// The API behind @hono/node-server, as `npm start` serves it: request bodies are read from
// Node's request stream there (http/body-reader.ts), not from a Web Request as in app.request().
import { serve, type ServerType } from '@hono/node-server';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addUser, makeTestApp, testPassword, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let server: ServerType;
let base: string;
let cookie: string;
const limit = 10 * 1024 * 1024;

beforeEach(async () => {
  t = makeTestApp();
  await addUser(t.db, 'owen');
  server = await new Promise<ServerType>((ok) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const login = await post('/api/auth/login', JSON.stringify({ username: 'owen', password: testPassword }));
  expect(login.status).toBe(200);
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});
afterEach(async () => {
  await new Promise((ok) => server.close(ok));
  t.close();
});

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);

const studyNames = () => t.db.prepare('SELECT name FROM studies ORDER BY id').pluck().all();

/** A body sent in chunks with no declared length (Transfer-Encoding: chunked). */
function chunked(text: string, chunkSize = 64 * 1024): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(at, at + chunkSize));
      at += chunkSize;
    },
  });
}

describe('request bodies through the Node server', () => {
  test('a JSON body is read whole, in UTF-8, and the response carries the request id and security headers', async () => {
    const name = 'Ünïcødé study 😀 '.repeat(12).trim().slice(0, 200);
    // Chunks of 7 bytes split the multi-byte characters, which must be joined again before decoding.
    const res = await post('/api/studies', chunked(JSON.stringify({ name }), 7));
    expect(res.status).toBe(201);
    expect((await res.json()).study.name).toBe(name);
    expect(studyNames()).toEqual([name]);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(t.logs.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/studies',
      status: 201,
      requestId: res.headers.get('x-request-id'),
    });
  });

  test('a body streamed past 10 MB gets 413 and writes nothing', async () => {
    const res = await post('/api/studies', chunked(JSON.stringify({ name: 'x'.repeat(limit) })));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { code: 'request.too_large', message: 'The request body is larger than 10 MB.' },
    });
    expect(studyNames()).toEqual([]);
  });

  test('a declared length past 10 MB gets 413 before the body is read', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((ok, fail) => {
      const req = httpRequest(`${base}/api/studies`, {
        method: 'POST',
        headers: { origin: base, cookie, 'content-type': 'application/json', 'content-length': String(limit + 1) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d) => (text += d)).on('end', () => ok({ status: res.statusCode!, body: text }));
      });
      req.on('error', fail);
      req.write('{"name":"'); // the rest never comes: the answer must not wait for it
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error.code).toBe('request.too_large');
  });

  test('malformed JSON gets 400 in the error shape', async () => {
    const res = await post('/api/studies', '{"name": ');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('request.malformed_json');
  });

  test('without a session the answer is 401 at once: the body is not waited for', async () => {
    const status = await new Promise<number>((ok, fail) => {
      const req = httpRequest(`${base}/api/studies`, {
        method: 'POST',
        headers: { origin: base, 'content-type': 'application/json', 'content-length': '100000' },
      });
      req.on('response', (res) => {
        ok(res.statusCode!);
        req.destroy();
      });
      req.on('error', fail);
      req.write('{"name":"'); // 99,991 bytes short, and never sent
    });
    expect(status).toBe(401);
    expect(studyNames()).toEqual([]);
  });

  test('a client that drops mid-body leaves nothing written, and the server goes on serving', async () => {
    await new Promise<void>((ok) => {
      const req = httpRequest(`${base}/api/studies`, {
        method: 'POST',
        headers: { origin: base, cookie, 'content-type': 'application/json', 'content-length': '1000' },
      });
      req.on('error', () => ok());
      req.write('{"name":"half', () => setTimeout(() => req.destroy(), 50));
      req.on('close', () => ok());
    });
    // The dropped request ends as a 400 in the log, not as a request left waiting forever.
    await expect
      .poll(() => t.logs.find((l) => l.path === '/api/studies'))
      .toMatchObject({ method: 'POST', status: 400 });
    const res = await post('/api/studies', JSON.stringify({ name: 'after' }));
    expect(res.status).toBe(201);
    expect(studyNames()).toEqual(['after']);
  });
});
