// A search sorted by date needs one page of the newest (or oldest) matching threads. Finding
// every match first and sorting them costs what counting them does: a common word matches most
// of 500,000 posts (~170 ms CPU). Walking the threads in date order and checking each for the
// terms stops after one page when matches are common (~10 ms), but costs ~100 µs for every thread
// that does not match; so the walk is tried only for a term that matches many posts, and gives
// up after some hundred threads (WalkLimits). A rare term's matches are few, and found in full quickly.
import type { Db } from './open.ts';
import { prepared } from './prepared.ts';

export interface WalkLimits {
  /** A first term matching fewer posts than this is cheaper to find in full (a few ms at most). */
  commonPosts: number;
  /** Threads checked in date order before the walk gives up: at most ~40 ms of checks. */
  threads: number;
}
// The tests pass small limits, so that a forum of a few threads walks and gives up.
const defaultLimits: WalkLimits = { commonPosts: 20_000, threads: 400 };

/** SQL true when full-text term @t<i> occurs in thread `t.id`: its title, or one of its posts (own or quoted words). */
function inThread(i: number, withQuotes: boolean): string {
  const inPost = (fts: string) => `EXISTS (SELECT 1 FROM ${fts} WHERE ${fts} MATCH @t${i} AND ${fts}.rowid = p.id)`;
  const posts = withQuotes ? `(${inPost('posts_fts')} OR ${inPost('posts_quoted_fts')})` : inPost('posts_fts');
  return `(EXISTS (SELECT 1 FROM threads_fts WHERE threads_fts MATCH @t${i} AND threads_fts.rowid = t.id)
    OR EXISTS (SELECT 1 FROM posts p INDEXED BY posts_thread_created WHERE p.thread_id = t.id AND ${posts}))`;
}

interface DateWalk {
  /** How many full-text terms the params hold (@t0, @t1, …); every one must occur in the thread. */
  terms: number;
  withQuotes: boolean;
  /** Conditions on `threads t` (the filters and the page's keyset) and the date order, as SQL. */
  where: string;
  order: string;
  params: Record<string, unknown>;
  /** Rows wanted: the page and one more, to tell whether there is a next page. */
  rows: number;
}

/**
 * The ids of the first `rows` matching threads in date order, found by walking the threads;
 * null when the walk is not worth it (a rare first term) or gave up, and the matches must be
 * found in full.
 */
export function walkByDate(db: Db, walk: DateWalk, limits = defaultLimits): number[] | null {
  const firstTermPosts = prepared(
    db,
    'SELECT count(*) FROM (SELECT 1 FROM posts_fts WHERE posts_fts MATCH @t0 LIMIT @common)',
  )
    .pluck()
    .get({ t0: walk.params.t0, common: limits.commonPosts }) as number;
  if (firstTermPosts < limits.commonPosts) return null;
  const checks = Array.from({ length: walk.terms }, (_, i) => inThread(i, walk.withQuotes)).join(' AND ');
  // MATERIALIZED: the candidates are listed (and sorted) first, cheaply; each one's check runs only
  // when the loop below steps to it, so the walk stops after the page.
  const stmt = prepared(
    db,
    `WITH c AS MATERIALIZED (SELECT t.id, t.created_at FROM threads t ${walk.where} ${walk.order} LIMIT @walk)
     SELECT t.id, ${checks} AS hit FROM c t`,
  );
  const found: number[] = [];
  let walked = 0;
  for (const row of stmt.iterate({ ...walk.params, walk: limits.threads }) as IterableIterator<{
    id: number;
    hit: number;
  }>) {
    walked++;
    if (row.hit && found.push(row.id) === walk.rows) return found;
  }
  return walked < limits.threads ? found : null;
}
