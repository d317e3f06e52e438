// A sample can be drawn again from its recorded seed: the seed string is hashed to 32 bits
// (FNV-1a), then mulberry32 generates the stream (@threadcoder/stats).
import { mulberry32 } from '@threadcoder/stats';

export { pickRandom } from '@threadcoder/stats';

export type Random = () => number;

function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Uniform numbers in [0, 1), the same sequence for the same seed on every platform. */
export function seededRandom(seed: string): Random {
  return mulberry32(hashSeed(seed));
}
