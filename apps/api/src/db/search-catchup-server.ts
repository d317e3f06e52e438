import { Worker } from 'node:worker_threads';

/**
 * Runs search-index catch-up (search-catchup.ts) on a worker thread for the server's whole
 * life: at start it resumes whatever a crash or a CLI import left, later it picks up each big
 * import's backlog within `pollMs`. Batches are short write transactions with pauses between,
 * so the API's own writes are never starved.
 */
export function startSearchCatchUp(dbPath: string, pollMs = 1000): { stop: () => Promise<void> } {
  if (dbPath === ':memory:') return { stop: async () => {} };
  const worker = new Worker(new URL('./search-catchup-worker.mjs', import.meta.url), { workerData: { dbPath, pollMs } });
  worker.unref();
  worker.on('error', (err) => console.error(JSON.stringify({ at: new Date().toISOString(), level: 'error', error: `search catch-up: ${err.stack ?? err}` })));
  return {
    stop: () =>
      new Promise<void>((done) => {
        worker.once('exit', () => done());
        worker.postMessage('stop');
      }),
  };
}
