// The forum address is typed by a person and the server fetches it: without a guard, anyone who
// may collect could make the server read its own admin ports, the cloud metadata service
// (169.254.169.254) or the intranet. Every host the collector talks to is resolved first and
// refused if any of its addresses is loopback, private, link-local or unspecified.
// THREADCODER_COLLECT_ALLOW_PRIVATE=1 lifts this (a forum on the intranet, the tests' local replay).
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../http/errors.ts';

// Each kind of address the collector refuses, with the subnets that make it.
const kinds: [string, [string, number, 'ipv4' | 'ipv6'][]][] = [
  [
    'a loopback',
    [
      ['127.0.0.0', 8, 'ipv4'],
      ['::1', 128, 'ipv6'],
    ],
  ],
  [
    'an unspecified',
    [
      ['0.0.0.0', 8, 'ipv4'],
      ['::', 128, 'ipv6'],
    ],
  ],
  [
    'a private',
    [
      ['10.0.0.0', 8, 'ipv4'],
      ['172.16.0.0', 12, 'ipv4'],
      ['192.168.0.0', 16, 'ipv4'],
      ['100.64.0.0', 10, 'ipv4'],
      ['fc00::', 7, 'ipv6'],
    ],
  ],
  [
    'a link-local',
    [
      ['169.254.0.0', 16, 'ipv4'],
      ['fe80::', 10, 'ipv6'],
    ],
  ],
];
const lists = kinds.map(([kind, nets]) => {
  const list = new BlockList();
  for (const [net, bits, family] of nets) list.addSubnet(net, bits, family);
  return [kind, list] as const;
});

/** "a loopback", "a private", … for a refused address; undefined for a public one. IPv4-mapped IPv6 counts as its IPv4. */
function kindOf(address: string): string | undefined {
  const family = isIP(address) === 4 ? 'ipv4' : 'ipv6';
  return lists.find(([, list]) => list.check(address, family))?.[0];
}

export function allowPrivateFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.THREADCODER_COLLECT_ALLOW_PRIVATE === '1';
}

/** Throws collect.blocked_address unless every address `url`'s host resolves to is public. */
export async function checkPublicHost(
  url: URL,
  resolve: (host: string) => Promise<string[]> = resolveAll,
): Promise<void> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch (err) {
    throw new AppError(
      'collect.no_host',
      422,
      `The forum's host ${host} could not be found (${err instanceof Error ? err.message : String(err)}).`,
      { field: 'forumUrl' },
    );
  }
  for (const address of addresses) {
    const kind = kindOf(address);
    if (kind) {
      const what = address === host ? `${host} is ${kind} address` : `${host} resolves to ${address}, ${kind} address`;
      throw new AppError(
        'collect.blocked_address',
        422,
        `${what}: the collector fetches only public forums. Set THREADCODER_COLLECT_ALLOW_PRIVATE=1 where Threadcoder runs to allow it.`,
        { field: 'forumUrl' },
      );
    }
  }
}

async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
}
