// Whether anything was committed to the database between two moments, for two cheap reads:
// PRAGMA data_version changes when another connection (a worker, the CLI, another process)
// commits or checkpoints, and total_changes() counts this connection's own row changes. Equal
// states mean the database holds what it held, so anything computed from it still holds.
import type { Db } from './open.ts';
import { statement } from './prepared.ts';

export interface DatabaseState {
  /** Changes with commits by other connections. */
  others: number;
  /** Rows this connection has changed since it opened. */
  own: number;
}

const ownChanges = statement<[], number>('SELECT total_changes()', (s) => s.pluck());

export function databaseState(db: Db): DatabaseState {
  return { others: db.pragma('data_version', { simple: true }) as number, own: ownChanges(db).get()! };
}

export const sameState = (a: DatabaseState, b: DatabaseState) => a.others === b.others && a.own === b.own;
