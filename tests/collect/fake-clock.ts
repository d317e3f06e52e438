// A virtual clock for the collector: sleeping advances time at once and is recorded, so
// rate limits, Retry-After and backoff are asserted exactly without waiting.
import type { Clock } from '../../apps/api/src/collect/clock.ts';

export class FakeClock implements Clock {
  t = Date.UTC(2024, 0, 1, 12, 0, 0);
  readonly sleeps: number[] = [];

  now(): number {
    return this.t;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
  }
}
