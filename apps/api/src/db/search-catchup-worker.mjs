// Worker thread body for search-catchup-server.ts: its own connection; indexes listed rows
// (db/search-catchup.ts) whenever there are some, checking again every `pollMs` when idle,
// so a backlog left by an import, a crash or the CLI is caught up without anyone asking; then
// stems the posts listed for stemming (db/post-stems.ts), so mention counts find them done, and
// tokenizes the coded units listed (db/unit-terms-catchup.ts), so distinctive terms find them done.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { openDb } = await import('./open.ts');
const { catchUpSearchIndex } = await import('./search-catchup.ts');
const { catchUpStems } = await import('./post-stems.ts');
const { catchUpUnitTerms } = await import('./unit-terms-catchup.ts');
const { smallPageCache } = await import('./worker-cache.ts');

const db = openDb(workerData.dbPath);
smallPageCache(db);
let stopped = false;
let wake;
parentPort.on('message', () => {
  stopped = true;
  wake?.();
});
let healthy = false;
while (!stopped) {
  try {
    await catchUpSearchIndex(db, { stopped: () => stopped });
    await catchUpStems(db, { stopped: () => stopped });
    await catchUpUnitTerms(db, { stopped: () => stopped });
    // Tells search-catchup-server.ts this worker works, so a later death restarts it without a long backoff.
    if (!healthy) parentPort.postMessage('healthy');
    healthy = true;
  } catch (err) {
    // SQLITE_BUSY: a writer (a big import's phase 2) held the lock past the busy timeout; try again
    // at the next poll. Anything else is logged, and also retried.
    if (err?.code !== 'SQLITE_BUSY')
      console.error(
        JSON.stringify({
          at: new Date().toISOString(),
          level: 'error',
          error: `search catch-up: ${err?.stack ?? err}`,
        }),
      );
  }
  await new Promise((done) => {
    wake = done;
    setTimeout(done, workerData.pollMs);
  });
}
db.close();
parentPort.close();
