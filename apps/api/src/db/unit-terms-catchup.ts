// Makes the own-words token counts of the coded units listed in unit_terms_stale (migration 033)
// in the background (the search catch-up worker), so distinctive terms find them kept instead of
// tokenizing every unit in the first request. The request still makes whatever is missing.
import type { Db } from './open.ts';
import { statement } from './prepared.ts';
import { keepUnitTermCounts } from './unit-terms.ts';
import { writeTransaction } from './write-transaction.ts';

const anyListed = statement<[], number>('SELECT EXISTS (SELECT 1 FROM unit_terms_stale)', (s) => s.pluck());
const listed = statement<[number], number>('SELECT unit_id FROM unit_terms_stale ORDER BY unit_id LIMIT ?', (s) =>
  s.pluck(),
);
const unlist = statement<[string]>('DELETE FROM unit_terms_stale WHERE unit_id IN (SELECT value FROM json_each(?))');

/**
 * Makes the counts of up to `limit` listed units and unlists them, in one IMMEDIATE transaction (a crash redoes a
 * batch at worst); returns how many were listed. Small batches: a thread unit's text is its whole thread.
 */
function unitTermsBatch(db: Db, limit = 20): number {
  return writeTransaction(db, () => {
    const ids = listed(db).all(limit);
    if (ids.length) {
      keepUnitTermCounts(db, ids, 0);
      unlist(db).run(JSON.stringify(ids));
    }
    return ids.length;
  });
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Makes every listed unit's counts, a batch at a time with pauses between, so a coder's save waits for one batch at most. */
export async function catchUpUnitTerms(db: Db, o: { stopped?: () => boolean } = {}): Promise<number> {
  let done = 0;
  // A read first, so an idle poll never takes the write lock.
  while (!o.stopped?.() && anyListed(db).get()) {
    done += unitTermsBatch(db);
    await sleep(5);
  }
  return done;
}
