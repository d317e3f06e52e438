import type { Db } from './open.ts';

/** Page cache of a worker thread's connection, in KiB. */
export const WORKER_CACHE_KIB = 2048;

/**
 * A worker thread's connection keeps a small page cache. better-sqlite3 builds SQLite with 16 MB
 * per connection (SQLITE_DEFAULT_CACHE_SIZE=-16000), and a worker's scans (an export, stemming the
 * forum) fill it with pages read once, held in that thread's malloc arena for the server's life
 * (issue #20: with every connection at 2 MB, the arenas at the server's peak under save-under-load
 * went from 104 to 74 MB). The request thread keeps the default for the coders' small, hot reads.
 */
export function smallPageCache(db: Db): void {
  db.pragma(`cache_size = -${WORKER_CACHE_KIB}`);
}
