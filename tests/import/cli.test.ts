// `threadcoder import` against a temporary database (THREADCODER_DB).
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { run } from '../../apps/api/src/cli/import.ts';
import { openDb } from '../../apps/api/src/db/open.ts';
import { fixture, tempDir } from './helpers.ts';

// Catch-up after a big import can fail on its own (SQLITE_BUSY when a server's writes hold the lock past the busy timeout).
const catchUp = vi.hoisted(() => ({ busy: false }));
vi.mock('../../apps/api/src/db/search-catchup.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../apps/api/src/db/search-catchup.ts')>();
  return {
    ...real,
    catchUpSearchIndex: (...args: Parameters<typeof real.catchUpSearchIndex>) =>
      catchUp.busy
        ? Promise.reject(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))
        : real.catchUpSearchIndex(...args),
  };
});

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let out: string[];
let err: string[];
let n = 0;

beforeEach(() => {
  process.env.THREADCODER_DB = `${tmp.dir}/cli-${++n}.db`;
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
  vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
});
afterEach(() => {
  catchUp.busy = false;
  vi.restoreAllMocks();
  delete process.env.THREADCODER_DB;
});

const rows = (sql: string) => {
  const db = openDb();
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

describe('threadcoder import', () => {
  test('imports, prints the report and records the import', async () => {
    expect(
      await run([fixture('discourse/topics.jsonl'), '--source', 'hf', '--base-url', 'https://discuss.huggingface.co']),
    ).toBe(0);
    expect(out).toEqual([
      'Imported topics.jsonl (discourse): threads 3 new, 0 updated, 0 unchanged; posts 5 new, 0 updated, 0 unchanged.',
    ]);
    expect(rows(`SELECT status, filename, format FROM imports`)).toEqual([
      { status: 'succeeded', filename: 'topics.jsonl', format: 'discourse' },
    ]);
  });

  test('--format perceval imports Perceval JSON lines', async () => {
    expect(await run([fixture('perceval/discourse.jsonl'), '--source', 'hf', '--format', 'perceval'])).toBe(0);
    expect(out).toEqual([
      'Imported discourse.jsonl (discourse): threads 2 new, 0 updated, 0 unchanged; posts 4 new, 0 updated, 0 unchanged.\n' +
        'No forum address: threads have no URL. Import again with --base-url https://the.forum to resolve them.',
    ]);
  });

  test('--date-format reads a scrape\'s "Sep 6, 2020 9:38 am" dates', async () => {
    const map = 'threadId=topic_url,postId=post_id,author=username,createdAt=date,body=text';
    const file = fixture('csv/scraped-dates.csv');
    expect(await run([file, '--source', 'hf', '--map', map, '--date-format', 'MMM d, yyyy h:mm a'])).toBe(0);
    expect(rows('SELECT created_at FROM posts ORDER BY created_at')).toEqual([
      { created_at: '2020-09-06T09:38:00.000Z' },
      { created_at: '2020-09-06T12:05:00.000Z' },
      { created_at: '2020-09-07T08:00:00.000Z' },
    ]);
    expect(
      await run([
        fixture('csv/scraped-bad-date.csv'),
        '--source',
        'hf2',
        '--map',
        map,
        '--date-format',
        'MMM d, yyyy h:mm a',
      ]),
    ).toBe(2);
    expect(err).toEqual([
      'Import failed (import.invalid_date): Invalid date "Sept 31, 2020 12:05 pm": it does not match the date format "MMM d, yyyy h:mm a" (scraped-bad-date.csv, line 3, date).',
    ]);
  });

  test('a site.json beside the dump names its categories; --categories names another file', async () => {
    expect(await run([fixture('discourse-site/topics.jsonl'), '--source', 'hf'])).toBe(0);
    expect(rows('SELECT category FROM threads ORDER BY external_id')).toEqual([
      { category: '🤗Datasets' },
      { category: '🤗Transformers' },
      { category: 'Spaces › Build errors' },
    ]);
    const other = fixture('../discourse-api/site.json');
    expect(await run([fixture('discourse/topic-1001.json'), '--source', 'hf2', '--categories', other])).toBe(0);
    expect(rows("SELECT category FROM threads WHERE external_id = '1001'")).toEqual([{ category: '🤗Transformers' }]);
  });

  test('a Discourse dump with relative links and no --base-url: the report says how many and asks for the address', async () => {
    expect(await run([fixture('discourse/content-shapes.json'), '--source', 'slicer'])).toBe(0);
    expect(out).toEqual([
      'Imported content-shapes.json (discourse): threads 1 new, 0 updated, 0 unchanged; posts 9 new, 0 updated, 0 unchanged.\n' +
        'No forum address: 2 links or images stayed relative (/t/…, /u/…, /uploads/…), so links show as text, images are left out and threads have no URL. Import again with --base-url https://the.forum to resolve them.',
    ]);
  });

  test('--json prints the report as JSON', async () => {
    expect(await run([fixture('jsonl/posts.jsonl'), '--source', 's', '--json'])).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ format: 'jsonl', posts: { new: 3, updated: 0, unchanged: 0 } });
  });

  test('--map and --format for a CSV with its own column names', async () => {
    const map = 'threadId=topic,postId=id,author=user,createdAt=when,title=subject,body=message,bodyFormat=html';
    expect(await run([fixture('csv/custom-columns.csv'), '--source', 's', '--format', 'csv', '--map', map])).toBe(0);
    expect(rows('SELECT external_id FROM posts ORDER BY id')).toEqual([{ external_id: '70' }, { external_id: '71' }]);
  });

  test('bad input: exit 2, the error with its location, nothing stored', async () => {
    expect(await run([fixture('errors/duplicate-ids.jsonl'), '--source', 'hf'])).toBe(2);
    expect(err).toEqual([
      'Import failed (import.duplicate_id): Post id 12 appears twice in the file: first at duplicate-ids.jsonl, line 1, post_stream.posts[1], again at duplicate-ids.jsonl, line 2, post_stream.posts[1].',
    ]);
    expect(rows('SELECT count(*) AS n FROM posts')).toEqual([{ n: 0 }]);
  });

  test('--lenient lists what it rejected', async () => {
    expect(await run([fixture('errors/bad-dates.jsonl'), '--source', 'hf', '--lenient'])).toBe(0);
    expect(out[0]!.split('\n')).toEqual([
      'Imported bad-dates.jsonl (discourse): threads 2 new, 0 updated, 0 unchanged; posts 2 new, 0 updated, 0 unchanged.',
      'Rejected 2:',
      '  bad-dates.jsonl, line 2, created_at  import.invalid_date  Invalid date "2023-02-30T10:00:00Z": month 2 of 2023 has no day 30 (bad-dates.jsonl, line 2, created_at).',
      '  bad-dates.jsonl, line 3, post_stream.posts[1].created_at  import.invalid_date  Invalid date "yesterday": expected a date like 2023-05-01T12:00:00Z (bad-dates.jsonl, line 3, post_stream.posts[1].created_at).',
      'No forum address: threads have no URL. Import again with --base-url https://the.forum to resolve them.',
    ]);
  });

  // 2,000 posts: from there an import defers its search index to catch-up, which the CLI runs after its report.
  const bigFile = () => {
    const path = `${tmp.dir}/big.jsonl`;
    const line = (i: number) =>
      JSON.stringify({
        thread_id: Math.floor(i / 10),
        post_id: i,
        created_at: '2024-02-01T12:00:00Z',
        title: `Thread ${Math.floor(i / 10)}`,
        body: `post ${i}`,
      });
    writeFileSync(path, Array.from({ length: 2000 }, (_, i) => line(i)).join('\n'));
    return path;
  };
  const pending = () =>
    rows('SELECT (SELECT count(*) FROM posts_unindexed) AS posts, (SELECT count(*) FROM threads_unindexed) AS threads');

  test('a big import: the report says indexing, then the CLI catches up', async () => {
    expect(await run([bigFile(), '--source', 's', '--json'])).toBe(0);
    expect(JSON.parse(out[0]!).search).toEqual({ state: 'indexing', pending: 2000, pendingThreads: 200 });
    expect(err).toEqual([expect.stringMatching(/^Search index: caught up in \d+\.\d s\.$/)]);
    expect(pending()).toEqual([{ posts: 0, threads: 0 }]);
  });

  test('a big import whose catch-up fails still succeeds: exit 0, the server will finish indexing', async () => {
    catchUp.busy = true;
    expect(await run([bigFile(), '--source', 's'])).toBe(0);
    expect(out[0]!.split('\n')).toEqual([
      'Imported big.jsonl (jsonl): threads 200 new, 0 updated, 0 unchanged; posts 2000 new, 0 updated, 0 unchanged.',
      'Search index: 2000 posts left to index, indexing them now; search may miss them until then (if stopped, the server finishes at its next start).',
    ]);
    expect(err).toEqual([
      'Search index: not caught up here (database is locked); 2000 posts left, the server will finish indexing them.',
    ]);
    expect(rows('SELECT status FROM imports')).toEqual([{ status: 'succeeded' }]);
    expect(pending()).toEqual([{ posts: 2000, threads: 200 }]);
  });

  test.each([
    [['--source', 'hf']],
    [[fixture('discourse/topics.jsonl')]],
    [[fixture('discourse/topics.jsonl'), '--source', 'hf', '--format', 'xml']],
    [[fixture('discourse/topics.jsonl'), '--source', 'hf', '--bogus']],
  ])('usage errors exit 2: %j', async (argv) => {
    expect(await run(argv)).toBe(2);
    expect(err.at(-1)).toMatch(/(^|\n)Usage: threadcoder import <file> --source <name>/);
  });

  test('a missing file and a bad --map exit 2', async () => {
    expect(await run([`${tmp.dir}/nope.json`, '--source', 'hf'])).toBe(2);
    expect(await run([fixture('csv/posts.csv'), '--source', 'hf', '--map', 'thread=x'])).toBe(2);
    expect(err.map((e) => e.split(':')[0])).toEqual([
      'Import failed (import.file_not_found)',
      'Import failed (import.invalid_mapping)',
    ]);
  });
});
