// A search sorted by date walks the threads in date order when its first term is common
// (db/search-by-date.ts) and finds its matches in full otherwise; both must give the same pages.
// Small walk limits make a forum of 30 threads walk, and give up after 12 threads.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { walkByDate, type WalkLimits } from '../../apps/api/src/db/search-by-date.ts';
import { listThreads, type ThreadFilter, type ThreadSort } from '../../apps/api/src/db/threads.ts';
import { insertForum } from '../support/forum.ts';
import { makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
const viewer = { id: 1, isAdmin: true };

// Thread n (1..30, one a day) says "model" when n is even, "tokenizer" when n % 3 = 0 (in its
// second post), and "lora" only in thread 7's title; "quantization" is quoted in thread 5 only.
beforeEach(() => {
  t = makeTestApp();
  const threads = Array.from({ length: 30 }, (_, i) => {
    const n = i + 1;
    return {
      title: n === 7 ? 'Thread 7 about LoRA' : `Thread ${n}`,
      createdAt: new Date(Date.UTC(2023, 0, n)).toISOString(),
      category: n % 2 ? 'Odd' : 'Even',
      posts: [n % 2 ? 'Nothing here.' : 'Which model?', n % 3 ? 'Thanks.' : 'The tokenizer pads.'],
    };
  });
  const { postIds } = insertForum(t.db, threads);
  t.db.prepare("UPDATE posts SET quoted_text = 'quantization helps' WHERE id = ?").run(postIds[4]![0]);
});
afterEach(() => t.close());

const walkAlways: WalkLimits = { commonPosts: 0, threads: 12 };
const walkNever: WalkLimits = { commonPosts: Number.MAX_SAFE_INTEGER, threads: 12 };

/** Every page's titles, following nextCursor to the end. */
function pages(filter: ThreadFilter, sort: ThreadSort, walkLimits: WalkLimits): string[][] {
  const seen: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = listThreads(t.db, filter, viewer, { sort, cursor, limit: 3, walkLimits });
    seen.push(page.threads.map((r) => r.title));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return seen;
}

describe('a search by date', () => {
  test('walked, its pages are the newest matches in order, to the last', () => {
    expect(pages({ q: 'tokenizer' }, 'newest', walkAlways)).toEqual([
      ['Thread 30', 'Thread 27', 'Thread 24'],
      ['Thread 21', 'Thread 18', 'Thread 15'],
      ['Thread 12', 'Thread 9', 'Thread 6'],
      ['Thread 3'],
    ]);
    expect(pages({ q: 'model tokenizer' }, 'oldest', walkAlways)).toEqual([
      ['Thread 6', 'Thread 12', 'Thread 18'],
      ['Thread 24', 'Thread 30'],
    ]);
  });

  test.each<[string, ThreadFilter, ThreadSort]>([
    ['a common word, newest first', { q: 'model' }, 'newest'],
    ['a common word, oldest first', { q: 'model' }, 'oldest'],
    ['two words, both in the thread', { q: 'model tokenizer' }, 'newest'],
    ['a word only in one title (the walk gives up)', { q: 'lora' }, 'newest'],
    ['a word and a filter', { q: 'tokenizer', category: 'Odd' }, 'newest'],
    ['a word no thread has', { q: 'zebrafish' }, 'oldest'],
    ['quoted words, when asked for', { q: 'quantization', withQuotes: true }, 'newest'],
    ['quoted words are not own words', { q: 'quantization' }, 'newest'],
  ])('walked or found in full, the pages are the same: %s', (_name, filter, sort) => {
    expect(pages(filter, sort, walkAlways)).toEqual(pages(filter, sort, walkNever));
  });

  test('the walk and the full search agree on the quoted-words thread', () => {
    expect(pages({ q: 'quantization', withQuotes: true }, 'newest', walkAlways)).toEqual([['Thread 5']]);
    expect(pages({ q: 'quantization' }, 'newest', walkAlways)).toEqual([[]]);
  });
});

describe('the walk', () => {
  // Thread n has id n (inserted in order).
  const walk = (term: string, where = '', rows = 4, limits = walkAlways) =>
    walkByDate(
      t.db,
      {
        terms: 1,
        withQuotes: false,
        where,
        order: 'ORDER BY t.created_at DESC, t.id DESC',
        params: { t0: term },
        rows,
      },
      limits,
    );

  test('stops once it has the rows wanted', () => {
    expect(walk('"tokenizer"')).toEqual([30, 27, 24, 21]);
  });

  test('gives up (null) after its threads without enough matches, or does not start for a rare term', () => {
    expect(walk('"lora"')).toBeNull();
    expect(walk('"tokenizer"', '', 4, { commonPosts: 11, threads: 12 })).toBeNull();
    expect(walk('"tokenizer"', '', 4, { commonPosts: 10, threads: 12 })).toEqual([30, 27, 24, 21]);
  });

  test('when the threads run out first, what it found is all there is', () => {
    expect(walk('"tokenizer"', "WHERE t.created_at < '2023-01-07'")).toEqual([6, 3]);
    expect(walk('"lora"', "WHERE t.created_at < '2023-01-10'")).toEqual([7]);
  });
});
