// Stemming a batch (db/post-stems.ts) reads the listed posts and then writes their stems, while
// another connection (the request thread, the search catch-up worker, a mention-trends worker)
// may write in between. The batch must hold the write lock from its first read: a deferred
// transaction whose snapshot another connection has moved past fails with SQLITE_BUSY_SNAPSHOT
// at its first write, at once, whatever the busy timeout.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { stemBatch } from '../../apps/api/src/db/post-stems.ts';
import { insertForum } from '../support/forum.ts';
import { makeTestApp, type TestApp } from '../support/test-app.ts';

// Runs `between` when the batch has read its posts and is tokenizing the first one.
let between: (() => void) | null = null;
vi.mock('../../apps/api/src/words/mention-matcher.ts', async (original) => {
  const m = await original<typeof import('../../apps/api/src/words/mention-matcher.ts')>();
  return {
    ...m,
    postLines: (...args: Parameters<typeof m.postLines>) => {
      const run = between;
      between = null;
      run?.();
      return m.postLines(...args);
    },
  };
});

let t: TestApp;
let other: Database.Database;
beforeEach(() => {
  t = makeTestApp();
  other = new Database(t.dbPath);
  other.pragma('busy_timeout = 0');
});
afterEach(() => {
  other.close();
  t.close();
});

describe('a batch of stems and another connection writing meanwhile', () => {
  test('the batch holds the write lock from its first read, so it completes and the other writer waits', () => {
    const { postIds } = insertForum(t.db, [
      { title: 'One', createdAt: '2023-01-10T10:00:00.000Z', posts: ['BERT here', 'GPT-2 there'] },
    ]);
    let otherWrite = 'not tried';
    between = () => {
      try {
        other.prepare('UPDATE posts SET like_count = 3 WHERE id = ?').run(postIds[0]![0]);
        otherWrite = 'committed';
      } catch (e) {
        otherWrite = (e as { code: string }).code;
      }
    };
    expect(stemBatch(t.db, null)).toBe(2);
    expect(otherWrite).toBe('SQLITE_BUSY');
    expect(t.db.prepare('SELECT post_id, words FROM post_stems ORDER BY post_id').raw().all()).toEqual([
      [postIds[0]![0], ' bert here '],
      [postIds[0]![1], ' gpt 2 there '],
    ]);
    expect(t.db.prepare('SELECT count(*) FROM post_stems_stale').pluck().get()).toBe(0);
  });
});
