// The collector connects only to public addresses, checked on the address each connection
// uses: DNS rebinding (a public answer for the check, 127.0.0.1 for the connection) is refused
// at connect. Names resolve through an injected resolver, so nothing is sent beyond 127.0.0.1.
import type { LookupAddress } from 'node:dns';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { guardedLookup, refusedKind, type Resolver } from '../../apps/api/src/collect/address-guard.ts';
import { DiscourseHttp } from '../../apps/api/src/collect/http.ts';
import { FakeClock } from './fake-clock.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';

describe('which addresses are public', () => {
  test.each([
    ['8.8.8.8', undefined],
    ['93.184.216.34', undefined],
    ['172.32.0.1', undefined],
    ['2606:4700::1', undefined],
    ['2a00:1450:4001::200e', undefined],
    ['127.0.0.1', 'a loopback'],
    ['127.255.255.254', 'a loopback'],
    ['::1', 'a loopback'],
    ['0.0.0.0', 'an unspecified'],
    ['0.1.2.3', 'an unspecified'],
    ['::', 'an unspecified'],
    ['10.1.2.3', 'a private'],
    ['172.16.0.1', 'a private'],
    ['192.168.1.20', 'a private'],
    ['fd12::1', 'a private'],
    ['100.64.0.1', 'a carrier-grade NAT'],
    ['169.254.169.254', 'a link-local'],
    ['fe80::1', 'a link-local'],
    ['224.0.0.1', 'a multicast'],
    ['239.255.255.250', 'a multicast'],
    ['ff02::1', 'a multicast'],
    ['255.255.255.255', 'a broadcast'],
    ['240.0.0.1', 'a reserved'],
    ['198.18.0.1', 'a reserved'],
    ['198.19.255.254', 'a reserved'],
    ['192.0.2.1', 'a reserved'],
    ['2001:db8::1', 'a reserved'],
    ['::ffff:127.0.0.1', 'an IPv4-mapped'],
    ['::ffff:8.8.8.8', 'an IPv4-mapped'],
    ['::7f00:1', 'an IPv4-compatible'],
    ['::a9fe:a9fe', 'an IPv4-compatible'],
    ['64:ff9b::7f00:1', 'a NAT64'],
    ['64:ff9b:1::a00:1', 'a NAT64'],
    ['2002:7f00:1::1', 'a 6to4'],
    ['2001:0:4136:e378::1', 'a Teredo'],
    ['fec0::1', 'a special-purpose (deprecatedSiteLocal)'],
    ['100::1', 'a special-purpose (discard)'],
    ['4000::1', 'an unallocated'],
    ['not-an-address', 'an invalid'],
  ])('%s: %s', (address, kind) => {
    expect(refusedKind(address)).toBe(kind);
  });
});

/** A resolver that gives each answer in turn (the last one from then on), counting the calls. */
function answering(...answers: string[][]): Resolver & { calls: number } {
  const resolve = async () => answers[Math.min(resolve.calls++, answers.length - 1)]!;
  resolve.calls = 0;
  return resolve;
}

type LookupResult = { err: Error | null; address: string | LookupAddress[]; family?: number };
const lookUp = (lookup: ReturnType<typeof guardedLookup>, host: string, all: boolean) =>
  new Promise<LookupResult>((done) => lookup(host, { all }, (err, address, family) => done({ err, address, family })));

describe('the lookup every connection makes', () => {
  test('checks each time: a public answer, then 127.0.0.1, is refused the second time', async () => {
    const lookup = guardedLookup(answering(['93.184.216.34'], ['127.0.0.1']));
    expect(await lookUp(lookup, 'forum.example.org', false)).toEqual({
      err: null,
      address: '93.184.216.34',
      family: 4,
    });
    const second = await lookUp(lookup, 'forum.example.org', true);
    expect(second.err?.message).toBe(
      'forum.example.org resolves to 127.0.0.1, a loopback address: the collector fetches only public forums. Set THREADCODER_COLLECT_ALLOW_PRIVATE=1 where Threadcoder runs to allow it.',
    );
  });

  test('refuses a name if any of its addresses is not public; gives all checked addresses when asked', async () => {
    const mixed = await lookUp(guardedLookup(answering(['2606:4700::1', '64:ff9b::a9fe:a9fe'])), 'f.example', true);
    expect(mixed.err?.message).toMatch(/^f\.example resolves to 64:ff9b::a9fe:a9fe, a NAT64 address:/);
    const both = await lookUp(guardedLookup(answering(['2606:4700::1', '93.184.216.34'])), 'f.example', true);
    expect(both).toEqual({
      err: null,
      address: [
        { address: '2606:4700::1', family: 6 },
        { address: '93.184.216.34', family: 4 },
      ],
      family: undefined,
    });
  });

  test('with private addresses allowed, hands them over unchecked', async () => {
    expect(await lookUp(guardedLookup(answering(['127.0.0.1']), true), 'replay.test', false)).toEqual({
      err: null,
      address: '127.0.0.1',
      family: 4,
    });
  });
});

describe('DNS rebinding against the collector', () => {
  let server: ReplayServer;
  let http: DiscourseHttp | undefined;
  beforeEach(async () => {
    server = await startReplayServer();
  });
  afterEach(async () => {
    await http?.close();
    await server.close();
  });

  // The replay server listens on 127.0.0.1; "forum.rebind.test" exists only in the injected resolver.
  const forum = () => `http://forum.rebind.test:${new URL(server.url).port}`;
  const client = (resolve: Resolver, allowPrivate: boolean) =>
    (http = new DiscourseHttp({
      baseUrl: forum(),
      rate: 100,
      maxRetries: 2,
      timeoutMs: 10_000,
      clock: new FakeClock(),
      resolve,
      allowPrivate,
    }));

  test('a name checked public that resolves to 127.0.0.1 at connect is refused there; nothing is sent', async () => {
    const resolve = answering(['93.184.216.34'], ['127.0.0.1']);
    await expect(client(resolve, false).getJson('/latest.json')).rejects.toMatchObject({
      code: 'collect.blocked_address',
      message: expect.stringMatching(/^forum\.rebind\.test resolves to 127\.0\.0\.1, a loopback address:/),
    });
    // Once for the check before the request, once more by the connection itself; no retry.
    expect(resolve.calls).toBe(2);
    expect(server.log).toEqual([]);
  });

  test('the connection goes to the address the lookup checked (private allowed: the replay answers)', async () => {
    const resolve = answering(['127.0.0.1']);
    const body = (await client(resolve, true).getJson('/latest.json')) as { topic_list: unknown };
    expect(body.topic_list).toBeDefined();
    expect(server.log).toEqual(['/latest.json']);
    expect(resolve.calls).toBe(1);
  });
});
