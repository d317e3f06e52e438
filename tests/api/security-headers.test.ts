import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../apps/api/src/config.ts';
import { serveWebApp } from '../../apps/api/src/http/web-app.ts';
import { Agent } from '../support/agent.ts';
import { addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

// Every response, from the API and from the served web app (its HTML, its static files,
// its errors), carries the headers that keep pages from running foreign scripts, being
// framed by another site, or being sniffed into another content type.

let t: TestApp;
let dist: string;
let agent: Agent;

beforeAll(async () => {
  t = makeTestApp();
  dist = mkdtempSync(join(tmpdir(), 'threadcoder-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app.js"></script></body></html>',
  );
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(dist, 'assets', 'app.css'), 'body { margin: 0 }');
  serveWebApp(t.app, dist);
  await addUser(t.db, 'sam');
  agent = new Agent(t.app);
  await agent.login('sam');
});
afterAll(() => {
  t.close();
  rmSync(dist, { recursive: true, force: true });
});

/** The policy as directive → sources. */
function directives(csp: string | null): Record<string, string[]> {
  expect(csp, 'no Content-Security-Policy header').toBeTruthy();
  return Object.fromEntries(
    csp!
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...sources] = d.split(/\s+/);
        return [name!, sources];
      }),
  );
}

const anonymous = () => new Agent(t.app);

const responses: [string, () => Promise<Response>, number, string][] = [
  ['the API, public', () => anonymous().get('/api/health'), 200, 'application/json'],
  ['the API, signed in', () => agent.get('/api/studies'), 200, 'application/json'],
  ['the API, 401', () => anonymous().get('/api/studies'), 401, 'application/json'],
  ['the API, unknown route', () => agent.get('/api/no-such-route'), 404, 'application/json'],
  ['the API, invalid body', () => agent.post('/api/studies', '{"name":'), 400, 'application/json'],
  ['the web app’s start page', () => anonymous().get('/'), 200, 'text/html'],
  ['a client-side route', () => anonymous().get('/studies/1/code'), 200, 'text/html'],
  ['a script', () => anonymous().get('/assets/app.js'), 200, 'text/javascript'],
  ['a style sheet', () => anonymous().get('/assets/app.css'), 200, 'text/css'],
];

describe('security headers', () => {
  test.each(responses)('%s', async (_, send, status, type) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain(type);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['default-src']).toEqual(["'self'"]);
    // Only the app's own script files run: no inline scripts, no eval, no other origin.
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['base-uri']).toEqual(["'self'"]);
    expect(csp['form-action']).toEqual(["'self'"]);
    // Forum images: https only (THREADCODER_IMAGES=click by default: loaded when a coder asks).
    expect(csp['img-src']).toEqual(["'self'", 'https:', 'data:', 'blob:']);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  test('THREADCODER_IMAGES=never: the CSP lets no remote image load, and the session says so', async () => {
    const never = makeTestApp({ images: 'never' });
    try {
      const res = await new Agent(never.app).get('/api/auth/session');
      expect(directives(res.headers.get('content-security-policy'))['img-src']).toEqual(["'self'", 'data:', 'blob:']);
      expect(((await res.json()) as { images: string }).images).toBe('never');
    } finally {
      never.close();
    }
  });

  test('a THREADCODER_IMAGES the app does not know stops the start with a message naming the choices', () => {
    expect(() => loadConfig({ THREADCODER_IMAGES: 'sometimes' })).toThrow(
      'THREADCODER_IMAGES must be one of click, always, never, not "sometimes".',
    );
    expect(loadConfig({ THREADCODER_IMAGES: 'always' }).images).toBe('always');
  });

  test('the web app’s HTML is what dist/index.html holds', async () => {
    const res = await anonymous().get('/anything/at/all');
    expect(await res.text()).toContain('<script type="module" src="/assets/app.js"></script>');
  });
});
