// Generated benchmark data is the same on every run: mulberry32 from @threadcoder/stats.
import { mulberry32 } from '@threadcoder/stats';

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Skewed pick: low indexes much likelier, like word frequencies in prose. */
  zipf<T>(items: readonly T[]): T;
}

export function rng(seed: number): Rng {
  const next = mulberry32(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    zipf: (items) => items[Math.floor(items.length * next() ** 3)]!,
  };
}
