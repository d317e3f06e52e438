// The worker-thread task pool (apps/api/src/workers/task-pool.ts) with the tasks of
// tests/support/pool-tasks.ts: order is shown with a shared gate the tasks wait on, never a clock.
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { AppEnv } from '../../apps/api/src/http/env.ts';
import { AppError } from '../../apps/api/src/http/errors.ts';
import { onError } from '../../apps/api/src/http/on-error.ts';
import { WORKER_CACHE_KIB } from '../../apps/api/src/db/worker-cache.ts';
import { createTaskPool, type PoolOptions, type TaskPool } from '../../apps/api/src/workers/task-pool.ts';
import { tasks, tasksUrl } from '../support/pool-tasks.ts';
import { addStudy, addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let shared: SharedArrayBuffer;
let gate: Int32Array;
let pool: TaskPool<typeof tasks>;
const pools: TaskPool<typeof tasks>[] = [];

type NewPool = Pick<PoolOptions<typeof tasks>, 'size' | 'timeoutMs' | 'maxQueue' | 'maxQueuedBytes'> &
  Pick<PoolOptions<typeof tasks>, 'resourceLimits' | 'recycleAboveBytes'>;

function newPool(o: Partial<NewPool> = {}) {
  const p = createTaskPool({
    registry: tasks,
    registryUrl: tasksUrl,
    db: t.db,
    size: o.size ?? 1,
    timeoutMs: o.timeoutMs ?? 60_000,
    maxQueue: o.maxQueue,
    maxQueuedBytes: o.maxQueuedBytes,
    resourceLimits: o.resourceLimits,
    recycleAboveBytes: o.recycleAboveBytes,
    extra: shared,
  });
  pools.push(p);
  return p;
}

/** Resolves once `n` held tasks have started in the workers. */
async function started(n: number) {
  while (Atomics.load(gate, 0) < n) await new Promise((r) => setTimeout(r, 5));
}
const open = (slot: number) => {
  Atomics.store(gate, slot, 1);
  Atomics.notify(gate, slot);
};

/** Settles to what the promise did, so order and outcome can be asserted together. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    (value) => ({ value }),
    (err: Error) => ({ error: err instanceof AppError ? `${err.status} ${err.code}` : err.message }),
  );

beforeEach(async () => {
  t = makeTestApp();
  addStudy(t.db, (await addUser(t.db, 'owen')).id, [], 'Read by a worker');
  shared = new SharedArrayBuffer(4 * 8);
  gate = new Int32Array(shared);
  pool = newPool();
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
  t.close();
});

describe('task pool', () => {
  test('a task reads the database file on its own connection', async () => {
    expect(await pool.run('studyNames', [])).toEqual(['Read by a worker']);
  });

  test('the worker connection is read-only: a write fails as an error, and the pool goes on', async () => {
    const wrote = await outcome(pool.run('rename', []));
    expect(wrote).toEqual({
      error: expect.stringMatching(/^Task "rename" failed in its worker: attempt to write a readonly database/),
    });
    expect(await pool.run('studyNames', [])).toEqual(['Read by a worker']);
  });

  test('an AppError in the worker comes back as the same AppError', async () => {
    const err = await pool.run('refused', []).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({
      code: 'test.refused',
      status: 409,
      message: 'Refused on purpose.',
      where: { field: 'tag' },
    });
  });

  test('tasks beyond the workers wait in order', async () => {
    const order: string[] = [];
    const first = pool.run('held', ['first', 1]).then((v) => order.push(v));
    const second = pool.run('held', ['second', 2]).then((v) => order.push(v));
    await started(1);
    open(2); // the second may go as soon as it starts; it has not, while the only worker holds the first
    expect(Atomics.load(gate, 0)).toBe(1);
    open(1);
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
    expect(Atomics.load(gate, 0)).toBe(2);
  });

  test('two workers run two tasks at once', async () => {
    const two = newPool({ size: 2 });
    const a = two.run('held', ['a', 1]);
    const b = two.run('held', ['b', 1]);
    await started(2); // both started before either was let go
    open(1);
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
  });

  test('aborting a running task stops its worker; the next task gets a fresh one', async () => {
    const client = new AbortController();
    const running = outcome(pool.run('held', ['never', 1], { signal: client.signal }));
    await started(1);
    client.abort();
    expect(await running).toEqual({ error: '503 task.cancelled' });
    expect(await pool.run('studyNames', [])).toEqual(['Read by a worker']);
  });

  test('aborting a waiting task takes it out of the queue before it starts', async () => {
    const client = new AbortController();
    const first = pool.run('held', ['first', 1]);
    const waiting = outcome(pool.run('held', ['waiting', 2], { signal: client.signal }));
    await started(1);
    client.abort();
    expect(await waiting).toEqual({ error: '503 task.cancelled' });
    open(1);
    expect(await first).toBe('first');
    expect(await pool.run('studyNames', [])).toEqual(['Read by a worker']);
    expect(Atomics.load(gate, 0)).toBe(1); // the aborted one never started
  });

  test('a task past the timeout is stopped with 503 task.timeout', async () => {
    const short = newPool({ timeoutMs: 50 });
    expect(await outcome(short.run('held', ['never', 1]))).toEqual({ error: '503 task.timeout' });
    expect(Atomics.load(gate, 0)).toBe(1); // it had started: the clock starts once the worker is ready
  });

  test('a full queue refuses with 503 task.busy', async () => {
    const small = newPool({ maxQueue: 1 });
    const first = small.run('held', ['first', 1]);
    await started(1);
    const queued = small.run('held', ['queued', 1]);
    expect(await outcome(small.run('held', ['refused', 1]))).toEqual({ error: '503 task.busy' });
    open(1);
    expect(await Promise.all([first, queued])).toEqual(['first', 'queued']);
  });

  test('a worker that dies fails its task with a 500 envelope, and the pool recovers', async () => {
    const logs: Record<string, unknown>[] = [];
    const app = new Hono<AppEnv>()
      .onError(onError((line) => logs.push(line)))
      .get('/crash', async (c) => c.json(await pool.run('crash', [])));
    const res = await app.request('/crash');
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({
      error: { code: 'internal', message: 'Something went wrong on the server. It has been logged.' },
    });
    expect(String(logs[0]?.error)).toMatch(/The worker running task "crash" stopped: exit code 3/);
    expect(await pool.run('studyNames', [])).toEqual(['Read by a worker']);
  });

  test('a stream task streams its chunks in order', async () => {
    const body = await pool.stream('bytes', [5]);
    expect([...new Uint8Array(await new Response(body).arrayBuffer())]).toEqual([0, 1, 2, 3, 4]);
  });

  test('a stream task waits for a slow reader: what it runs ahead of the reader stays bounded', async () => {
    const limited = newPool({ maxQueuedBytes: 64 * 1024 });
    const chunks = 256;
    const size = 16 * 1024; // 4 MB in all
    const reader = (await limited.stream('counted', [chunks, size])).getReader();
    const bytes: Uint8Array[] = [];
    let read = 0;
    let ahead = 0;
    for (;;) {
      // A slow reader: the worker may run as far ahead as the pool lets it before each read.
      await new Promise((r) => setTimeout(r, 2));
      ahead = Math.max(ahead, Atomics.load(gate, 3) - read);
      const { done, value } = await reader.read();
      if (done) break;
      bytes.push(value);
      read += value.byteLength;
    }
    const all = Buffer.concat(bytes);
    expect(all.length).toBe(chunks * size);
    expect(Array.from({ length: chunks }, (_, i) => all[i * size + size - 1])).toEqual(
      Array.from({ length: chunks }, (_, i) => i % 256),
    );
    // 64 kB posted and not read, the 64 kB batch the worker is filling and the chunk it was handed.
    expect(ahead).toBeLessThanOrEqual(144 * 1024);
  });

  test('a reader that cancels the stream stops its task; the next task gets a fresh worker', async () => {
    const limited = newPool({ maxQueuedBytes: 64 * 1024 });
    const body = await limited.stream('counted', [1024, 16 * 1024]); // 16 MB: the task waits for the reader
    await body.cancel();
    expect(await limited.run('studyNames', [])).toEqual(['Read by a worker']);
  });

  test('a slow reader that keeps reading finishes, however far past the timeout: each chunk taken restarts the clock', async () => {
    const slow = newPool({ timeoutMs: 200, maxQueuedBytes: 64 * 1024 });
    const chunks = 128;
    const size = 16 * 1024; // 2 MB, taken 64 kB at a time: 32 reads
    const reader = (await slow.stream('counted', [chunks, size])).getReader();
    const bytes: Uint8Array[] = [];
    for (;;) {
      await new Promise((r) => setTimeout(r, 40)); // 32 pauses of 40 ms: far more than the 200 ms timeout in all
      const { done, value } = await reader.read();
      if (done) break;
      bytes.push(value);
    }
    const all = Buffer.concat(bytes);
    expect(all.length).toBe(chunks * size);
    expect(Array.from({ length: chunks }, (_, i) => all[i * size])).toEqual(
      Array.from({ length: chunks }, (_, i) => i % 256),
    );
  });

  test('a reader that stops reading (and never cancels) is cut off with task.timeout; the pool runs the next task', async () => {
    const stalled = newPool({ timeoutMs: 200, maxQueuedBytes: 64 * 1024 });
    const reader = (await stalled.stream('counted', [1024, 16 * 1024])).getReader(); // 16 MB
    expect((await reader.read()).value?.byteLength).toBe(64 * 1024);
    expect(await outcome(reader.closed)).toEqual({ error: '503 task.timeout' });
    expect(Atomics.load(gate, 3)).toBeLessThan(1024 * 16 * 1024); // the task was stopped, not finished
    expect(await stalled.run('studyNames', [])).toEqual(['Read by a worker']);
  });

  test('a stream task that fails before its first chunk rejects like run', async () => {
    expect(await outcome(pool.stream('noStream', []))).toEqual({ error: '404 test.nothing' });
  });

  test('closing the pool fails waiting and running tasks and ends a worker blocked in a task', async () => {
    const running = outcome(pool.run('held', ['never', 1]));
    const waiting = outcome(pool.run('held', ['waiting', 2]));
    await started(1);
    await pool.close(); // resolves only once the blocked worker has been terminated
    expect(await running).toEqual({ error: 'The server is shutting down.' });
    expect(await waiting).toEqual({ error: 'The server is shutting down.' });
    expect(await outcome(pool.run('studyNames', []))).toEqual({ error: 'The task pool is closed.' });
  });

  test("a worker's connection keeps a small page cache, not better-sqlite3's 16 MB", async () => {
    expect(await pool.run('cacheSize', [])).toBe(-WORKER_CACHE_KIB);
    expect(WORKER_CACHE_KIB).toBe(2048);
  });

  test('the resource limits given are the ones its workers start with', async () => {
    const limited = newPool({ resourceLimits: { maxYoungGenerationSizeMb: 12, maxOldGenerationSizeMb: 200 } });
    expect(await limited.run('limits', [])).toMatchObject({
      maxYoungGenerationSizeMb: 12,
      maxOldGenerationSizeMb: 200,
    });
  });

  test('a worker whose heap a task left above recycleAboveBytes is replaced, and the fresh one answers the next task', async () => {
    const recycling = newPool({ recycleAboveBytes: 48 * 2 ** 20 });
    const first = await recycling.run('thread', []);
    expect(await recycling.run('thread', [])).toBe(first); // a small heap: the same worker goes on
    expect(await recycling.run('retain', [64])).toBe(first); // leaves 64 MB alive in its heap
    const next = await recycling.run('thread', []);
    expect(next).not.toBe(first);
    expect(await recycling.run('studyNames', [])).toEqual(['Read by a worker']);
    expect(await recycling.run('thread', [])).toBe(next);
  });

  test('without recycleAboveBytes a worker is kept however large its heap', async () => {
    const first = await pool.run('retain', [64]);
    expect(await pool.run('thread', [])).toBe(first);
  });

  test('size 0 runs tasks on the calling thread, on its connection', async () => {
    const inline = newPool({ size: 0 });
    expect(await inline.run('studyNames', [])).toEqual(['Read by a worker']);
    expect(await inline.run('rename', [])).toBe(1);
    const body = await inline.stream('bytes', [3]);
    expect([...new Uint8Array(await new Response(body).arrayBuffer())]).toEqual([0, 1, 2]);
  });
});
