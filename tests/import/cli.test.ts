// `threadcoder import` against a temporary database (THREADCODER_DB).
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../apps/api/src/cli/import.ts';
import { openDb } from '../../apps/api/src/db/open.ts';
import { fixture, tempDir } from './helpers.ts';

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
    expect(await run([fixture('discourse/topics.jsonl'), '--source', 'hf', '--base-url', 'https://discuss.huggingface.co'])).toBe(0);
    expect(out).toEqual(['Imported topics.jsonl (discourse): threads 3 new, 0 updated, 0 unchanged; posts 5 new, 0 updated, 0 unchanged.']);
    expect(rows(`SELECT status, filename, format FROM imports`)).toEqual([{ status: 'succeeded', filename: 'topics.jsonl', format: 'discourse' }]);
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
    ]);
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
    expect(err.map((e) => e.split(':')[0])).toEqual(['Import failed (import.file_not_found)', 'Import failed (import.invalid_mapping)']);
  });
});
