// The forum address is typed by a person and the server fetches it: without a guard, anyone who
// may collect could make the server read its own admin ports, the cloud metadata service
// (169.254.169.254) or the intranet. Only public unicast addresses are allowed, as ipaddr.js
// classifies them (its range() knows loopback, private, link-local, carrier-grade NAT,
// multicast, broadcast, reserved, benchmarking, NAT64, 6to4, Teredo, IPv4-mapped …).
// The check runs where the connection is made (guardedLookup, the HTTP client's `lookup`), on
// the very addresses the socket then connects to, for every connection: a name that resolves to
// a public address once and to 127.0.0.1 the next time (DNS rebinding) is refused at connect.
// THREADCODER_COLLECT_ALLOW_PRIVATE=1 lifts this (a forum on the intranet, the tests' local replay).
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { AppError } from '../http/errors.ts';

/** All addresses a host name resolves to. */
export type Resolver = (host: string) => Promise<string[]>;

// How each refused range of ipaddr.js is named in a message ("… is a loopback address").
const rangeNames: Record<string, string> = {
  unspecified: 'an unspecified',
  loopback: 'a loopback',
  private: 'a private',
  uniqueLocal: 'a private',
  linkLocal: 'a link-local',
  carrierGradeNat: 'a carrier-grade NAT',
  multicast: 'a multicast',
  broadcast: 'a broadcast',
  reserved: 'a reserved',
  ipv4Mapped: 'an IPv4-mapped',
  rfc6052: 'a NAT64',
  '6to4': 'a 6to4',
  teredo: 'a Teredo',
};

// Global unicast IPv6 is 2000::/3; ipaddr.js calls anything it has no range for "unicast",
// including the deprecated IPv4-compatible ::/96 (::7f00:1 is 127.0.0.1 to some stacks).
const globalUnicast6 = ipaddr.parseCIDR('2000::/3');
const ipv4Compatible = ipaddr.parseCIDR('::/96');

/** Why an address is refused ("a loopback", "a reserved", …), or undefined for a public unicast one. */
export function refusedKind(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'an invalid';
  const parsed = ipaddr.parse(address);
  const range = parsed.range();
  if (range !== 'unicast') return rangeNames[range] ?? `a special-purpose (${range})`;
  if (parsed.kind() === 'ipv6' && !parsed.match(globalUnicast6))
    return parsed.match(ipv4Compatible) ? 'an IPv4-compatible' : 'an unallocated';
  return undefined;
}

export function allowPrivateFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.THREADCODER_COLLECT_ALLOW_PRIVATE === '1';
}

const blocked = (host: string, address: string, kind: string) =>
  new AppError(
    'collect.blocked_address',
    422,
    `${address === host ? `${host} is ${kind} address` : `${host} resolves to ${address}, ${kind} address`}: the collector fetches only public forums. Set THREADCODER_COLLECT_ALLOW_PRIVATE=1 where Threadcoder runs to allow it.`,
    { field: 'forumUrl' },
  );

const noHost = (host: string, err: unknown) =>
  new AppError(
    'collect.no_host',
    422,
    `The forum's host ${host} could not be found (${err instanceof Error ? err.message : String(err)}).`,
    { field: 'forumUrl' },
  );

/** The addresses of `host` (itself if it is an IP address), each checked unless private ones are allowed. */
async function checkedAddresses(host: string, resolve: Resolver, allowPrivate: boolean): Promise<string[]> {
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch (err) {
    throw noHost(host, err);
  }
  if (addresses.length === 0) throw noHost(host, new Error('no addresses'));
  if (!allowPrivate)
    for (const address of addresses) {
      const kind = refusedKind(address);
      if (kind) throw blocked(host, address, kind);
    }
  return addresses;
}

/** Throws collect.blocked_address unless every address `url`'s host resolves to is public (a clear error before any request). */
export async function checkPublicHost(url: URL, resolve: Resolver = resolveAll): Promise<void> {
  await checkedAddresses(url.hostname.replace(/^\[|\]$/g, ''), resolve, false);
}

/**
 * A `lookup` for the HTTP client's sockets: resolves the name with `resolve`, refuses the
 * connection (collect.blocked_address) if any address is not public, and hands the socket only
 * the addresses it checked. Called for every new connection, so no earlier answer is trusted.
 */
export function guardedLookup(resolve: Resolver = resolveAll, allowPrivate = false): LookupFunction {
  return (hostname: string, options: LookupOptions, callback) => {
    checkedAddresses(hostname, resolve, allowPrivate).then(
      (addresses) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : undefined;
        const found: LookupAddress[] = addresses
          .map((address) => ({ address, family: isIP(address) }))
          .filter((a) => wanted === undefined || a.family === wanted);
        if (found.length === 0) return callback(noHost(hostname, new Error(`no IPv${wanted} address`)), '');
        if (options.all) callback(null, found);
        else callback(null, found[0]!.address, found[0]!.family);
      },
      (err: Error) => callback(err, ''),
    );
  };
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses.map((a) => a.address)),
    ),
  );
}
