import type { Db } from './open.ts';
import { perDb } from './prepared.ts';
import { immediateTransaction, writeTransaction } from './write-transaction.ts';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// Each job runs in its own savepoint (a transaction function called inside a transaction),
// so a job that throws undoes only its own writes.
const runJob = perDb((db) => immediateTransaction(db, (work: () => unknown) => work()));
const queues = new WeakMap<Db, Job[]>();

function flush(db: Db): void {
  const jobs = queues.get(db) ?? [];
  queues.delete(db);
  const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
  try {
    writeTransaction(db, () => {
      for (const job of jobs) {
        try {
          outcomes.push({ ok: true, value: runJob(db)(job.work) });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
    });
  } catch (error) {
    // The commit itself failed: nothing of the batch was stored.
    jobs.forEach((job) => {
      job.reject(error);
    });
    return;
  }
  jobs.forEach((job, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  });
}

/**
 * Group commit for small, hot writes (saving a coding). `work` runs synchronously inside a
 * transaction shared with the other writes queued in the same turn of the event loop, each in
 * its own savepoint, and the promise settles after the one COMMIT: with 32 coders saving at
 * once a commit (the largest part of a save: writing the WAL frames) is paid once per batch
 * instead of once per save, and pages they share (the audit log's tail, its index) are
 * written once. Checks belong inside `work`, so nothing can change between check and write.
 * The answer still waits for its commit, so an acknowledged save is a stored one.
 */
export function groupCommit<T>(db: Db, work: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let queue = queues.get(db);
    if (!queue) {
      queue = [];
      queues.set(db, queue);
      setImmediate(() => flush(db));
    }
    queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
  });
}
