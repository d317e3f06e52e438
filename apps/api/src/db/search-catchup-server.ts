import { Worker } from 'node:worker_threads';

export interface SearchCatchUpOptions {
  /** How often an idle worker looks for listed rows. */
  pollMs?: number;
  /** Wait before restarting a worker that died; doubles on each death in a row, up to 60 s. */
  restartMs?: number;
  /** stop() terminates a worker that has not exited this long after being asked to. */
  stopTimeoutMs?: number;
}

const log = (error: string) => console.error(JSON.stringify({ at: new Date().toISOString(), level: 'error', error }));

/**
 * Runs search-index catch-up (search-catchup.ts) on a worker thread for the server's whole
 * life: at start it resumes whatever a crash or a CLI import left, later it picks up each big
 * import's backlog within `pollMs`. Batches are short write transactions with pauses between,
 * so the API's own writes are never starved. A worker that dies (a native crash, out of
 * memory) is restarted after a pause, so the backlog is never left for good.
 */
export function startSearchCatchUp(dbPath: string, o: SearchCatchUpOptions = {}): { stop: () => Promise<void> } {
  if (dbPath === ':memory:') return { stop: async () => {} };
  const firstRestartMs = o.restartMs ?? 1000;
  let restartMs = firstRestartMs;
  let stopping = false;
  let worker: Worker | undefined;
  let restart: NodeJS.Timeout | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = () => {
    const w = new Worker(new URL('./search-catchup-worker.mjs', import.meta.url), {
      workerData: { dbPath, pollMs: o.pollMs ?? 1000 },
    });
    w.unref();
    worker = w;
    w.on('error', (err) => log(`search catch-up: ${err.stack ?? err}`));
    // A worker that reached the end of its first batch loop is healthy: the next death starts the backoff afresh.
    w.once('message', () => (restartMs = firstRestartMs));
    exited = new Promise((done) =>
      w.once('exit', (code) => {
        worker = undefined;
        done();
        if (stopping) return;
        log(`search catch-up: the worker exited (code ${code}); restarting it in ${restartMs} ms`);
        restart = setTimeout(start, restartMs);
        restart.unref();
        restartMs = Math.min(restartMs * 2, 60_000);
      }),
    );
  };
  start();

  return {
    stop: async () => {
      stopping = true;
      clearTimeout(restart);
      const w = worker;
      if (!w) return;
      w.postMessage('stop');
      const timeout = setTimeout(() => {
        log('search catch-up: the worker did not stop in time; terminating it');
        void w.terminate();
      }, o.stopTimeoutMs ?? 10_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
