// One fixture per class of bad input: strict mode fails with the code and location and
// writes nothing; lenient mode lists the bad records and stores only the good ones.
import { describe, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { runImportFile } from '../../apps/api/src/import/run.ts';
import { counts, freshDb, importError, importFixture, tempDir } from './helpers.ts';

const cases = [
  {
    file: 'malformed-line.jsonl',
    code: 'import.invalid_json',
    where: { file: 'malformed-line.jsonl', line: 2 },
    good: ['1', '3'],
  },
  {
    file: 'wrong-types.jsonl',
    code: 'import.wrong_type',
    where: { file: 'wrong-types.jsonl', line: 2, field: 'title' },
    good: ['1', '4'],
  },
  {
    file: 'missing-ids.jsonl',
    code: 'import.missing_field',
    where: { file: 'missing-ids.jsonl', line: 1, field: 'id' },
    good: ['2', '3'],
  },
  {
    file: 'duplicate-ids.jsonl',
    code: 'import.duplicate_id',
    where: { file: 'duplicate-ids.jsonl', line: 2, field: 'post_stream.posts[1]' },
    good: ['1', '2'],
  },
  {
    file: 'bad-dates.jsonl',
    code: 'import.invalid_date',
    where: { file: 'bad-dates.jsonl', line: 2, field: 'created_at' },
    good: ['1', '3'],
  },
  {
    file: 'big-post.jsonl',
    code: 'import.post_too_large',
    where: { file: 'big-post.jsonl', line: 1, field: 'post_stream.posts[1]' },
    good: ['1', '2'],
  },
];
const small = { maxPostBytes: 4096 };

describe.each(cases)('$file', ({ file, code, where, good }) => {
  test(`strict: ${code} with its location, nothing written`, async () => {
    const db = freshDb();
    const err = await importError(db, `errors/${file}`, { limits: small });
    expect(err.code).toBe(code);
    expect(err.where).toEqual(where);
    expect(counts(db)).toEqual({ sources: 0, threads: 0, posts: 0 });
  });

  test('lenient: the good threads land', async () => {
    const db = freshDb();
    const report = await importFixture(db, `errors/${file}`, { mode: 'lenient', limits: small });
    expect(report.rejected[0]).toMatchObject({ code, where });
    expect(db.prepare('SELECT external_id FROM threads ORDER BY id').pluck().all()).toEqual(good);
  });
});

describe('what lenient mode lists', () => {
  test('every bad record, each with its own location', async () => {
    const report = await importFixture(freshDb(), 'errors/wrong-types.jsonl', { mode: 'lenient' });
    expect(report.rejected.map((r) => [r.code, r.where])).toEqual([
      ['import.wrong_type', { file: 'wrong-types.jsonl', line: 2, field: 'title' }],
      ['import.wrong_type', { file: 'wrong-types.jsonl', line: 3, field: 'post_stream.posts' }],
      ['import.wrong_type', { file: 'wrong-types.jsonl', line: 4, field: 'post_stream.posts[1].like_count' }],
    ]);
    expect(report.rejected[2]!.reason).toBe(
      'Expected like_count (an integer) but found "many" (wrong-types.jsonl, line 4, post_stream.posts[1].like_count).',
    );
    expect(report.posts).toEqual({ new: 2, updated: 0, unchanged: 0 });
  });

  test('a duplicate names both places', async () => {
    const report = await importFixture(freshDb(), 'errors/duplicate-ids.jsonl', { mode: 'lenient' });
    expect(report.rejected.map((r) => r.reason)).toEqual([
      'Post id 12 appears twice in the file: first at duplicate-ids.jsonl, line 1, post_stream.posts[1], again at duplicate-ids.jsonl, line 2, post_stream.posts[1].',
      'Thread id 1 appears twice in the file: first at duplicate-ids.jsonl, line 1, again at duplicate-ids.jsonl, line 3.',
    ]);
  });

  test('an impossible post date rejects only that post', async () => {
    const db = freshDb();
    const report = await importFixture(db, 'errors/bad-dates.jsonl', { mode: 'lenient' });
    expect(report.rejected[1]).toMatchObject({
      code: 'import.invalid_date',
      where: { file: 'bad-dates.jsonl', line: 3, field: 'post_stream.posts[1].created_at' },
    });
    expect(db.prepare('SELECT external_id FROM posts ORDER BY id').pluck().all()).toEqual(['11', '31']);
  });

  test('rejections past maxRejections are counted, not listed', async () => {
    const report = await importFixture(freshDb(), 'errors/wrong-types.jsonl', {
      mode: 'lenient',
      limits: { maxRejections: 1 },
    });
    expect(report.rejected).toHaveLength(1);
    expect(report.rejectedOmitted).toBe(2);
  });
});

describe('whole-file problems fail even in lenient mode', () => {
  test.each([
    [
      'errors/malformed-array.json',
      'import.invalid_json',
      { file: 'malformed-array.json', line: 5, field: 'column 13' },
    ],
    ['errors/empty.json', 'import.empty_file', { file: 'empty.json' }],
    ['errors/blank.jsonl', 'import.empty_file', { file: 'blank.jsonl' }],
    ['errors/empty-array.json', 'import.empty_file', { file: 'empty-array.json' }],
    ['errors/binary.json', 'import.binary_file', { file: 'binary.json', line: 1 }],
    ['stackexchange/malformed.xml', 'import.invalid_xml', { file: 'malformed.xml', line: 4, field: 'column 88' }],
    ['does-not-exist.json', 'import.file_not_found', { file: 'does-not-exist.json' }],
  ])('%s: %s', async (file, code, where) => {
    const db = freshDb();
    const err = await importError(db, file, { mode: 'lenient' });
    expect([err.code, err.where]).toEqual([code, where]);
    expect(counts(db)).toEqual({ sources: 0, threads: 0, posts: 0 });
  });

  test('a file over maxFileBytes', async () => {
    const err = await importError(freshDb(), 'discourse/topics.jsonl', { limits: { maxFileBytes: 100 } });
    expect(err.code).toBe('import.file_too_large');
    expect(err.status).toBe(413);
  });

  test('more posts than maxPosts', async () => {
    const err = await importError(freshDb(), 'discourse/topics.jsonl', { mode: 'lenient', limits: { maxPosts: 4 } });
    expect([err.code, err.where]).toEqual(['import.too_many_posts', { file: 'topics.jsonl', line: 3 }]);
  });

  test('a JSONL line over maxRecordBytes', async () => {
    const err = await importError(freshDb(), 'discourse/topics.jsonl', { limits: { maxRecordBytes: 200 } });
    expect([err.code, err.where]).toEqual(['import.record_too_large', { file: 'topics.jsonl', line: 1 }]);
  });
});

test('a post of megabytes is rejected under the default 1 MB limit', async () => {
  const tmp = tempDir();
  try {
    const cooked = `<p>${'x'.repeat(3 * 1024 * 1024)}</p>`;
    const topic = {
      id: 1,
      title: 'Huge',
      created_at: '2022-01-01T00:00:00Z',
      post_stream: { posts: [{ id: 1, post_number: 1, created_at: '2022-01-01T00:00:00Z', cooked }] },
    };
    writeFileSync(`${tmp.dir}/huge.jsonl`, `${JSON.stringify(topic)}\n`);
    const db = freshDb();
    const err = await runImportFile(db, `${tmp.dir}/huge.jsonl`, { source: 'forum' }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'import.post_too_large',
      message: 'A post of 3145735 bytes is over the limit of 1048576 bytes (huge.jsonl, line 1, post_stream.posts[0]).',
    });
    expect(counts(db).posts).toBe(0);
  } finally {
    tmp.cleanup();
  }
});
