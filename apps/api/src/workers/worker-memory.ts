// How the task pool's workers keep the server's memory down (issue #20: peak RSS while coders
// save and an owner exports, `npm run bench -- save-under-load`). Each worker is a V8 heap of
// its own, and V8 keeps the heap a task grew rather than give it back.
import type { PoolOptions, Registry } from './task-pool.ts';

export const WORKER_MEMORY = {
  // V8's default young generation grows to 3 × 16 MB under an export's allocation rate; at 12 MB
  // a .qdpx of 10,000 units leaves the worker's heap at about 46 MB instead of 72-110 MB, for the
  // same CPU time.
  resourceLimits: { maxYoungGenerationSizeMb: 12 },
  // A worker whose heap is still above this after a task (a bigger study's export) is replaced:
  // a stopped worker returns its whole heap, and a fresh one starts in about 0.9 s of CPU.
  recycleAboveBytes: 64 * 2 ** 20,
} satisfies Pick<PoolOptions<Registry>, 'resourceLimits' | 'recycleAboveBytes'>;
