// The one-time code that first-run setup asks for: the server prints it on its console while
// no administrator exists, so only whoever can read that console (the operator) becomes
// administrator, not the first visitor of a reachable server.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

// No 0/O or 1/I/L: the code is read off a terminal and typed.
const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Twelve characters in groups of four, e.g. "7KQ2-M9XD-4TRW" (about 59 bits). */
export function newSetupCode(): string {
  const chars = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]!);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

const digest = (s: string) => createHash('sha256').update(s.trim().toUpperCase()).digest();

/** Compares in constant time, ignoring case and surrounding spaces. */
export function setupCodeMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
