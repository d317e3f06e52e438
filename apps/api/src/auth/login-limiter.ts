/**
 * Counts login attempts per key in a sliding window, in memory: enough for one process; a
 * restart forgets, which only helps a patient attacker a little.
 *
 * An attempt is taken BEFORE the slow password check, so concurrent tries cannot all slip
 * through while the first ones are still hashing; a successful login gives its attempt back.
 * The map is bounded: past `maxKeys` expired keys are swept, then the least recently tried
 * keys are forgotten, so a flood of new keys cannot grow the process without end.
 */
export class LoginLimiter {
  private attempts = new Map<string, number[]>();

  constructor(
    private readonly maxAttempts: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.recent(key, now);
    if (recent.length < this.maxAttempts) return 0;
    return recent[0]! + this.windowMs - now;
  }

  /** Counts one attempt for `key`; call only once retryAfter(key) is 0. */
  take(key: string, now = Date.now()): void {
    const kept = this.recent(key, now);
    this.attempts.delete(key); // re-inserted last: the map's order is least recently tried first
    this.attempts.set(key, [...kept, now]);
    if (this.attempts.size > this.maxKeys) this.evict(now);
  }

  /** Gives back the attempts of `key` (a successful login). */
  succeed(key: string): void {
    this.attempts.delete(key);
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.attempts.size;
  }

  private recent(key: string, now: number): number[] {
    return (this.attempts.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private evict(now: number): void {
    for (const [key, times] of this.attempts)
      if (times.every((t) => t <= now - this.windowMs)) this.attempts.delete(key);
    for (const key of this.attempts.keys()) {
      if (this.attempts.size <= this.maxKeys) break;
      this.attempts.delete(key);
    }
  }
}
