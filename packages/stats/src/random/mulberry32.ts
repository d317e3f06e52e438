// The small seeded generator for everything that must repeat from a recorded seed but is not a
// statistic's resampling (that one is xoshiro128**, prng.ts): sample draws, coder assignment,
// suggestion folds and training order, generated test and benchmark data.
// mulberry32 (Tommy Ettinger, 2017): 32 bits of state, full period 2^32. Not for cryptography.

/** Uniform numbers in [0, 1), the same sequence for the same 32-bit seed on every platform. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates from the front: the first k items of a uniformly shuffled copy (k = length: a shuffle). */
export function pickRandom<T>(items: readonly T[], k: number, random: () => number): T[] {
  const copy = [...items];
  const take = Math.min(k, copy.length);
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, take);
}

/** The indexes 0..n-1 in a seeded random order (the same shuffle as pickRandom). */
export function shuffledIndexes(n: number, random: () => number): number[] {
  return pickRandom(
    Array.from({ length: n }, (_, i) => i),
    n,
    random,
  );
}
