// Fisher–Yates from the front over the positions 0..n-1 without making the array: only the
// positions a swap moved are kept, so k picks cost k steps and k entries whatever n is. It uses the
// random numbers exactly as pickRandom does, so pickRandom(items, k, r) is
// pickRanks(items.length, k, r).map((i) => items[i]).
import type { Random } from './prng.ts';

/** k distinct positions out of n (all n when k ≥ n), uniformly at random, in drawn order. */
export function pickRanks(n: number, k: number, random: Random): number[] {
  const take = Math.min(k, n);
  // moved.get(p): the position now at p, where a swap put one (else p itself).
  const moved = new Map<number, number>();
  const picked: number[] = [];
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (n - i));
    picked.push(moved.get(j) ?? j);
    // Position i is never read again (later swaps start past it); j takes what stood at i.
    moved.set(j, moved.get(i) ?? i);
  }
  return picked;
}
