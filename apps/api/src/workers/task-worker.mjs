// Worker thread body for task-pool.ts: runs one task at a time from the registry module the
// pool names, on this thread's own connections to the database file. Tasks read through a
// read-only connection; those marked cacheWrites (they keep derived tables such as
// post_stems and analysis_facts current, as they do on the request thread) get a writable one.
// Plain .mjs that registers tsx itself, so it starts the same way under the server, the CLI
// and vitest (whose transform does not reach worker threads).
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { register } from 'tsx/esm/api';

// On Linux each thread has its own nice value: this one yields the CPU to the request thread (and
// so to coders' saves) when cores are short. /proc/thread-self names the thread; elsewhere there is
// no thread id to renice, and the worker runs at the process's priority.
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {
  // not Linux
}

register();
const { tasks } = await import(workerData.registry);
const { toWire } = await import('./task-errors.ts');
const { smallPageCache } = await import('../db/worker-cache.ts');

const connections = new Map();
function connection(cacheWrites) {
  let db = connections.get(cacheWrites);
  if (!db) {
    db = new Database(workerData.dbPath, { readonly: !cacheWrites, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    smallPageCache(db);
    if (cacheWrites) db.pragma('foreign_keys = ON');
    connections.set(cacheWrites, db);
  }
  return db;
}

// Chunks go to the request thread in batches of about 256 kB: each message costs the request
// thread an event, and a .qdpx makes three small chunks per source file.
const BATCH = 256 * 1024;
let pending = [];
let pendingBytes = 0;
// Backpressure: `queued`, shared with the request thread, counts the bytes posted that the
// response's reader has not taken yet. A batch waits (the task with it) while posting it would
// pass `limit`, so a slow download holds at most that much, not the whole file.
let queued = null;
let limit = Number.POSITIVE_INFINITY;
function emit(chunk) {
  pending.push(chunk);
  pendingBytes += chunk.byteLength;
  if (pendingBytes >= Math.min(BATCH, limit)) flush();
}
function flush() {
  if (pendingBytes === 0) return;
  const batch = new Uint8Array(pendingBytes);
  let at = 0;
  for (const chunk of pending) {
    batch.set(chunk, at);
    at += chunk.byteLength;
  }
  pending = [];
  pendingBytes = 0;
  if (queued) {
    for (let now = Atomics.load(queued, 0); now > 0 && now + batch.byteLength > limit; now = Atomics.load(queued, 0))
      Atomics.wait(queued, 0, now);
    Atomics.add(queued, 0, batch.byteLength);
  }
  parentPort.postMessage({ chunk: batch }, [batch.buffer]);
}

// The pool replaces a worker whose heap a task left large (task-pool.ts recycleAboveBytes).
const heapBytes = () => getHeapStatistics().total_physical_size;

parentPort.postMessage({ ready: true });
parentPort.on('message', ({ name, args, queuedBytes, maxQueuedBytes }) => {
  queued = queuedBytes ? new Int32Array(queuedBytes) : null;
  limit = maxQueuedBytes ?? Number.POSITIVE_INFINITY;
  try {
    const task = tasks[name];
    if (!task) throw new Error(`No task is named "${name}".`);
    const db = connection(task.cacheWrites === true);
    if ('stream' in task) {
      task.stream(db, emit, ...args);
      flush();
      parentPort.postMessage({ done: true, heap: heapBytes() });
    } else {
      const result = task.run(db, ...args);
      parentPort.postMessage({ done: true, result, heap: heapBytes() });
    }
  } catch (err) {
    pending = [];
    pendingBytes = 0;
    parentPort.postMessage({ error: toWire(err), heap: heapBytes() });
  }
});
