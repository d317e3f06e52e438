import { Worker } from 'node:worker_threads';

/**
 * Copies the WAL back into the database file from a worker thread, so the server's event loop
 * rarely pays for it. SQLite's automatic checkpoint (every 1000 WAL pages, in whichever commit
 * crosses the mark) stays on: it still restarts the WAL, but finds the pages already copied
 * and synced, so it costs a fraction of a millisecond instead of stalling every request queued
 * behind it for 5–70 ms (fsync of megabytes of WAL) on a busy disk. Server only; tests and the
 * CLI keep plain SQLite behaviour.
 */
export function startCheckpointer(dbPath: string, intervalMs = 100): { stop: () => Promise<void> } {
  if (dbPath === ':memory:') return { stop: async () => {} };
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { dbPath, intervalMs },
  });
  worker.unref();
  worker.on('error', (err) =>
    console.error(
      JSON.stringify({ at: new Date().toISOString(), level: 'error', error: `checkpointer: ${err.stack ?? err}` }),
    ),
  );
  return {
    stop: () =>
      new Promise<void>((done) => {
        worker.once('exit', () => done());
        // Referenced again while it stops: else, with the server closed, nothing keeps the event loop
        // alive and the process ends before the caller (the signal handler) closes the database.
        worker.ref();
        worker.postMessage('stop');
      }),
  };
}
