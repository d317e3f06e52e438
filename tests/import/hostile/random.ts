// A small seeded generator (mulberry32): the same seed gives the same hostile files on every run.
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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
