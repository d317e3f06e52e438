import { statement } from './prepared.ts';

// The full-text indexes have no insert triggers (migration 005): whatever inserts a post or a
// thread adds it here in the same transaction, or lists it as unindexed for catch-up later
// (migration 006, search-catchup.ts). Updates and deletes are kept in step by triggers, which
// remove the old entry first unless the row is listed: a row neither indexed nor listed makes
// a later update or delete of it fail (SQLITE_CORRUPT_VTAB), not just go missing from search.

/** Adds a newly inserted post's plain text to posts_fts. */
export const indexNewPost = statement<[id: number | bigint, text: string]>(
  'INSERT INTO posts_fts (rowid, text) VALUES (?, ?)',
);

/** Adds a newly inserted thread's title to threads_fts. */
export const indexNewThread = statement<[id: number | bigint, title: string]>(
  'INSERT INTO threads_fts (rowid, title) VALUES (?, ?)',
);

/** Lists a newly inserted post for search catch-up instead of indexing it now. */
export const listUnindexedPost = statement<[id: number | bigint]>('INSERT INTO posts_unindexed (id) VALUES (?)');

/** Lists a newly inserted thread for search catch-up instead of indexing it now. */
export const listUnindexedThread = statement<[id: number | bigint]>('INSERT INTO threads_unindexed (id) VALUES (?)');
