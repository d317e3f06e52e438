import type Database from 'better-sqlite3';
import type { Db } from './open.ts';

/** Something built once per database connection (a statement, a transaction) and reused. */
export function perDb<T>(make: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let value = cache.get(db);
    if (value === undefined) {
      value = make(db);
      cache.set(db, value);
    }
    return value;
  };
}

/**
 * A statement prepared once per connection: `db.prepare()` parses and plans its SQL on every
 * call, which was the largest single cost of small, hot requests (saving a coding, checking a
 * session). Declare at module level and call with the db:
 *   const byId = statement('SELECT … WHERE id = ?');   …   byId(db).get(id)
 * `configure` runs once (e.g. `(s) => s.pluck()`), so a shared statement is never re-toggled.
 */
export function statement<P extends unknown[] | object = unknown[], R = unknown>(
  sql: string,
  configure?: (s: Database.Statement<P, R>) => unknown,
): (db: Db) => Database.Statement<P, R> {
  return perDb((db) => {
    const s = db.prepare<P, R>(sql);
    configure?.(s);
    return s;
  });
}
