// readBody() leans on two Hono internals: @hono/node-server puts Node's request in c.env.incoming,
// and c.req.json()/text() answer from c.req.bodyCache. These tests fail if either changes on an upgrade.
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { readBody } from '../../apps/api/src/http/body-reader.ts';
import type { AppError } from '../../apps/api/src/http/errors.ts';

const app = new Hono()
  .onError((err, c) => c.json({ code: (err as AppError).code }, (err as AppError).status))
  .post('/echo', async (c) => {
    await readBody(c, 1024);
    const viaNode = Boolean((c.env as { incoming?: unknown } | undefined)?.incoming);
    return c.json({ viaNode, json: await c.req.json(), text: await c.req.text(), webBodyUsed: c.req.raw.bodyUsed });
  });

let server: ServerType;
let base: string;
beforeAll(async () => {
  server = await new Promise<ServerType>((ok) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((ok) => server.close(ok)));

test("through the Node server the body comes from Node's stream and Hono reads it from its cache", async () => {
  const res = await fetch(`${base}/echo`, { method: 'POST', body: '{"a":"é"}' });
  expect(await res.json()).toEqual({ viaNode: true, json: { a: 'é' }, text: '{"a":"é"}', webBodyUsed: false });
});

test('through app.request (no Node server) the Web body is read into the same cache', async () => {
  const res = await app.request('/echo', { method: 'POST', body: '{"b":2}' });
  expect(await res.json()).toEqual({ viaNode: false, json: { b: 2 }, text: '{"b":2}', webBodyUsed: true });
});

test('past the limit: 413 from either path', async () => {
  const big = JSON.stringify({ x: 'y'.repeat(2048) });
  const viaNode = await fetch(`${base}/echo`, { method: 'POST', body: big });
  const viaApp = await app.request('/echo', { method: 'POST', body: big });
  expect([viaNode.status, viaApp.status]).toEqual([413, 413]);
});
