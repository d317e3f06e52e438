// Counting every thread a common word matches costs as much as finding them all (at 500,000
// posts, most of a search's time), while a person reading a list needs its first page and a
// count that is honest, not exact past a point. Lists and previews count up to a cap and say
// "at least"; what is recorded (a saved selection rule, the sampling population) stays exact.
import type { Db } from './open.ts';
import { prepared } from './prepared.ts';

/**
 * Threads counted before a count says "at least": past it a person learns only that the search
 * is broad. Reading 10,000 matching threads of a common word takes ~12 ms CPU at 500,000 posts
 * (all 50,000: ~170 ms); config.threadCountCap overrides it (the tests use small caps).
 */
export const THREAD_COUNT_CAP = 10_000;

/** `count` is exact unless `isAtLeast`: then there are more than `count` (the cap). */
export interface CappedCount {
  count: number;
  isAtLeast: boolean;
}

/** Counts the rows `sql` selects, reading at most cap + 1 of them. */
export function cappedCount(db: Db, sql: string, params: Record<string, unknown>, cap: number): CappedCount {
  const n = prepared(db, `SELECT count(*) FROM (${sql} LIMIT @countLimit)`)
    .pluck()
    .get({ ...params, countLimit: cap + 1 }) as number;
  return n > cap ? { count: cap, isAtLeast: true } : { count: n, isAtLeast: false };
}
