// The transaction helpers on a file database with a second connection: an IMMEDIATE transaction
// holds the write lock from its start, and a helper called inside another transaction runs as a
// savepoint of it (better-sqlite3 issues SAVEPOINT, not a second BEGIN, when db.inTransaction).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { immediateTransaction, readTransaction, writeTransaction } from '../../apps/api/src/db/write-transaction.ts';

let dir: string;
let db: Database.Database;
let other: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'threadcoder-tx-'));
  db = new Database(join(dir, 'x.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (v INTEGER)');
  other = new Database(join(dir, 'x.db'));
  other.pragma('busy_timeout = 0');
});
afterEach(() => {
  other.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const values = () => db.prepare('SELECT v FROM t ORDER BY v').pluck().all();
const otherWrites = (): string => {
  try {
    other.prepare('INSERT INTO t VALUES (100)').run();
    return 'committed';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('writeTransaction', () => {
  test('holds the write lock before its first read: another connection cannot commit meanwhile', () => {
    const seen = writeTransaction(db, () => {
      const before = values();
      const attempt = otherWrites();
      db.prepare('INSERT INTO t VALUES (1)').run();
      return { before, attempt };
    });
    expect(seen).toEqual({ before: [], attempt: 'SQLITE_BUSY' });
    expect(values()).toEqual([1]);
    expect(db.inTransaction).toBe(false);
  });

  test('returns the result and rolls everything back when the work throws', () => {
    expect(writeTransaction(db, () => db.prepare('INSERT INTO t VALUES (1)').run().changes)).toBe(1);
    expect(() =>
      writeTransaction(db, () => {
        db.prepare('INSERT INTO t VALUES (2)').run();
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(values()).toEqual([1]);
  });

  test('inside another transaction it is a savepoint: its failure undoes only its own writes', () => {
    const inner = immediateTransaction(db, (v: number) => {
      db.prepare('INSERT INTO t VALUES (?)').run(v);
      if (v === 3) throw new Error('inner refused');
    });
    writeTransaction(db, () => {
      db.prepare('INSERT INTO t VALUES (1)').run();
      writeTransaction(db, () => db.prepare('INSERT INTO t VALUES (2)').run());
      expect(() => inner(3)).toThrow('inner refused');
      inner(4);
      expect(db.inTransaction).toBe(true);
    });
    expect(values()).toEqual([1, 2, 4]);
  });

  test('a failing outer transaction undoes the nested ones too', () => {
    expect(() =>
      writeTransaction(db, () => {
        writeTransaction(db, () => db.prepare('INSERT INTO t VALUES (1)').run());
        throw new Error('outer refused');
      }),
    ).toThrow('outer refused');
    expect(values()).toEqual([]);
  });
});

describe('readTransaction', () => {
  test('takes no write lock and reads one snapshot', () => {
    const seen = readTransaction(db, () => {
      const before = values();
      const attempt = otherWrites();
      return { before, attempt, after: values() };
    });
    expect(seen).toEqual({ before: [], attempt: 'committed', after: [] });
    expect(values()).toEqual([100]);
  });
});
