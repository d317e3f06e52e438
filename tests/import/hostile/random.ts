// The same seed gives the same hostile files on every run (mulberry32 from @threadcoder/stats).
import { mulberry32 } from '@threadcoder/stats';

export class Random {
  /** A float in [0, 1). */
  readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** An integer in [min, max). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min));
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length)]!;
  }

  /** `count` distinct integers in [min, max), sorted. */
  distinct(count: number, min: number, max: number): number[] {
    const out = new Set<number>();
    while (out.size < Math.min(count, max - min)) out.add(this.int(min, max));
    return [...out].sort((a, b) => a - b);
  }
}
