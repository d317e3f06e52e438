// A search sorted by date walks the threads in date order when its first term is common
// (db/search-by-date.ts) and finds its matches in full otherwise; both must give the same pages.
// Small walk limits make a forum of 30 threads walk, and give up after 12 threads. Its total,
// counted up to a cap from the matches or (a narrow filter) from the filtered threads, must be
// the number of threads those pages hold, or the cap.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { walkByDate, type WalkLimits } from '../../apps/api/src/db/search-by-date.ts';
import { listThreads, narrowFilter, type ThreadFilter, type ThreadSort } from '../../apps/api/src/db/threads.ts';
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
    ['two words and a filter', { q: 'model tokenizer', category: 'Even' }, 'newest'],
    ['two words in one title', { q: 'thread lora' }, 'newest'],
    ['two words, one in the titles and one in posts', { q: 'thread model' }, 'oldest'],
    ['two words in one post, one of them quoted', { q: 'quantization nothing', withQuotes: true }, 'newest'],
  ])('walked or found in full, the pages are the same: %s', (_name, filter, sort) => {
    expect(pages(filter, sort, walkAlways)).toEqual(pages(filter, sort, walkNever));
  });

  test('the walk and the full search agree on the quoted-words thread', () => {
    expect(pages({ q: 'quantization', withQuotes: true }, 'newest', walkAlways)).toEqual([['Thread 5']]);
    expect(pages({ q: 'quantization' }, 'newest', walkAlways)).toEqual([[]]);
  });
});

describe('a search counted up to a cap', () => {
  const count = (filter: ThreadFilter, countCap: number) => {
    const page = listThreads(t.db, filter, viewer, { limit: 3, countCap, walkLimits: walkNever });
    return [page.total, page.totalIsAtLeast];
  };
  const found = (filter: ThreadFilter) => pages(filter, 'newest', walkNever).flat().length;

  // Categories Even and Odd hold 15 threads each, the first nine days nine: a cap of 15 or more
  // counts those filters' threads, a smaller one the matches.
  test.each<[string, ThreadFilter, number]>([
    ['one word', { q: 'model' }, 15],
    ['two words in different posts', { q: 'model tokenizer' }, 5],
    ['two words in one post', { q: 'tokenizer pads' }, 10],
    ['two words in one title', { q: 'thread lora' }, 1],
    ['two words, one in the titles and one in posts', { q: 'thread model' }, 15],
    ['three words', { q: 'thread model tokenizer' }, 5],
    ['a word in posts, then a word only in titles', { q: 'tokenizer thread' }, 10],
    ['a common word, then a rare one', { q: 'model lora' }, 0],
    ['a word beginning and a word', { q: 'tok* model' }, 5],
    ['a phrase and a word', { q: '"tokenizer pads" model' }, 5],
    ['a keyword rule and a word', { q: 'model', anyOf: ['lora', 'tokenizer'] }, 5],
    ['a word, quoted, with an own word of the same post', { q: 'quantization nothing', withQuotes: true }, 1],
    ['a word in one forum category', { q: 'tokenizer', category: 'Odd' }, 5],
    ['two words in one forum category', { q: 'model tokenizer', category: 'Even' }, 5],
    ['two words in the other forum category', { q: 'model tokenizer', category: 'Odd' }, 0],
    ['a word in some days', { q: 'model', from: '2023-01-01', to: '2023-01-09' }, 4],
    ['a word in a title, in some days', { q: 'lora', from: '2023-01-01', to: '2023-01-09' }, 1],
  ])("%s: every cap gives the full search's count, or the cap", (_name, filter, matches) => {
    expect(found(filter)).toBe(matches);
    for (const cap of [1, 4, 5, 9, 14, 15, 30])
      expect(count(filter, cap), `cap ${cap}`).toEqual([Math.min(matches, cap), matches > cap]);
  });

  test('a filter is narrow when it selects at most the cap threads, and there are terms to check', () => {
    expect(narrowFilter(t.db, { q: 'model', category: 'Even' }, viewer, 15)).toBe(true);
    expect(narrowFilter(t.db, { q: 'model', category: 'Even' }, viewer, 14)).toBe(false);
    expect(narrowFilter(t.db, { q: 'model', from: '2023-01-01', to: '2023-01-09' }, viewer, 9)).toBe(true);
    expect(narrowFilter(t.db, { q: 'model' }, viewer, 30)).toBe(false);
    expect(narrowFilter(t.db, { category: 'Even' }, viewer, 30)).toBe(false);
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
