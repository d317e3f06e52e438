import { describe, expect, test } from 'vitest';
import { counts, freshDb, importError, importFixture } from './helpers.ts';

describe('Stack Exchange Posts.xml', () => {
  test('questions become threads: the question is post 1, answers follow by date', async () => {
    const db = freshDb();
    const report = await importFixture(db, 'stackexchange/Posts.xml', {
      baseUrl: 'https://datascience.stackexchange.com',
    });
    expect(report.skipped).toEqual([{ reason: 'Stack Exchange tag wiki excerpts', count: 1 }]);
    expect(
      db.prepare('SELECT external_id, title, tags_json, url, views, created_at FROM threads ORDER BY id').all(),
    ).toEqual([
      {
        external_id: '10',
        title: 'Freezing BERT layers',
        tags_json: '["python","bert"]',
        url: 'https://datascience.stackexchange.com/questions/10',
        views: 250,
        created_at: '2020-05-01T10:00:00.000Z',
      },
      {
        external_id: '20',
        title: 'Dataset upload fails',
        tags_json: '["datasets","hub"]',
        url: 'https://datascience.stackexchange.com/questions/20',
        views: 31,
        created_at: '2021-01-01T00:00:00.000Z',
      },
    ]);
    const posts = db
      .prepare(
        'SELECT t.external_id AS thread, p.external_id AS post, post_number, author, like_count FROM posts p JOIN threads t ON t.id = p.thread_id ORDER BY t.id, post_number',
      )
      .all();
    expect(posts).toEqual([
      { thread: '10', post: '10', post_number: 1, author: 'ann', like_count: 7 },
      { thread: '10', post: '12', post_number: 2, author: 'ben', like_count: 5 },
      { thread: '10', post: '11', post_number: 3, author: 'user 102', like_count: 1 },
      // The answer came before its question in the file.
      { thread: '20', post: '20', post_number: 1, author: 'user 104', like_count: 2 },
      { thread: '20', post: '21', post_number: 2, author: 'user 103', like_count: 0 },
    ]);
  });

  test('entity-encoded bodies are decoded, then sanitized', async () => {
    const db = freshDb();
    await importFixture(db, 'stackexchange/Posts.xml');
    expect(db.prepare(`SELECT html, text FROM posts WHERE external_id = '12'`).get()).toEqual({
      html: '<p>Loop over <code>model.bert.parameters()</code>.</p>',
      text: 'Loop over model.bert.parameters().',
    });
  });

  test('strict: an orphan answer fails the import with its line', async () => {
    const db = freshDb();
    const err = await importError(db, 'stackexchange/orphans.xml');
    expect([err.code, err.where, err.message]).toEqual([
      'import.orphan_answer',
      { file: 'orphans.xml', line: 5 },
      'Answer 3 belongs to question 99, which is not in the file (orphans.xml, line 5).',
    ]);
    expect(counts(db)).toEqual({ sources: 0, threads: 0, posts: 0 });
  });

  test('lenient: the orphan is listed, the rest lands', async () => {
    const db = freshDb();
    const report = await importFixture(db, 'stackexchange/orphans.xml', { mode: 'lenient' });
    expect(report.rejected).toEqual([
      {
        code: 'import.orphan_answer',
        reason: 'Answer 3 belongs to question 99, which is not in the file (orphans.xml, line 5).',
        where: { file: 'orphans.xml', line: 5 },
      },
    ]);
    expect(counts(db)).toEqual({ sources: 1, threads: 1, posts: 2 });
  });

  test('malformed XML stops the import at its line', async () => {
    const err = await importError(freshDb(), 'stackexchange/malformed.xml', { mode: 'lenient' });
    expect(err.code).toBe('import.invalid_xml');
    expect(err.message).toBe('Malformed XML: disallowed character (malformed.xml, line 4, column 88).');
  });
});
