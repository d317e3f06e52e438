// Thread lists and rule previews count matches up to a cap and then say "at least" (a common
// word at 500,000 posts cannot be counted in a request); pages go on past the cap, and a saved
// rule records the exact count. The app here counts up to 3.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loggedIn, type Agent } from '../support/agent.ts';
import { insertForum } from '../support/forum.ts';
import { addStudy, addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let owner: Agent;
let studyId: number;

// Five threads mention a model (one only in its title), two of them a tokenizer too.
const forum = [
  { title: 'Model card missing', createdAt: '2022-01-01T00:00:00.000Z', category: 'Models', posts: ['Where is it?'] },
  { title: 'Loading', createdAt: '2022-02-01T00:00:00.000Z', category: 'Models', posts: ['The model will not load.'] },
  {
    title: 'Padding',
    createdAt: '2022-03-01T00:00:00.000Z',
    category: 'Beginners',
    posts: ['My tokenizer pads left.', 'Which model?'],
  },
  { title: 'Speed', createdAt: '2022-04-01T00:00:00.000Z', category: 'Beginners', posts: ['Models are slow on CPU.'] },
  {
    title: 'Tokenizer and model',
    createdAt: '2022-05-01T00:00:00.000Z',
    category: 'Models',
    posts: ['Both saved.', 'Thanks'],
  },
  { title: 'Spaces sleep', createdAt: '2022-06-01T00:00:00.000Z', category: 'Spaces', posts: ['Mine went to sleep.'] },
];

beforeEach(async () => {
  t = makeTestApp({ threadCountCap: 3 });
  insertForum(t.db, forum);
  const olga = await addUser(t.db, 'olga');
  studyId = addStudy(t.db, olga.id, []);
  owner = await loggedIn(t.app, 'olga');
});
afterEach(() => t.close());

type Page = { threads: { title: string }[]; total: number; totalIsAtLeast: boolean; nextCursor: string | null };
async function list(query: string): Promise<Page> {
  const res = await owner.get(`/api/threads?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Page;
}
const counted = async (query: string) => {
  const page = await list(query);
  return [page.total, page.totalIsAtLeast];
};

describe('thread list totals', () => {
  test('below and at the cap the total is exact; past it, the cap and totalIsAtLeast', async () => {
    expect(await counted('q=tokenizer')).toEqual([2, false]);
    expect(await counted('q=model&category=Models')).toEqual([3, false]);
    expect(await counted('q=model')).toEqual([3, true]);
    expect(await counted('q=model&sort=newest')).toEqual([3, true]);
    expect(await counted('q=model&sort=relevance')).toEqual([3, true]);
    // Every term must occur in the thread: the first term's matches are looked up in the second's.
    expect(await counted('q=model+tokenizer')).toEqual([2, false]);
    expect(await counted('q=nothing')).toEqual([0, false]);
  });

  test('a filter selecting at most the cap threads counts among them; a wider one among the matches', async () => {
    // Models holds 3 threads, February to April 3: the count checks those for the terms.
    expect(await counted('q=model+tokenizer&category=Models')).toEqual([1, false]);
    expect(await counted('q=tokenizer+model&category=Beginners')).toEqual([1, false]);
    expect(await counted('q=model&from=2022-02-01&to=2022-04-30')).toEqual([3, false]);
    expect(await counted('q=card&from=2022-02-01&to=2022-04-30')).toEqual([0, false]);
    // January to May holds 5 threads, all saying "model".
    expect(await counted('q=model&from=2022-01-01&to=2022-05-31')).toEqual([3, true]);
    expect(await counted('q=model+tokenizer&from=2022-01-01&to=2022-05-31')).toEqual([2, false]);
  });

  test('a list without a search counts the same way', async () => {
    expect(await counted('')).toEqual([3, true]);
    expect(await counted('category=Beginners')).toEqual([2, false]);
  });

  test('pages by date go on past the cap to the last match, each counting the same', async () => {
    const seen: string[] = [];
    const totals: unknown[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(
        `q=model&sort=newest&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.threads.map((r) => r.title));
      totals.push([page.total, page.totalIsAtLeast]);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Tokenizer and model', 'Speed', 'Padding', 'Loading', 'Model card missing']);
    expect(totals).toEqual([
      [3, true],
      [3, true],
      [3, true],
    ]);
  });

  test('pages by relevance go on past the cap too', async () => {
    const first = await list('q=model&sort=relevance&limit=4');
    const second = await list(`q=model&sort=relevance&limit=4&cursor=${first.nextCursor}`);
    const titles = [...first.threads, ...second.threads].map((r) => r.title);
    expect([first.threads.length, second.threads.length, second.nextCursor]).toEqual([4, 1, null]);
    expect(titles.sort()).toEqual(['Loading', 'Model card missing', 'Padding', 'Speed', 'Tokenizer and model']);
  });
});

describe('keyword-rule preview', () => {
  type Change = {
    matched: number;
    matchedIsAtLeast: boolean;
    changed: number;
    selection?: { threads: number; rules: { matched: number; changed: number }[] };
  };
  async function change(body: unknown): Promise<Change> {
    const res = await owner.post(`/api/studies/${studyId}/threads`, body);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Change;
  }
  const rule = (terms: string[]) => ({ kind: 'keywords', terms });

  test('a dry run below the cap counts exactly', async () => {
    const dry = await change({ action: 'add', dryRun: true, rule: rule(['tokenizer']) });
    expect([dry.matched, dry.matchedIsAtLeast, dry.changed]).toEqual([2, false, 2]);
  });

  test('a dry run past the cap says at least, and counts what would change among the first matches', async () => {
    const dry = await change({ action: 'add', dryRun: true, rule: rule(['model']) });
    expect([dry.matched, dry.matchedIsAtLeast, dry.changed]).toEqual([3, true, 3]);
  });

  test('saving the rule adds and records every match, past the cap', async () => {
    const saved = await change({ action: 'add', rule: rule(['model']) });
    expect([saved.matched, saved.matchedIsAtLeast, saved.changed, saved.selection?.threads]).toEqual([5, false, 5, 5]);
    expect(saved.selection?.rules.map((r) => [r.matched, r.changed])).toEqual([[5, 5]]);
    // Now every match is selected: a preview of adding it again finds nothing to add among those it read.
    const again = await change({ action: 'add', dryRun: true, rule: rule(['model']) });
    expect([again.matched, again.matchedIsAtLeast, again.changed]).toEqual([3, true, 0]);
  });
});
