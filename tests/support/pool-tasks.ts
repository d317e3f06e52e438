// Tasks for the task pool's tests, each showing one behaviour without a clock. The pool passes
// a SharedArrayBuffer as workerData.extra: slot 0 counts the `held` tasks that started, and a
// held task waits until the test sets its own slot (1, 2, …) to non-zero; slot 3 counts `counted`'s bytes.
import { resourceLimits, threadId, workerData } from 'node:worker_threads';
import type { Db } from '../../apps/api/src/db/open.ts';
import { AppError } from '../../apps/api/src/http/errors.ts';
import type { Registry } from '../../apps/api/src/workers/task-pool.ts';

const gate = () => new Int32Array(workerData.extra as SharedArrayBuffer);
/** What `retain` keeps alive in its worker. */
const kept: number[][] = [];

export const tasks = {
  /** What the worker's own connection reads. */
  studyNames: { run: (db: Db) => db.prepare('SELECT name FROM studies ORDER BY id').pluck().all() as string[] },
  /** Counts itself started, then waits until slot `slot` of the gate opens. */
  held: {
    run: (_db: Db, tag: string, slot: number) => {
      const g = gate();
      Atomics.add(g, 0, 1);
      Atomics.notify(g, 0);
      Atomics.wait(g, slot, 0);
      return tag;
    },
  },
  refused: {
    run: () => {
      throw new AppError('test.refused', 409, 'Refused on purpose.', { field: 'tag' });
    },
  },
  /** A write on the read-only connection. */
  rename: { run: (db: Db) => db.prepare("UPDATE studies SET name = 'renamed'").run().changes },
  /** Ends the worker thread (process.exit in a worker ends the thread only). */
  crash: { run: () => process.exit(3) },
  /** `n` chunks of one byte each: 0, 1, … n-1. */
  bytes: {
    stream: (_db: Db, emit: (chunk: Uint8Array) => void, n: number) => {
      for (let i = 0; i < n; i++) emit(Uint8Array.of(i));
    },
  },
  /** `n` chunks of `size` bytes, chunk i filled with i % 256; slot 3 of the gate counts the bytes emitted so far. */
  counted: {
    stream: (_db: Db, emit: (chunk: Uint8Array) => void, n: number, size: number) => {
      const g = gate();
      for (let i = 0; i < n; i++) {
        Atomics.add(g, 3, size); // counted before it is handed over, so the count is never behind
        emit(new Uint8Array(size).fill(i % 256));
      }
    },
  },
  /** Its connection's page cache (PRAGMA cache_size: negative in KiB). */
  cacheSize: { run: (db: Db) => db.pragma('cache_size', { simple: true }) as number },
  /** Which worker thread ran it. */
  thread: { run: () => threadId },
  /** The V8 heap limits its worker was started with. */
  limits: { run: () => resourceLimits },
  /** Keeps about `mb` MB alive in its worker's heap after it ends (doubles, 8 bytes each); answers its thread. */
  retain: {
    run: (_db: Db, mb: number) => {
      kept.push(new Array<number>((mb * 2 ** 20) / 8).fill(0.5));
      return threadId;
    },
  },
  /** Fails before writing anything. */
  noStream: {
    stream: () => {
      throw new AppError('test.nothing', 404, 'Nothing to stream.');
    },
  },
} satisfies Registry;

export const tasksUrl = import.meta.url;
