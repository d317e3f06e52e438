// Shared setup of the collector tests: a fresh database, a virtual clock, one call to collect.
import { executeCollection, openCollection, type CollectDeps } from '../../apps/api/src/collect/collector.ts';
import { resolveOptions, type CollectRequest } from '../../apps/api/src/collect/options.ts';
import { openDb, type Db } from '../../apps/api/src/db/open.ts';
import { FakeClock } from './fake-clock.ts';

export function freshDb(): Db {
  return openDb(':memory:');
}

/**
 * Opens (or resumes) and runs a collection into source "forum"; retries wait no jitter (random 0); a generous timeout, as the machine may be busy.
 * The replay server is on 127.0.0.1, so private addresses are allowed unless a test says otherwise.
 */
export async function collect(db: Db, forumUrl: string, request: Partial<CollectRequest> = {}, deps: CollectDeps = {}) {
  const clock = deps.clock instanceof FakeClock ? deps.clock : new FakeClock();
  const { id, resumed } = openCollection(db, resolveOptions({ forumUrl, source: 'forum', ...request }));
  const record = await executeCollection(db, id, {
    clock,
    random: () => 0,
    timeoutMs: 10_000,
    allowPrivate: true,
    ...deps,
  });
  return { record, resumed, clock };
}

export function stored(db: Db): { threads: string[]; posts: number } {
  return {
    threads: db.prepare('SELECT external_id FROM threads ORDER BY external_id').pluck().all() as string[],
    posts: db.prepare('SELECT count(*) FROM posts').pluck().get() as number,
  };
}
