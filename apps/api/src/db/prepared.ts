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

const byConnection = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A statement for SQL built at run time (a thread filter's combination of clauses): each distinct
 * text is prepared once per connection, as `statement` does for fixed SQL. The combinations are
 * few; the cache is emptied if they are not.
 */
export function prepared(db: Db, sql: string): Database.Statement {
  let byText = byConnection.get(db);
  if (!byText) {
    byText = new Map();
    byConnection.set(db, byText);
  }
  let stmt = byText.get(sql);
  if (!stmt) {
    if (byText.size > 500) byText.clear();
    stmt = db.prepare(sql);
    byText.set(sql, stmt);
  }
  return stmt;
}
