// Every transaction in the API goes through here (tests/api/write-transaction-lint.test.ts
// refuses a bare `.transaction(` elsewhere). better-sqlite3 begins DEFERRED by default: such a
// transaction that reads and then writes fails at once with SQLITE_BUSY when another connection
// (the import, search and stem catch-up and suggestion workers, worker-pool tasks) committed in
// between, since its snapshot is stale and busy_timeout cannot help. IMMEDIATE takes the write
// lock before the first read, so it waits (busy_timeout) instead of failing.
//
// Called inside another transaction, better-sqlite3 runs any of these as a SAVEPOINT of it
// (it checks db.inTransaction, never issuing a second BEGIN), so they nest freely.
import type Database from 'better-sqlite3';

type Connection = Database.Database;

/** Runs `work` in an IMMEDIATE transaction (a savepoint when already inside one); returns its result. */
export function writeTransaction<T>(db: Connection, work: () => T): T {
  return db.transaction(work).immediate();
}

/**
 * `fn` as a function that runs each call in an IMMEDIATE transaction (a savepoint when already
 * inside one): for hot paths that build it once per connection (perDb) and call it with arguments.
 */
export function immediateTransaction<A extends unknown[], R>(db: Connection, fn: (...args: A) => R): (...args: A) => R {
  return db.transaction(fn).immediate;
}

/** Runs `work`, which only reads, in a DEFERRED transaction: one snapshot, no write lock taken. */
export function readTransaction<T>(db: Connection, work: () => T): T {
  return db.transaction(work).deferred();
}
