import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { acceptedEncodings, serveWebApp } from '../../apps/api/src/http/web-app.ts';
import { makeTestApp, type TestApp } from '../support/test-app.ts';

// The built web app goes out precompressed (the .br/.gz files the build writes), hashed assets
// are cached for a year, and index.html is revalidated so a repeat visit costs a 304.

const script = `export const answer = ${JSON.stringify('forty-two '.repeat(200))};\n`;
const html =
  '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app-Ab12.js"></script></body></html>';
let t: TestApp;
let dist: string;

beforeAll(() => {
  t = makeTestApp();
  dist = mkdtempSync(join(tmpdir(), 'threadcoder-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), html);
  writeFileSync(join(dist, 'assets', 'app-Ab12.js'), script);
  writeFileSync(join(dist, 'assets', 'app-Ab12.js.br'), brotliCompressSync(script));
  writeFileSync(join(dist, 'assets', 'app-Ab12.js.gz'), gzipSync(script));
  writeFileSync(join(dist, 'assets', 'logo-Cd34.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  serveWebApp(t.app, dist);
});
afterAll(() => {
  t.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => t.app.request(path, { headers });

describe('compressed assets', () => {
  test('brotli when the browser takes it: the body decodes to the file', async () => {
    const res = await get('/assets/app-Ab12.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(body).toString()).toBe(script);
  });

  test('gzip when brotli is refused or not offered', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip;q=0.5']) {
      const res = await get('/assets/app-Ab12.js', { 'accept-encoding': accept });
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(script);
    }
  });

  test('the plain file without Accept-Encoding, and for files the build did not compress', async () => {
    const plain = await get('/assets/app-Ab12.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
    const png = await get('/assets/logo-Cd34.png', { 'accept-encoding': 'br, gzip' });
    expect(png.headers.get('content-encoding')).toBeNull();
    expect(png.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  test('Accept-Encoding is read with its weights', () => {
    expect([...acceptedEncodings('gzip, deflate, br;q=0.9')]).toEqual(['gzip', 'deflate', 'br']);
    expect([...acceptedEncodings('br;q=0, gzip')]).toEqual(['gzip']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});

describe('caching', () => {
  test('hashed assets are immutable for a year', async () => {
    const res = await get('/assets/app-Ab12.js');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
  });

  test('a missing asset is a 404, not the app’s HTML', async () => {
    const res = await get('/assets/app-Old9.js');
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('No file /assets/app-Old9.js in this build.');
  });

  test('index.html is revalidated: no-cache with ETag and Last-Modified, 304 when unchanged', async () => {
    const first = await get('/studies/1/code', { 'accept-encoding': 'br' });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    expect(await first.text()).toBe(html);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);

    const again = await get('/studies', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await get('/', { 'if-modified-since': lastModified })).status).toBe(304);
    expect((await get('/', { 'if-none-match': '"other"' })).status).toBe(200);
    expect((await get('/', { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' })).status).toBe(200);
  });

  test('a 304 keeps the Content-Security-Policy', async () => {
    const etag = (await get('/')).headers.get('etag')!;
    const res = await get('/', { 'if-none-match': etag });
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});
