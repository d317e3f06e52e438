// What a forum address typed into a form, or a forum's own answers, must not be able to do:
// take the API key elsewhere, reach private addresses, exhaust memory, page for ever, run twice.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { checkPublicHost } from '../../apps/api/src/collect/address-guard.ts';
import { apiKeyFromEnv } from '../../apps/api/src/collect/api-key.ts';
import { openCollection } from '../../apps/api/src/collect/collector.ts';
import { resolveOptions } from '../../apps/api/src/collect/options.ts';
import type { Db } from '../../apps/api/src/db/open.ts';
import latest from '../fixtures/discourse-api/latest.json' with { type: 'json' };
import { FakeClock } from './fake-clock.ts';
import { collect, freshDb, stored } from './helpers.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

let server: ReplayServer;
let other: ReplayServer;
let db: Db;
beforeEach(async () => {
  server = await startReplayServer();
  other = await startReplayServer();
  db = freshDb();
});
afterEach(async () => {
  db.close();
  await server.close();
  await other.close();
});

const withNext = (next: string) => ({ ...latest, topic_list: { ...latest.topic_list, more_topics_url: next } });
const key = (origin?: string) => ({ key: 'secret-key-123', username: 'system', origin });

describe('the API key', () => {
  test('goes only to THREADCODER_DISCOURSE_API_ORIGIN: not to another forum address, not without an origin', async () => {
    await collect(db, server.url, { maxTopics: 1 }, { apiKey: key('https://forum.example.org') });
    await collect(db, server.url, { maxTopics: 1, source: 'b' }, { apiKey: key(undefined) });
    expect(server.headers.map((h) => h['api-key'])).toEqual(Array(6).fill(undefined));
  });

  test('is read from the environment with its origin; a bad origin is a clear error', () => {
    expect(
      apiKeyFromEnv({
        THREADCODER_DISCOURSE_API_KEY: ' k ',
        THREADCODER_DISCOURSE_API_ORIGIN: 'https://Forum.example.org/some/path',
      }),
    ).toEqual({ key: 'k', username: undefined, origin: 'https://forum.example.org' });
    expect(() =>
      apiKeyFromEnv({ THREADCODER_DISCOURSE_API_KEY: 'k', THREADCODER_DISCOURSE_API_ORIGIN: 'forum.example.org' }),
    ).toThrow(
      'THREADCODER_DISCOURSE_API_ORIGIN "forum.example.org" is not an http(s) address; set it to the forum\'s origin, e.g. https://forum.example.org.',
    );
  });

  test('a redirect to another site is not followed: the run fails, the topic stays to do, the other site hears nothing', async () => {
    server.fail('/t/205.json', { redirect: `${other.url}/t/205.json` });
    const first = await collect(db, server.url, { maxTopics: 2 }, { apiKey: key(server.url) });
    expect(first.record.status).toBe('failed');
    expect(first.record.error).toEqual({
      code: 'collect.redirect',
      message: `/t/205.json redirected to ${other.url}, another site than the forum's ${server.url}; give the forum's address as it is served.`,
    });
    expect(other.log).toEqual([]);
    const second = await collect(db, server.url, { maxTopics: 2 });
    expect([second.resumed, second.record.status, stored(db).threads]).toEqual([true, 'succeeded', ['100', '205']]);
  });

  test('a redirect within the forum is followed, with the key, and counted', async () => {
    server.fail('/latest.json', { redirect: '/latest.json?no_definitions=true' });
    const { record } = await collect(db, server.url, { maxTopics: 1 }, { apiKey: key(server.url) });
    expect(server.log).toEqual(['/site.json', '/latest.json', '/latest.json?no_definitions=true', '/t/100.json']);
    expect(server.headers.map((h) => h['api-key'])).toEqual(Array(4).fill('secret-key-123'));
    expect([record.status, record.progress.requests]).toEqual(['succeeded', 4]);
  });

  test.each([
    ['protocol-relative', (o: string) => `//${new URL(o).host}/latest?page=1`],
    ['absolute', (o: string) => `${o}/latest?page=1`],
  ])('a next-page link to another site (%s) fails the listing; nothing is sent there', async (_, link) => {
    server.replace('/latest.json', withNext(link(other.url)));
    const { record } = await collect(db, server.url, {}, { apiKey: key(server.url) });
    expect(record.error).toEqual({
      code: 'collect.bad_listing',
      message: `The forum's listing /latest.json is not in Discourse's shape: topic_list.more_topics_url should be a path on the forum, not "${link(other.url)}".`,
    });
    expect(other.log).toEqual([]);
  });
});

describe('private addresses', () => {
  test('a forum on a loopback address is refused before any request, saying which address and why', async () => {
    const { record } = await collect(db, server.url, {}, { allowPrivate: false });
    expect(record.status).toBe('failed');
    expect(record.error).toEqual({
      code: 'collect.blocked_address',
      message:
        '127.0.0.1 is a loopback address: the collector fetches only public forums. Set THREADCODER_COLLECT_ALLOW_PRIVATE=1 where Threadcoder runs to allow it.',
    });
    expect(server.log).toEqual([]);
  });

  test.each([
    ['http://10.1.2.3/', '10.1.2.3 is a private address'],
    ['http://[fd12::1]/', 'fd12::1 is a private address'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254 is a link-local address'],
    ['http://[fe80::1]/', 'fe80::1 is a link-local address'],
    ['http://0.0.0.0:3000/', '0.0.0.0 is an unspecified address'],
    ['http://[::1]/', '::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1 is an IPv4-mapped address'],
    ['http://[64:ff9b::7f00:1]/', '64:ff9b::7f00:1 is a NAT64 address'],
    ['http://240.0.0.1/', '240.0.0.1 is a reserved address'],
  ])('%s: %s', async (url, reason) => {
    await expect(checkPublicHost(new URL(url))).rejects.toThrow(`${reason}: the collector fetches only public forums.`);
  });

  test('a host name is refused if any of its addresses is private', async () => {
    const resolve = async () => ['93.184.216.34', '192.168.1.20'];
    await expect(checkPublicHost(new URL('https://forum.example.org/'), resolve)).rejects.toThrow(
      'forum.example.org resolves to 192.168.1.20, a private address:',
    );
    await expect(
      checkPublicHost(new URL('https://forum.example.org/'), async () => ['93.184.216.34', '2606:4700::1']),
    ).resolves.toBeUndefined();
  });
});

describe('answers the collector will not take', () => {
  test.each([true, false])(
    'a body over 32 MB (Content-Length sent: %s) fails that topic with a clear reason',
    async (contentLength) => {
      server.fail('/t/205.json', { bytes: 32 * 1024 * 1024 + 10, contentLength });
      const { record } = await collect(db, server.url, { maxTopics: 2 });
      expect(record.status).toBe('succeeded');
      expect(record.report.failedTopics).toEqual([
        {
          topicId: 205,
          reason: '/t/205.json answered with more than 32 MB; the collector reads at most that much per request.',
        },
      ]);
    },
  );

  test('a login page instead of a topic fails the run, not every later topic; the resume fetches it again', async () => {
    server.fail('/t/205.json', { html: '<html><body>Sign in</body></html>' });
    const first = await collect(db, server.url, { maxTopics: 3 });
    expect(first.record.status).toBe('failed');
    expect(first.record.error).toEqual({
      code: 'collect.not_json',
      message: '/t/205.json did not answer with JSON (it sent text/html; charset=utf-8); is this a Discourse forum?',
    });
    expect(first.record.report.failedTopics).toEqual([]);
    expect(server.log).toEqual(['/site.json', '/latest.json', '/t/100.json', '/t/205.json']);
    server.log.length = 0;
    const second = await collect(db, server.url, { maxTopics: 3 });
    expect(server.log).toEqual([
      '/t/205.json',
      '/t/204.json',
      expect.stringMatching(/^\/t\/204\/posts\.json/),
      expect.stringMatching(/^\/t\/204\/posts\.json/),
    ]);
    expect(second.record.status).toBe('succeeded');
  });

  test('a Retry-After of a day waits 5 minutes, then retries', async () => {
    const clock = new FakeClock();
    server.fail('/t/100.json', { status: 429, retryAfter: () => '86400' });
    const { record } = await collect(db, server.url, { maxTopics: 1 }, { clock });
    expect(clock.sleeps).toEqual([1000, 1000, 300_000]);
    expect(server.log).toEqual(['/site.json', '/latest.json', '/t/100.json', '/t/100.json']);
    expect(record.status).toBe('succeeded');
  });
});

describe('listings that would page for ever', () => {
  test('a next-page link back to a page already read ends the listing', async () => {
    server.replace('/latest.json?no_definitions=true&page=2', {
      topic_list: { topics: [], more_topics_url: '/latest?no_definitions=true&page=1' },
    });
    server.replace('/latest.json?no_definitions=true&page=1', {
      topic_list: {
        topics: [{ id: 202, created_at: '2023-05-01T00:00:00.000Z' }],
        more_topics_url: '/latest?no_definitions=true&page=3',
      },
    });
    server.replace('/latest.json?no_definitions=true&page=3', {
      topic_list: {
        topics: [{ id: 201, created_at: '2023-05-01T00:00:00.000Z' }],
        more_topics_url: '/latest?no_definitions=true&page=1',
      },
    });
    const { record } = await collect(db, server.url);
    expect(server.log.filter((p) => p.startsWith('/latest'))).toEqual([
      '/latest.json',
      '/latest.json?no_definitions=true&page=1',
      '/latest.json?no_definitions=true&page=3',
    ]);
    expect([record.status, record.progress.topicsKnown]).toEqual(['succeeded', 6]);
  });

  test('a page that lists only topics already seen ends the listing, whatever its next link', async () => {
    server.replace('/latest.json?no_definitions=true&page=1', withNext('/latest?no_definitions=true&page=7'));
    const { record } = await collect(db, server.url);
    expect(server.log.filter((p) => p.startsWith('/latest'))).toEqual([
      '/latest.json',
      '/latest.json?no_definitions=true&page=1',
    ]);
    expect([record.status, record.progress.topicsKnown]).toEqual(['succeeded', 4]);
  });
});

describe('a forum under a path', () => {
  test('requests keep the path, and next-page links that include it are not doubled', async () => {
    const sub = await startReplayServer('/forum');
    try {
      const { record } = await collect(db, `${sub.url}/`, { maxTopics: 5 });
      expect(sub.log).toEqual([
        '/forum/site.json',
        '/forum/latest.json',
        '/forum/t/100.json',
        '/forum/t/205.json',
        '/forum/t/204.json',
        expect.stringMatching(/^\/forum\/t\/204\/posts\.json\?/),
        expect.stringMatching(/^\/forum\/t\/204\/posts\.json\?/),
        '/forum/t/203.json',
        '/forum/latest.json?no_definitions=true&page=1',
        '/forum/t/202.json',
      ]);
      expect(record.status).toBe('succeeded');
    } finally {
      await sub.close();
    }
  });
});

describe('one process per collection', () => {
  test('a run marked running (in another process) is not opened again', () => {
    const options = resolveOptions({ forumUrl: server.url, source: 'forum' });
    const { id } = openCollection(db, options);
    expect(() => openCollection(db, options)).toThrow(
      `Collection #${id} is already running (in the server or another threadcoder collect); wait for it to end or stop it. If the process running it died, starting the server marks it stopped.`,
    );
  });
});
