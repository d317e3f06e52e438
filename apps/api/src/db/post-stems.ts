// Each post's token lines (words/mention-matcher.ts postLines: stems, words and cased tokens of
// its own words, quoted words and link previews), kept up to date from the list the posts triggers keep (migration 026: post_stems_stale): a post added or
// changed is stemmed once, and the keyword-group matches of just that post are redone with it
// (db/mention-matches.ts), so a mention count never stems or scans the forum in the request.
import { LINE_COLUMNS, postLines } from '../words/mention-matcher.ts';
import { rematchPosts } from './mention-matches.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';
import { writeTransaction } from './write-transaction.ts';

const stale = statement<[{ sources: string | null; limit: number }], [number, string, string, string, string]>(
  `SELECT p.id, p.text, p.quoted_text, p.preview_text, p.content_hash FROM post_stems_stale q JOIN posts p ON p.id = q.post_id
   WHERE @sources IS NULL OR p.source_id IN (SELECT value FROM json_each(@sources)) ORDER BY q.post_id LIMIT @limit`,
  (s) => s.raw(),
);
const save = statement(
  `INSERT OR REPLACE INTO post_stems (post_id, content_hash, ${LINE_COLUMNS.join(', ')})
   VALUES (?, ?, ${LINE_COLUMNS.map(() => '?').join(', ')})`,
);
const unlist = statement('DELETE FROM post_stems_stale WHERE post_id = ?');

/**
 * Stems up to `limit` listed posts (of these sources, or of any) in one transaction, with their
 * matches; returns how many. Unlisting in the same transaction makes a crash redo a batch at worst.
 * IMMEDIATE: the request thread and the catch-up worker both write here.
 */
export function stemBatch(db: Db, sourceIds: readonly number[] | null, limit = 2000): number {
  return writeTransaction(db, () => {
    const batch = stale(db).all({ sources: sourceIds && JSON.stringify(sourceIds), limit });
    for (const [id, text, quoted, preview, hash] of batch) {
      const lines = postLines(text, quoted, preview);
      save(db).run(id, hash, ...LINE_COLUMNS.map((c) => lines[c]));
      unlist(db).run(id);
    }
    if (batch.length)
      rematchPosts(
        db,
        batch.map(([id]) => id),
      );
    return batch.length;
  });
}

/** Stems every listed post of these sources (or of any); returns how many. */
export function refreshStems(db: Db, sourceIds: readonly number[] | null): number {
  let done = 0;
  for (let n = stemBatch(db, sourceIds); n > 0; n = stemBatch(db, sourceIds)) done += n;
  return done;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Stems every listed post in small batches with pauses between, so an import's posts are stemmed
 * in the background (the search catch-up worker, the CLI after an import) and a coder's save
 * waits for at most one batch.
 */
export async function catchUpStems(db: Db, o: { stopped?: () => boolean; batch?: number } = {}): Promise<number> {
  let done = 0;
  while (!o.stopped?.()) {
    const n = stemBatch(db, null, o.batch ?? 200);
    if (n === 0) break;
    done += n;
    await sleep(5);
  }
  return done;
}
