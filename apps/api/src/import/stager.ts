// Groups flat post records (Stack Exchange rows, CSV/JSONL lines) into threads without
// holding the file in memory: rows go to a private temporary SQLite database (SQLite spills
// it to disk past a few MB of cache and deletes it on close), then come back sorted by
// thread and date. This is what lets a multi-gigabyte Posts.xml, whose answers may come
// long after or even before their question, be imported in bounded memory.
import Database from 'better-sqlite3';
import type { ErrorWhere } from '../http/errors.ts';
import { importErrors, type ImportError } from './errors.ts';

export interface StagedRow {
  threadKey: string;
  /** True for the row that carries the thread's own fields (a question); it sorts first. */
  head: boolean;
  externalId: string;
  createdAt: string;
  line: number;
  /** The rest of the record, JSON-encoded. */
  payload: string;
}

const BATCH = 5000;

export class PostStager {
  private readonly db = new Database('');
  private readonly insert;
  private readonly firstLine;
  private pending = 0;

  constructor(private readonly file: string) {
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec(`CREATE TABLE rows (
      seq INTEGER PRIMARY KEY, thread_key TEXT NOT NULL, key_num INTEGER, head INTEGER NOT NULL,
      external_id TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, line INTEGER NOT NULL, payload TEXT NOT NULL)`);
    this.insert = this.db.prepare(
      'INSERT OR IGNORE INTO rows (thread_key, key_num, head, external_id, created_at, line, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.firstLine = this.db.prepare('SELECT line FROM rows WHERE external_id = ?').pluck();
  }

  /** Stores a row; a second row with the same id is returned as a duplicate_id error. */
  add(row: StagedRow): ImportError | undefined {
    if (this.pending === 0) this.db.exec('BEGIN');
    const keyNum = /^\d{1,15}$/.test(row.threadKey) ? Number(row.threadKey) : null;
    const { changes } = this.insert.run(
      row.threadKey,
      keyNum,
      row.head ? 1 : 0,
      row.externalId,
      row.createdAt,
      row.line,
      row.payload,
    );
    if (++this.pending >= BATCH) this.flush();
    if (changes === 1) return undefined;
    const where: ErrorWhere = { file: this.file, line: row.line };
    return importErrors.duplicateId(where, 'Post', row.externalId, {
      file: this.file,
      line: this.firstLine.get(row.externalId) as number,
    });
  }

  /** Rows grouped by thread (numeric ids in numeric order), the head row first, then by date. */
  *groups(): Generator<StagedRow[]> {
    this.flush();
    this.db.exec('CREATE INDEX rows_group ON rows (key_num, thread_key, head DESC, created_at, seq)');
    const rows = this.db.prepare(
      `SELECT thread_key AS threadKey, head, external_id AS externalId, created_at AS createdAt, line, payload
       FROM rows ORDER BY key_num, thread_key, head DESC, created_at, seq`,
    );
    let group: StagedRow[] = [];
    for (const r of rows.iterate() as Iterable<Omit<StagedRow, 'head'> & { head: number }>) {
      if (group.length && group[0]!.threadKey !== r.threadKey) {
        yield group;
        group = [];
      }
      group.push({ ...r, head: r.head === 1 });
    }
    if (group.length) yield group;
  }

  close(): void {
    this.db.close();
  }

  private flush(): void {
    if (this.pending > 0) this.db.exec('COMMIT');
    this.pending = 0;
  }
}
