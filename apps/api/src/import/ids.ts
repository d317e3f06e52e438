// Remembers where each id was first seen, to report duplicates with both locations. The ids live
// in a private temporary SQLite database (spilled to disk past a few MB of cache, deleted on
// close), not in a Map: a dump of 500,000 posts made the Map the import's largest memory, growing
// with the input.
import Database from 'better-sqlite3';
import type { ErrorWhere } from '../http/errors.ts';
import { importErrors, type ImportError } from './errors.ts';

const BATCH = 5000;

export class IdRegistry {
  private readonly db = new Database('');
  private readonly insert;
  private readonly first;
  private pending = 0;

  constructor() {
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.exec('CREATE TABLE ids (key TEXT PRIMARY KEY, where_json TEXT NOT NULL) WITHOUT ROWID');
    this.insert = this.db.prepare('INSERT OR IGNORE INTO ids (key, where_json) VALUES (?, ?)');
    this.first = this.db.prepare('SELECT where_json FROM ids WHERE key = ?').pluck();
  }

  /** Returns a duplicate_id error if `id` of this kind was seen before, else records it. */
  claim(kind: 'Thread' | 'Post', id: string, where: ErrorWhere): ImportError | undefined {
    const key = `${kind[0]}${id}`;
    if (this.pending === 0) this.db.exec('BEGIN');
    const { changes } = this.insert.run(key, JSON.stringify(where));
    if (++this.pending >= BATCH) this.flush();
    if (changes === 1) return undefined;
    return importErrors.duplicateId(where, kind, id, JSON.parse(this.first.get(key) as string) as ErrorWhere);
  }

  close(): void {
    this.db.close();
  }

  private flush(): void {
    this.db.exec('COMMIT');
    this.pending = 0;
  }
}
