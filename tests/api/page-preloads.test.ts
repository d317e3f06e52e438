import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sessionCookie } from '../../apps/api/src/auth/cookie.ts';
import { createSession } from '../../apps/api/src/auth/sessions.ts';
import { pagePreloads } from '../../apps/api/src/http/page-preloads.ts';
import { serveWebApp } from '../../apps/api/src/http/web-app.ts';
import { addStudyCast, addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

// index.html preloads the API answers a study page opened by its address waits on first, for the
// member who asks: the study, and the Code tab's or the Adjudicate tab's first data when the member
// may have them. Signed out, for a stranger or another page: the plain index.html.

const html =
  '<!doctype html><html><head><link rel="preload" href="/api/auth/session" as="fetch" crossorigin="anonymous" /></head><body></body></html>';
const link = (href: string) => `<link rel="preload" href="${href}" as="fetch" crossorigin="anonymous" />`;
let t: TestApp;
let dist: string;
let studyId: number;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  t = makeTestApp();
  dist = mkdtempSync(join(tmpdir(), 'threadcoder-dist-'));
  writeFileSync(join(dist, 'index.html'), html);
  serveWebApp(t.app, dist, (c) => pagePreloads(t.db, c));
  const cast = await addStudyCast(t.db);
  studyId = cast.studyId;
  const admin = await addUser(t.db, 'root', { isAdmin: true });
  for (const [name, id] of [...Object.entries(cast.ids), ['root', admin.id] as const])
    cookies[name] = `${sessionCookie}=${createSession(t.db, id, 60_000).token}`;
});
afterAll(() => {
  t.close();
  rmSync(dist, { recursive: true, force: true });
});

const open = (path: string, user?: string, headers: Record<string, string> = {}) =>
  t.app.request(path, { headers: { ...headers, ...(user ? { cookie: cookies[user]! } : {}) } });

/** The preloads index.html carries beyond the session's. */
async function preloads(path: string, user?: string): Promise<string[]> {
  const body = await (await open(path, user)).text();
  return [...body.matchAll(/<link rel="preload" href="([^"]+)"/g)]
    .map((m) => m[1]!)
    .filter((h) => h !== '/api/auth/session');
}

describe('index.html for a study page', () => {
  test('an adjudicator on the Adjudicate tab: the study, the choices and the queue’s first page', async () => {
    const res = await open(`/studies/${studyId}/adjudicate`, 'ada');
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(await res.text()).toBe(
      html.replace(
        '</head>',
        `${link(`/api/studies/${studyId}`)}${link(`/api/studies/${studyId}/adjudication/choices`)}${link(`/api/studies/${studyId}/adjudication?limit=100`)}</head>`,
      ),
    );
  });

  test('the queue’s filters from the address, in the order the page asks, & escaped', async () => {
    expect(await preloads(`/studies/${studyId}/adjudicate?code=c.1&status=settled&round=4&unit=9`, 'owen')).toEqual([
      `/api/studies/${studyId}`,
      `/api/studies/${studyId}/adjudication/choices`,
      `/api/studies/${studyId}/adjudication?roundId=4&amp;status=settled&amp;code=c.1&amp;limit=100`,
    ]);
    // A status the page does not know is left out, as the page leaves it out.
    expect((await preloads(`/studies/${studyId}/adjudicate?status=%22%3E%3Cscript%3E`, 'owen')).at(-1)).toBe(
      `/api/studies/${studyId}/adjudication?limit=100`,
    );
  });

  test('a round or code the queue would refuse (400) is left out, so the preload is one the server answers', async () => {
    const queue = async (search: string) => (await preloads(`/studies/${studyId}/adjudicate?${search}`, 'owen')).at(-1);
    for (const search of ['round=abc', 'round=-3', 'round=1.5', 'round=%207', 'code=a%20b', `code=${'x'.repeat(300)}`])
      expect([search, await queue(search)]).toEqual([search, `/api/studies/${studyId}/adjudication?limit=100`]);
    for (const search of ['round=abc', 'code=a%20b']) {
      const res = await open(`/api/studies/${studyId}/adjudication?${search.replace('round', 'roundId')}`, 'owen');
      expect([search, res.status]).toEqual([search, 400]);
    }
  });

  test('a coder on the Adjudicate tab (not theirs): the study alone, so nothing is refused', async () => {
    expect(await preloads(`/studies/${studyId}/adjudicate`, 'cora')).toEqual([`/api/studies/${studyId}`]);
  });

  test('the Code tab: the study, its rounds, progress and codebook; another tab: the study', async () => {
    expect(await preloads(`/studies/${studyId}/code?unit=3`, 'cora')).toEqual(
      ['', '/rounds', '/progress', '/codebook'].map((p) => `/api/studies/${studyId}${p}`),
    );
    expect(await preloads(`/studies/${studyId}`, 'cody')).toEqual([`/api/studies/${studyId}`]);
    expect(await preloads(`/studies/${studyId}/analysis`, 'cody')).toEqual([`/api/studies/${studyId}`]);
  });

  test('an administrator acts as owner in a study that exists, and gets nothing for one that does not', async () => {
    expect(await preloads(`/studies/${studyId}/adjudicate`, 'root')).toHaveLength(3);
    expect(await preloads('/studies/9999/adjudicate', 'root')).toEqual([]);
  });

  test('signed out, a stranger, a bad session or another page: the plain index.html', async () => {
    for (const [path, user] of [
      [`/studies/${studyId}/adjudicate`, undefined],
      [`/studies/${studyId}/adjudicate`, 'nina'],
      ['/studies', 'owen'],
      ['/threads/1', 'owen'],
      [`/studies/${'9'.repeat(16)}/code`, 'owen'],
      // Not a study id to the app either (app/prefetch-route-data.ts asks for nothing), so no preload would be taken.
      [`/studies/${studyId}abc`, 'owen'],
      [`/studies/${studyId}.5/code`, 'owen'],
    ] as const) {
      const res = await open(path, user);
      expect([path, user, res.headers.get('cache-control'), await res.text()]).toEqual([path, user, 'no-cache', html]);
    }
    const res = await t.app.request(`/studies/${studyId}/code`, { headers: { cookie: `${sessionCookie}=nope` } });
    expect(await res.text()).toBe(html);
  });

  test('revalidation: 304 for the same member’s page, the new page when what it preloads differs', async () => {
    const first = await open(`/studies/${studyId}/adjudicate`, 'ada');
    const etag = first.headers.get('etag')!;
    expect((await open(`/studies/${studyId}/adjudicate`, 'ada', { 'if-none-match': etag })).status).toBe(304);
    const coder = await open(`/studies/${studyId}/adjudicate`, 'cora', { 'if-none-match': etag });
    expect(coder.status).toBe(200);
    expect(coder.headers.get('etag')).not.toBe(etag);
  });

  test('a page that differs by who asks says so (Vary: Cookie) and is never a 304 on its date alone', async () => {
    const plain = await open(`/studies/${studyId}/adjudicate`);
    expect(plain.headers.get('vary')).toBe('Accept-Encoding, Cookie');
    // The plain page's date: a cache holding it (or another member's page) asks with it alone.
    const since = plain.headers.get('last-modified')!;
    const mine = await open(`/studies/${studyId}/adjudicate`, 'ada', { 'if-modified-since': since });
    expect(mine.status).toBe(200);
    expect(mine.headers.get('vary')).toBe('Accept-Encoding, Cookie');
    expect(mine.headers.get('last-modified')).toBeNull();
    expect(await mine.text()).toContain(link(`/api/studies/${studyId}/adjudication/choices`));
  });
});
