import type { Db } from '../db/open.ts';
import { catchUpSearchIndex, searchIndexState } from '../db/search-catchup.ts';

// After a big import or collection, the rows are committed and their search index entries wait
// for catch-up, which runs here (if interrupted, the server resumes it at its next start).
// Progress goes to stderr. A failure here (SQLITE_BUSY: a server's writes held the lock) does not
// undo the rows: they stay listed and the server indexes them, so the command still succeeds.
export async function indexDeferred(db: Db): Promise<void> {
  if (searchIndexState(db).state !== 'indexing') return;
  const start = performance.now();
  try {
    await catchUpSearchIndex(db);
  } catch (err) {
    const left = searchIndexState(db).pending;
    console.error(
      `Search index: not caught up here (${(err as Error).message}); ${left} posts left, the server will finish indexing them.`,
    );
    return;
  }
  console.error(`Search index: caught up in ${((performance.now() - start) / 1000).toFixed(1)} s.`);
}
