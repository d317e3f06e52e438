import { QueryClient } from '@tanstack/react-query';
import { expect, test } from 'vitest';
import { createClient } from '../../apps/web/src/api/client.ts';
import { prefetchRouteData } from '../../apps/web/src/app/prefetch-route-data.ts';
import { preloadedApiPaths } from '../../apps/web/src/app/preloaded-api.ts';

// The start-up prefetch of a study page asks at once for what index.html preloaded (the server checked
// the member may), and otherwise waits for the session and the study before asking for a tab's data.

/** A client whose requests are recorded as `path?query` and never answered, as while the scripts still load. */
function silentClient() {
  const asked: string[] = [];
  const client = createClient((input) => {
    const url = new URL(String(input));
    asked.push(url.pathname + url.search);
    return new Promise<Response>(() => {});
  }, 'http://localhost/');
  return { client, asked };
}

const location = (pathname: string, search = '') => ({ pathname, search });

test('the Adjudicate tab preloaded for an adjudicator: study, choices and queue asked for at once, the session not awaited', () => {
  const { client, asked } = silentClient();
  const preloaded = new Set([
    '/api/auth/session',
    '/api/studies/7',
    '/api/studies/7/adjudication/choices',
    '/api/studies/7/adjudication',
  ]);
  void prefetchRouteData(new QueryClient(), client, location('/studies/7/adjudicate', '?status=open'), preloaded);
  expect(asked).toEqual([
    '/api/studies/7',
    '/api/studies/7/adjudication/choices',
    '/api/studies/7/adjudication?status=open&limit=100',
  ]);
});

test('the Code tab preloaded: study, rounds, progress and codebook asked for at once', () => {
  const { client, asked } = silentClient();
  const preloaded = new Set([
    '/api/studies/3',
    '/api/studies/3/rounds',
    '/api/studies/3/progress',
    '/api/studies/3/codebook',
  ]);
  void prefetchRouteData(new QueryClient(), client, location('/studies/3/code'), preloaded);
  expect(asked).toEqual([
    '/api/studies/3',
    '/api/studies/3/rounds',
    '/api/studies/3/progress',
    '/api/studies/3/codebook',
  ]);
});

test('a coder’s Adjudicate tab (only the study preloaded) asks for the study and nothing of the queue', () => {
  const { client, asked } = silentClient();
  void prefetchRouteData(new QueryClient(), client, location('/studies/7/adjudicate'), new Set(['/api/studies/7']));
  expect(asked).toEqual(['/api/studies/7']);
});

test('nothing preloaded: the session is asked for first and the tab waits for it', () => {
  const { client, asked } = silentClient();
  void prefetchRouteData(new QueryClient(), client, location('/studies/7/adjudicate'));
  expect(asked).toEqual(['/api/auth/session']);
});

test('preloadedApiPaths reads the paths of index.html’s fetch preloads, without their query', () => {
  document.head.innerHTML = [
    '<link rel="preload" href="/api/auth/session" as="fetch" crossorigin="anonymous" />',
    '<link rel="preload" href="/api/studies/7/adjudication?limit=100" as="fetch" crossorigin="anonymous" />',
    '<link rel="modulepreload" href="/assets/study-layout-abc.js" />',
    '<link rel="preload" href="/assets/font.woff2" as="font" />',
  ].join('');
  expect([...preloadedApiPaths(document)]).toEqual(['/api/auth/session', '/api/studies/7/adjudication']);
  document.head.innerHTML = '';
});
