import { statement } from './prepared.ts';

// The full-text indexes have no insert triggers (migration 005): whatever inserts a post or a
// thread adds it here in the same transaction. Updates and deletes are kept in step by triggers,
// which remove the old entry first: a row left out of the index makes a later update or delete
// of it fail (SQLITE_CORRUPT_VTAB), not just go missing from search.

/** Adds a newly inserted post's plain text to posts_fts. */
export const indexNewPost = statement<[id: number | bigint, text: string]>('INSERT INTO posts_fts (rowid, text) VALUES (?, ?)');

/** Adds a newly inserted thread's title to threads_fts. */
export const indexNewThread = statement<[id: number | bigint, title: string]>('INSERT INTO threads_fts (rowid, title) VALUES (?, ?)');
