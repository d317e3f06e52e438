import { fetch } from 'undici';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openCollection } from '../../apps/api/src/collect/collector.ts';
import { resolveOptions } from '../../apps/api/src/collect/options.ts';
import { getCollection, stopInterruptedCollections } from '../../apps/api/src/collect/state.ts';
import type { Db } from '../../apps/api/src/db/open.ts';
import { FakeClock } from './fake-clock.ts';
import { collect, freshDb, stored } from './helpers.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

let server: ReplayServer;
let db: Db;
let clock: FakeClock;
/** When each request started, on the virtual clock (wrapping undici's fetch, which the collector's guarded dispatcher needs). */
let starts: { path: string; at: number }[];
const fetchTimed: typeof fetch = (input, init) => {
  starts.push({ path: decodeURIComponent(new URL(String(input)).pathname), at: clock.now() });
  return fetch(input, init);
};
beforeEach(async () => {
  server = await startReplayServer();
  db = freshDb();
  clock = new FakeClock();
  starts = [];
});
afterEach(async () => {
  db.close();
  await server.close();
});

const gapsBefore = (path: string) =>
  starts.flatMap((s, i) => (s.path === path && i > 0 ? [s.at - starts[i - 1]!.at] : []));

describe('rate limit', () => {
  test.each([
    [undefined, 1000],
    [2, 500],
    [0.5, 2000],
  ])('rate %s: requests start exactly %i ms apart', async (rate, gap) => {
    await collect(db, server.url, { rate, maxTopics: 3 }, { clock, fetch: fetchTimed });
    expect(starts).toHaveLength(7);
    expect(starts.slice(1).map((s, i) => s.at - starts[i]!.at)).toEqual([gap, gap, gap, gap, gap, gap]);
  });
});

describe('retries', () => {
  test('429 with Retry-After in seconds waits that long, then retries', async () => {
    server.fail('/t/205.json', { status: 429, retryAfter: () => '7' });
    const { record } = await collect(db, server.url, { maxTopics: 2 }, { clock, fetch: fetchTimed });
    expect(starts.map((s) => s.path)).toEqual([
      '/site.json',
      '/latest.json',
      '/t/100.json',
      '/t/205.json',
      '/t/205.json',
    ]);
    expect(gapsBefore('/t/205.json')).toEqual([1000, 7000]);
    expect(record.progress.requests).toBe(5);
    expect(stored(db).threads).toEqual(['100', '205']);
  });

  test('429 with Retry-After as an HTTP date waits until then', async () => {
    server.fail('/t/205.json', { status: 429, retryAfter: () => new Date(clock.now() + 30_000).toUTCString() });
    await collect(db, server.url, { maxTopics: 2 }, { clock, fetch: fetchTimed });
    expect(gapsBefore('/t/205.json')).toEqual([1000, 30_000]);
  });

  test('5xx is retried with exponential backoff (jitter at its top here), then succeeds', async () => {
    server.fail('/t/100.json', { status: 503 }, { status: 502 }, { status: 500 });
    await collect(db, server.url, { maxTopics: 1 }, { clock, fetch: fetchTimed, random: () => 1 });
    expect(gapsBefore('/t/100.json')).toEqual([1000, 1000, 2000, 4000]);
    expect(stored(db).threads).toEqual(['100']);
  });

  test('jitter takes the backoff down to half', async () => {
    server.fail('/t/100.json', { status: 503 }, { status: 503 });
    await collect(db, server.url, { maxTopics: 1, rate: 10 }, { clock, fetch: fetchTimed, random: () => 0 });
    expect(gapsBefore('/t/100.json')).toEqual([100, 500, 1000]);
  });

  test('a request the server never answers times out and is retried', async () => {
    server.fail('/t/205.json', { hang: true });
    const { record } = await collect(db, server.url, { maxTopics: 2 }, { clock, fetch: fetchTimed, timeoutMs: 1000 });
    expect(server.log).toEqual(['/site.json', '/latest.json', '/t/100.json', '/t/205.json', '/t/205.json']);
    expect(record.status).toBe('succeeded');
    expect(stored(db).threads).toEqual(['100', '205']);
  });

  test('a connection dropped in the middle of the body is retried', async () => {
    server.fail('/t/204.json', { drop: true });
    const { record } = await collect(db, server.url, { maxTopics: 3 }, { clock, fetch: fetchTimed });
    expect(server.log.filter((p) => p === '/t/204.json')).toHaveLength(2);
    expect(record.status).toBe('succeeded');
    expect(stored(db).posts).toBe(1 + 2 + 45);
  });

  test('past the retry limit the run fails, keeping what it did; running it again resumes there', async () => {
    server.fail('/t/202.json', { status: 503 }, { status: 503 }, { status: 503 });
    const first = await collect(db, server.url, {}, { clock, maxRetries: 2 });
    expect(first.record.status).toBe('failed');
    expect(first.record.error).toEqual({
      code: 'collect.gave_up',
      message:
        'The forum kept failing: /t/202.json failed 3 times; last: HTTP 503. Run the same collection again to resume.',
    });
    expect(stored(db).threads).toEqual(['100', '203', '204', '205']);
    server.log.length = 0;
    const second = await collect(db, server.url, {}, { clock });
    expect(second.resumed).toBe(true);
    expect(second.record.id).toBe(first.record.id);
    expect(server.log).toEqual([
      '/t/202.json',
      '/t/201.json',
      '/latest.json?no_definitions=true&page=2',
      '/t/200.json',
    ]);
    expect(second.record.status).toBe('succeeded');
    expect(second.record.progress.requests).toBe(13 + 3);
    expect(stored(db)).toEqual({ threads: ['100', '200', '201', '202', '203', '204', '205'], posts: 55 });
  });
});

describe('stop and resume', () => {
  test('a stop takes effect after the topic in hand; the same options resume from there', async () => {
    const stop = new AbortController();
    const first = await collect(
      db,
      server.url,
      {},
      { clock, signal: stop.signal, onProgress: (r) => r.progress.topicsDone === 3 && stop.abort() },
    );
    expect(first.record.status).toBe('stopped');
    expect(first.record.progress).toMatchObject({ topicsKnown: 4, topicsDone: 3, requests: 7 });
    expect(stored(db).threads).toEqual(['100', '204', '205']);
    server.log.length = 0;
    const second = await collect(db, server.url, {}, { clock });
    expect(second.resumed).toBe(true);
    expect(server.log).toEqual([
      '/t/203.json',
      '/latest.json?no_definitions=true&page=1',
      '/t/202.json',
      '/t/201.json',
      '/latest.json?no_definitions=true&page=2',
      '/t/200.json',
    ]);
    expect(second.record.progress).toMatchObject({ topicsKnown: 7, topicsDone: 7, requests: 13 });
    expect(stored(db).posts).toBe(55);
  });

  test('a stop during a long Retry-After wait ends it at once; the topic stays to do', async () => {
    const stop = new AbortController();
    const stopping = new (class extends FakeClock {
      override async sleep(ms: number) {
        if (ms > 5000) stop.abort();
        return super.sleep(ms);
      }
    })();
    server.fail('/t/205.json', { status: 429, retryAfter: () => '600' });
    const first = await collect(db, server.url, { maxTopics: 2 }, { clock: stopping, signal: stop.signal });
    expect(first.record.status).toBe('stopped');
    expect(first.record.progress).toMatchObject({ topicsDone: 1, topicsKnown: 2 });
    server.log.length = 0;
    await collect(db, server.url, { maxTopics: 2 });
    expect(server.log).toEqual(['/t/205.json']);
  });

  test('a run a crash left "running" is marked stopped at start-up and resumes', async () => {
    const { id } = openCollection(db, resolveOptions({ forumUrl: server.url, source: 'forum', maxTopics: 1 }));
    expect(stopInterruptedCollections(db)).toBe(1);
    expect(getCollection(db, id)!.status).toBe('stopped');
    const { record, resumed } = await collect(db, server.url, { maxTopics: 1 });
    expect([resumed, record.id, record.status]).toEqual([true, id, 'succeeded']);
  });

  test('a finished run is not resumed: the same options start a new run', async () => {
    const first = await collect(db, server.url, { maxTopics: 1 });
    const second = await collect(db, server.url, { maxTopics: 1 });
    expect([second.resumed, second.record.id]).toEqual([false, first.record.id + 1]);
  });
});
