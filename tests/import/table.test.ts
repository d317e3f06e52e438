import { describe, expect, test } from 'vitest';
import { parseMappingSpec, resolveMapping } from '../../apps/api/src/import/table/mapping.ts';
import { counts, freshDb, importError, importFixture } from './helpers.ts';

describe('CSV of posts', () => {
  test('rows are grouped into threads and sorted by date; text bodies become paragraphs', async () => {
    const db = freshDb();
    const report = await importFixture(db, 'csv/posts.csv');
    expect([report.format, report.threads.new, report.posts.new]).toEqual(['csv', 2, 4]);
    expect(
      db.prepare('SELECT external_id, title, category, tags_json, created_at FROM threads ORDER BY id').all(),
    ).toEqual([
      {
        external_id: 't1',
        title: 'First thread',
        category: 'general',
        tags_json: '["nlp","bert"]',
        created_at: '2022-01-01T10:00:00.000Z',
      },
      {
        external_id: 't2',
        title: 'Second thread',
        category: 'help',
        tags_json: '["hub"]',
        created_at: '2022-03-02T08:00:00.000Z',
      },
    ]);
    expect(
      db.prepare('SELECT external_id, post_number, html, text FROM posts ORDER BY thread_id, post_number').all(),
    ).toEqual([
      {
        external_id: 'p1',
        post_number: 1,
        html: '<p>First post &lt;b&gt;not html&lt;/b&gt;</p><p>New paragraph &amp; more</p>',
        text: 'First post <b>not html</b>\nNew paragraph & more',
      },
      { external_id: 'p2', post_number: 2, html: '<p>Second post, later</p>', text: 'Second post, later' },
      { external_id: 'p3', post_number: 1, html: '<p>Opening post</p>', text: 'Opening post' },
      {
        external_id: 'p4',
        post_number: 2,
        html: '<p>A reply<br />over two lines</p>',
        text: 'A reply\nover two lines',
      },
    ]);
  });

  test('a column mapping with HTML bodies, which are sanitized', async () => {
    const db = freshDb();
    const mapping = parseMappingSpec(
      'threadId=topic,postId=id,author=user,createdAt=when,title=subject,body=message,bodyFormat=html',
    );
    await importFixture(db, 'csv/custom-columns.csv', { mapping });
    expect(db.prepare('SELECT external_id, author, html FROM posts ORDER BY post_number').all()).toEqual([
      { external_id: '70', author: 'zoe', html: '<p>Hello <em>there</em></p>' },
      { external_id: '71', author: 'yan', html: '<p>Hi</p>' },
    ]);
  });

  test('a header without the mapped columns names what is missing', async () => {
    const err = await importError(freshDb(), 'csv/custom-columns.csv');
    expect([err.code, err.message]).toEqual([
      'import.invalid_mapping',
      'Bad column mapping: the header of custom-columns.csv has no column "thread_id", "post_id", "created_at", "body" (it has "topic", "id", "user", "when", "subject", "message").',
    ]);
  });

  test('strict: a row with the wrong number of columns fails with its line; lenient skips it', async () => {
    const db = freshDb();
    const err = await importError(db, 'csv/column-count.csv');
    expect([err.code, err.where, err.message]).toEqual([
      'import.invalid_csv',
      { file: 'column-count.csv', line: 3 },
      'Malformed CSV: columns length is 6, got 8 on line 3 (column-count.csv, line 3).',
    ]);
    expect(counts(db).posts).toBe(0);
    const report = await importFixture(db, 'csv/column-count.csv', { mode: 'lenient' });
    expect(report.rejected.map((r) => [r.code, r.where])).toEqual([
      ['import.invalid_csv', { file: 'column-count.csv', line: 3 }],
    ]);
    expect(db.prepare('SELECT external_id FROM posts ORDER BY id').pluck().all()).toEqual(['p1', 'p3']);
  });

  test('an unclosed quote swallows the rest of the file: strict fails, lenient keeps the rows before it', async () => {
    const db = freshDb();
    expect((await importError(db, 'csv/unclosed-quote.csv')).code).toBe('import.invalid_csv');
    const report = await importFixture(db, 'csv/unclosed-quote.csv', { mode: 'lenient' });
    expect(report.rejected.map((r) => r.code)).toEqual(['import.invalid_csv']);
    expect(db.prepare('SELECT external_id FROM posts').pluck().all()).toEqual(['p1']);
  });
});

describe('JSONL of posts', () => {
  test('one post per line, grouped by thread id', async () => {
    const db = freshDb();
    const report = await importFixture(db, 'jsonl/posts.jsonl');
    expect([report.format, report.threads.new, report.posts.new]).toEqual(['jsonl', 2, 3]);
    expect(db.prepare('SELECT external_id, title, tags_json FROM threads ORDER BY id').all()).toEqual([
      { external_id: '5', title: 'JSONL thread', tags_json: '["a","b"]' },
      { external_id: '6', title: 'Another', tags_json: '[]' },
    ]);
  });
});

describe('column mappings', () => {
  test('defaults fill what is not given', () => {
    expect(resolveMapping({ threadId: 'topic' })).toEqual({
      threadId: 'topic',
      postId: 'post_id',
      author: 'author',
      createdAt: 'created_at',
      title: 'title',
      body: 'body',
      category: 'category',
      tags: 'tags',
      bodyFormat: 'text',
    });
  });
  test.each([
    [
      'threadId',
      { thread: 'x' },
      'Bad column mapping: unknown field "thread"; use threadId, postId, author, createdAt, title, body, category, tags, bodyFormat.',
    ],
    ['bodyFormat', { bodyFormat: 'markdown' }, 'Bad column mapping: bodyFormat must be text or html.'],
  ])('rejects a bad %s', (_, partial, message) => {
    expect(() => resolveMapping(partial)).toThrow(message);
  });
  test('a spec that is not field=column', () => {
    expect(() => parseMappingSpec('threadId')).toThrow('Bad column mapping: "threadId" is not field=column.');
  });
});
