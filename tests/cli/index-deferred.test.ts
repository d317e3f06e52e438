// After an import the CLI stems the new posts (cli/index-deferred.ts) while a server may be saving
// codings on the same database: it must free the write lock between small batches, as the server's
// catch-up worker does, not stem everything in one run of back-to-back transactions.
import { afterEach, beforeEach, expect, test } from 'vitest';
import { indexDeferred } from '../../apps/api/src/cli/index-deferred.ts';
import { monthlyForum } from '../support/forum.ts';
import { makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
beforeEach(() => {
  t = makeTestApp();
});
afterEach(() => t.close());

const stale = () => t.db.prepare('SELECT count(*) FROM post_stems_stale').pluck().get() as number;

test('stems 600 listed posts in batches, with the event loop free between them', async () => {
  monthlyForum(t.db, 200, 3);
  expect(stale()).toBe(600);
  // Another task (a server's coding save) gets its turn between batches, not after them all.
  let staleWhenOthersRan = -1;
  setTimeout(() => {
    staleWhenOthersRan = stale();
  }, 0);
  await indexDeferred(t.db);
  expect(stale()).toBe(0);
  expect(staleWhenOthersRan).toBeGreaterThan(0);
  expect(staleWhenOthersRan).toBeLessThan(600);
});
