// Heavy, rare work off the request thread. better-sqlite3 is synchronous, so an export or a
// report computed on the request thread makes every coder's save wait for it. A pool runs such
// tasks on at most `size` worker threads with their own connections to the same database file
// (WAL lets them read while the request thread writes); further tasks wait in order. A task is
// a function of a registry module (tasks.ts): its name and arguments cross to the worker, its
// result (or, for a stream task, its chunks) comes back. A task stops when its request's signal
// aborts (the client went away) or it runs past the timeout (a stream task: makes no progress
// for that long): the worker is terminated and a fresh one started for the next task. A worker
// that dies fails its task with an error the route answers as a 500 envelope, and the pool
// carries on with a new worker.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { Db } from '../db/open.ts';
import { AppError } from '../http/errors.ts';
import { fromWire, type WireError } from './task-errors.ts';

// biome-ignore lint/suspicious/noExplicitAny: a registry holds functions of any arguments
type AnyArgs = any[];
interface CallTask {
  run: (db: Db, ...args: AnyArgs) => unknown;
  /** The task keeps derived tables current (post_stems, analysis_facts): it gets a writable connection. */
  cacheWrites?: boolean;
}
interface StreamTask {
  stream: (db: Db, emit: (chunk: Uint8Array) => void, ...args: AnyArgs) => void;
  cacheWrites?: boolean;
}
export type Registry = Record<string, CallTask | StreamTask>;

type Names<R, T> = { [K in keyof R]: R[K] extends T ? K : never }[keyof R] & string;
type CallArgs<T> = T extends { run: (db: never, ...args: infer A) => unknown } ? A : never;
type StreamArgs<T> = T extends { stream: (db: never, emit: never, ...args: infer A) => void } ? A : never;
type Result<T> = T extends CallTask ? ReturnType<T['run']> : never;

interface TaskOptions {
  /** Aborts the task: the request's signal, which the server aborts when the client disconnects. */
  signal?: AbortSignal | undefined;
}

export interface TaskPool<R extends Registry> {
  run<N extends Names<R, CallTask>>(name: N, args: CallArgs<R[N]>, o?: TaskOptions): Promise<Result<R[N]>>;
  /** Resolves with the stream once the task's first chunk arrives; a failure before that rejects like run(). */
  stream<N extends Names<R, StreamTask>>(
    name: N,
    args: StreamArgs<R[N]>,
    o?: TaskOptions,
  ): Promise<ReadableStream<Uint8Array>>;
  close(): Promise<void>;
}

export interface PoolOptions<R extends Registry> {
  /** The registry itself (to run tasks on the calling thread) and its module's import.meta.url (for the workers). */
  registry: R;
  registryUrl: string;
  /** The request thread's connection: its file is what the workers open; with size 0 tasks run on it. */
  db: Db;
  /** Worker threads at most; 0 runs every task on the calling thread (a database in memory always does). */
  size: number;
  timeoutMs: number;
  /** Tasks waiting for a worker beyond this are refused with 503. */
  maxQueue?: number;
  /** A stream task's bytes its reader has not taken, at most (default 1 MB): beyond, the task waits for the reader. */
  maxQueuedBytes?: number;
  /** Passed to every worker as workerData.extra (tests share a SharedArrayBuffer this way). */
  extra?: unknown;
  /** Each worker's V8 heap limits (a small young generation makes its scavenges collect sooner). */
  resourceLimits?: ResourceLimits;
  /**
   * A worker whose V8 heap takes more than this many bytes after a task is replaced by a fresh one:
   * V8 keeps the heap a big task grew (and grows it further over back-to-back tasks) rather than
   * give it back, while a stopped worker returns all of it. Default: never.
   */
  recycleAboveBytes?: number;
}

interface Job {
  name: string;
  args: unknown[];
  onChunk?: (chunk: Uint8Array) => void;
  /** A stream task's bytes posted by its worker and not yet taken by its reader (shared with the worker). */
  queued?: Int32Array;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  signal?: AbortSignal | undefined;
  slot?: Slot;
  timer?: NodeJS.Timeout;
  /** A stream task's progress (a chunk made or taken): its clock starts again. */
  progress?: () => void;
  settled?: boolean;
  abort?: () => void;
}
interface Slot {
  worker: Worker;
  /** Loaded (tsx, the registry): a task's clock starts then, not while the worker starts. */
  ready: boolean;
  job?: Job;
}
/** A finished task's message carries the worker's V8 heap size (`heap`, bytes) after it. */
type Message =
  | { ready: true }
  | { chunk: Uint8Array }
  | { done: true; result?: unknown; heap: number }
  | { error: WireError; heap: number };

// A path, not a URL object: under jsdom (the web tests) URL is jsdom's, which Worker refuses.
const workerFile = join(dirname(fileURLToPath(import.meta.url)), 'task-worker.mjs');

const cancelled = () => new AppError('task.cancelled', 503, 'The request was cancelled before its work finished.');

export function createTaskPool<R extends Registry>(o: PoolOptions<R>): TaskPool<R> {
  if (o.size <= 0 || o.db.memory) return inlinePool(o.registry, o.db);
  const maxQueue = o.maxQueue ?? 64;
  const maxQueuedBytes = o.maxQueuedBytes ?? 1 << 20;
  const recycleAboveBytes = o.recycleAboveBytes ?? Number.POSITIVE_INFINITY;
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let closed = false;

  const finish = (job: Job, err: Error | null, value?: unknown) => {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.timer);
    if (job.abort) job.signal?.removeEventListener('abort', job.abort);
    if (err) job.reject(err);
    else job.resolve(value);
  };
  // A worker that died or was stopped leaves the pool; its task (if any) fails with `err`.
  const drop = (slot: Slot, err: Error) => {
    const at = slots.indexOf(slot);
    if (at === -1) return;
    slots.splice(at, 1);
    if (slot.job) finish(slot.job, err);
    slot.job = undefined;
    pump();
  };
  const stop = (slot: Slot, err: Error) => {
    drop(slot, err);
    void slot.worker.terminate();
  };
  // An idle worker leaves the pool quietly; the next task starts a fresh one.
  const retire = (slot: Slot) => {
    slots.splice(slots.indexOf(slot), 1);
    void slot.worker.terminate();
  };
  const spawn = (): Slot => {
    const worker = new Worker(workerFile, {
      workerData: { dbPath: o.db.name, registry: o.registryUrl, extra: o.extra },
      resourceLimits: o.resourceLimits,
    });
    worker.unref(); // an idle pool never keeps the process alive
    const slot: Slot = { worker, ready: false };
    worker.on('message', (m: Message) => {
      const job = slot.job;
      if ('ready' in m) {
        slot.ready = true;
        if (job) startClock(slot, job);
        return;
      }
      if (!job) return;
      if ('chunk' in m) {
        job.progress?.();
        return job.onChunk?.(m.chunk);
      }
      slot.job = undefined;
      if ('error' in m) finish(job, fromWire(m.error, job.name));
      else finish(job, null, m.result);
      if (m.heap > recycleAboveBytes) retire(slot);
      pump();
    });
    const died = (why: string) =>
      drop(slot, new Error(`The worker running task "${slot.job?.name ?? '(none)'}" stopped: ${why}.`));
    worker.on('error', (err) => died(err.stack ?? String(err)));
    worker.on('exit', (code) => died(`exit code ${code}`));
    slots.push(slot);
    return slot;
  };
  const pump = () => {
    while (queue.length && !closed) {
      const slot = slots.find((s) => !s.job) ?? (slots.length < o.size ? spawn() : undefined);
      if (!slot) return;
      const job = queue.shift()!;
      slot.job = job;
      job.slot = slot;
      if (slot.ready) startClock(slot, job);
      slot.worker.postMessage({ name: job.name, args: job.args, queuedBytes: job.queued?.buffer, maxQueuedBytes });
    }
  };
  // A task's clock: a call must finish within the timeout; a stream task must make progress within
  // it (a chunk made by its worker or taken by its reader), so a slow download that keeps reading
  // finishes however long it takes, and one that stops reading is stopped.
  const startClock = (slot: Slot, job: Job) => {
    const seconds = o.timeoutMs / 1000;
    const what = job.queued ? `This made no progress for ${seconds} s` : `This took longer than ${seconds} s`;
    const timeout = new AppError(
      'task.timeout',
      503,
      `${what} and was stopped. Try a narrower request, or ask the operator to raise THREADCODER_WORKER_TIMEOUT_S.`,
    );
    const arm = () => {
      if (job.settled) return; // a reader taking the last chunks after the task ended
      clearTimeout(job.timer);
      job.timer = setTimeout(() => stop(slot, timeout), o.timeoutMs);
    };
    arm();
    if (job.queued) job.progress = arm;
  };
  const enqueue = (job: Job) => {
    if (closed) return job.reject(new Error('The task pool is closed.'));
    if (job.signal?.aborted) return job.reject(cancelled());
    if (queue.length >= maxQueue)
      return job.reject(
        new AppError('task.busy', 503, 'The server is busy with other long tasks. Try again in a minute.'),
      );
    job.abort = () => {
      const waiting = queue.indexOf(job);
      if (waiting !== -1) {
        queue.splice(waiting, 1);
        finish(job, cancelled());
      } else if (job.slot?.job === job) stop(job.slot, cancelled());
    };
    job.signal?.addEventListener('abort', job.abort, { once: true });
    queue.push(job);
    pump();
  };

  return {
    run: (name, args, opts = {}) =>
      new Promise((resolve, reject) =>
        enqueue({ name, args, signal: opts.signal, resolve: resolve as (v: unknown) => void, reject }),
      ),
    stream: (name, args, opts = {}) => {
      const queued = new Int32Array(new SharedArrayBuffer(4));
      return streamOf(queued, (callbacks) => {
        const job: Job = { ...callbacks, name, args, signal: opts.signal, queued };
        enqueue(job);
        return job;
      });
    },
    async close() {
      closed = true;
      const shutDown = new Error('The server is shutting down.');
      for (const job of queue.splice(0)) finish(job, shutDown);
      const stopping = slots.splice(0);
      for (const slot of stopping) if (slot.job) finish(slot.job, shutDown);
      await Promise.all(stopping.map((slot) => slot.worker.terminate()));
    },
  };
}

/**
 * A stream over a stream task's chunks, resolved at the first chunk (or at the end of a task
 * that wrote nothing). A chunk counts as queued until the reader takes it: the worker waits while
 * more than maxQueuedBytes are, so a slow download holds that much, not the file (highWaterMark 0:
 * nothing is taken before it is read). A client that goes away mid-download aborts the request's
 * signal, and a reader that cancels the stream aborts the task too; a task that fails after its
 * first chunk (or a reader that stops reading past the timeout) ends the stream with its error.
 */
function streamOf(
  queued: Int32Array,
  start: (job: Pick<Job, 'onChunk' | 'resolve' | 'reject'>) => Job,
): Promise<ReadableStream<Uint8Array>> {
  return new Promise((resolveStream, rejectStream) => {
    let started = false;
    let ended = false;
    let failed = false;
    const arrived: Uint8Array[] = [];
    let wake: (() => void) | undefined; // a read waiting for the next chunk
    let job: Job | undefined;
    const begin = () => {
      if (!started) resolveStream(body);
      started = true;
    };
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          job = start({
            onChunk: (chunk) => {
              arrived.push(chunk);
              begin();
              wake?.();
            },
            resolve: () => {
              ended = true;
              begin();
              wake?.();
            },
            reject: (err) => {
              failed = true;
              wake?.();
              if (started) controller.error(err);
              else rejectStream(err);
            },
          });
        },
        async pull(controller) {
          while (arrived.length === 0 && !ended && !failed) await new Promise<void>((r) => (wake = r));
          wake = undefined;
          if (failed) return;
          const chunk = arrived.shift();
          if (!chunk) return controller.close();
          Atomics.sub(queued, 0, chunk.byteLength);
          Atomics.notify(queued, 0);
          job?.progress?.();
          controller.enqueue(chunk);
        },
        cancel() {
          job?.abort?.();
        },
      },
      { highWaterMark: 0 },
    );
  });
}

/** Runs tasks on the calling thread, one after another: size 0, or a database in memory no worker can open. */
function inlinePool<R extends Registry>(registry: R, db: Db): TaskPool<R> {
  const call = (name: string, args: unknown[]) => {
    const task = registry[name]!;
    return 'run' in task ? task.run(db, ...args) : undefined;
  };
  return {
    run: async (name, args) => call(name, args) as never,
    stream: async (name, args) => {
      const task = registry[name] as StreamTask;
      const chunks: Uint8Array[] = [];
      task.stream(db, (chunk) => chunks.push(chunk.slice()), ...args);
      return new ReadableStream({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      });
    },
    close: async () => {},
  };
}
