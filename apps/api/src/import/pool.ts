// Sanitizing is most of an import's CPU time, so it can run on worker threads while the
// main thread parses and stages. A batch goes to a worker with fewer than QUEUE batches
// waiting; when every worker's queue is full the calling thread sanitizes it itself, so one
// worker plus the main thread keep two cores busy without the memory of a second worker
// (each carries its own V8 heap and loader). The queue lets a worker start its next batch
// at once instead of idling until the main thread is free to hand one over: with a queue of
// one, the worker idled a fifth of the time and a 100k-post import took 12 s in phase 1,
// with three it takes 7.5 s. Callers await results in their own order (pipeline.ts keeps
// the file order).
import { Worker } from 'node:worker_threads';
import { createSanitizer, type SanitizedPost } from './sanitize.ts';

const QUEUE = 3;

export interface SanitizePool {
  sanitize(htmls: string[]): Promise<SanitizedPost[]>;
  close(): Promise<void>;
}

/** Sanitizes on the calling thread: for small files, where starting workers costs more than it saves. */
export function inlinePool(baseUrl?: string): SanitizePool {
  const sanitize = createSanitizer(baseUrl);
  return { sanitize: async (htmls) => htmls.map(sanitize), close: async () => {} };
}

interface Pending {
  resolve: (posts: SanitizedPost[]) => void;
  reject: (err: Error) => void;
}

export function workerPool(size: number, baseUrl?: string): SanitizePool {
  const inline = createSanitizer(baseUrl);
  const url = new URL('./sanitize-worker.mjs', import.meta.url);
  // A small heap keeps a worker's RSS down: its garbage is short-lived, so frequent GCs are cheap.
  const resourceLimits = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };
  const workers = Array.from({ length: size }, () => ({
    worker: new Worker(url, { workerData: { baseUrl }, resourceLimits }),
    pending: new Map<number, Pending>(),
  }));
  let nextId = 0;
  let failure: Error | undefined;
  for (const w of workers) {
    w.worker.on('message', ({ id, posts }: { id: number; posts: SanitizedPost[] }) => {
      const job = w.pending.get(id);
      w.pending.delete(id);
      job?.resolve(posts);
    });
    const fail = (err: Error) => {
      failure ??= err;
      for (const job of w.pending.values()) job.reject(err);
      w.pending.clear();
    };
    w.worker.on('error', fail);
    w.worker.on('exit', (code) => code !== 0 && fail(new Error(`A sanitize worker stopped with exit code ${code}.`)));
  }
  return {
    sanitize(htmls) {
      if (failure) return Promise.reject(failure);
      const w = workers.find((x) => x.pending.size < QUEUE);
      if (!w) return Promise.resolve(htmls.map(inline));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        w.pending.set(id, { resolve, reject });
        w.worker.postMessage({ id, htmls });
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
