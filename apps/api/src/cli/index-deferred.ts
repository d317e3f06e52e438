import type { Db } from '../db/open.ts';
import { catchUpStems } from '../db/post-stems.ts';
import { catchUpSearchIndex, searchIndexState } from '../db/search-catchup.ts';

// After a big import or collection, the rows are committed and their search index entries wait
// for catch-up, which runs here (if interrupted, the server resumes it at its next start); so do
// the new posts' stems for mention counts (quietly). Progress goes to stderr. A failure here (SQLITE_BUSY: a
// server's writes held the lock) does not undo the rows: they stay listed and the server indexes
// and stems them, so the command still succeeds.
export async function indexDeferred(db: Db): Promise<void> {
  if (searchIndexState(db).state === 'indexing') {
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
  try {
    // In small batches with pauses, as the server's catch-up worker does, so a server's coding saves
    // get the write lock between them (2,000-post batches back to back let half as many in).
    await catchUpStems(db);
  } catch (err) {
    console.error(`Stems: not done here (${(err as Error).message}); the server will finish them.`);
  }
}
