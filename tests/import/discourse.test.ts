import { readFileSync, writeFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, test } from 'vitest';
import { runImportFile } from '../../apps/api/src/import/run.ts';
import { fixture, freshDb, importFixture, tempDir } from './helpers.ts';

const base = { baseUrl: 'https://discuss.huggingface.co' };

describe('Discourse topic JSON', () => {
  test('keeps category, tags, views, likes, replies and the topic URL', async () => {
    const db = freshDb();
    const report = await importFixture(db, 'discourse/topic-1001.json', base);
    expect(report).toEqual({
      format: 'discourse',
      threads: { new: 1, updated: 0, unchanged: 0 },
      posts: { new: 2, updated: 0, unchanged: 0 },
      rejected: [],
      rejectedOmitted: 0,
      skipped: [{ reason: 'Discourse small-action posts (post_type 3: topic closed, pinned, …)', count: 1 }],
      // A small import indexes its rows in its own transaction.
      search: { state: 'ready', pending: 0, pendingThreads: 0 },
      links: { relative: 0, baseUrl: 'https://discuss.huggingface.co' },
    });
    expect(
      db.prepare('SELECT external_id, title, category, tags_json, url, views, created_at FROM threads').get(),
    ).toEqual({
      external_id: '1001',
      title: 'CUDA out of memory when fine-tuning BERT',
      category: '9',
      tags_json: '["transformers","cuda"]',
      url: 'https://discuss.huggingface.co/t/cuda-out-of-memory-when-fine-tuning-bert/1001',
      views: 1532,
      created_at: '2022-03-14T09:26:53.589Z',
    });
    expect(db.prepare('SELECT tag FROM thread_tags ORDER BY tag').pluck().all()).toEqual(['cuda', 'transformers']);
    expect(
      db
        .prepare(
          'SELECT external_id, post_number, reply_to, author, created_at, like_count, text FROM posts ORDER BY post_number',
        )
        .all(),
    ).toEqual([
      {
        external_id: '50001',
        post_number: 1,
        reply_to: null,
        author: 'alice',
        created_at: '2022-03-14T09:26:53.679Z',
        like_count: 2,
        text: 'I call trainer.train() and get:\nRuntimeError: CUDA out of memory.\nSee this topic.',
      },
      {
        external_id: '50002',
        post_number: 2,
        reply_to: 1,
        author: 'bob',
        created_at: '2022-03-14T10:02:11.000Z',
        like_count: 5,
        text: 'Lower per_device_train_batch_size & use gradient accumulation:\nbatch size 4\naccumulation 8',
      },
    ]);
    expect(db.prepare('SELECT html FROM posts WHERE post_number = 2').pluck().get()).toContain(
      '<img src="https://discuss.huggingface.co/uploads/default/original/1X/abc.png" alt="chart" />',
    );
  });

  test('a JSON array of topics, streamed; its locations are array paths', async () => {
    const db = freshDb();
    const report = await importFixture(db, 'discourse/topics.json');
    expect([report.threads.new, report.posts.new]).toEqual([2, 3]);
    expect(db.prepare('SELECT external_id FROM threads ORDER BY id').pluck().all()).toEqual(['3001', '3002']);
  });

  test('JSONL with one topic per line; dates with offsets become UTC', async () => {
    const db = freshDb();
    await importFixture(db, 'discourse/topics.jsonl');
    expect(db.prepare('SELECT external_id, created_at FROM threads ORDER BY id').all()).toEqual([
      { external_id: '2001', created_at: '2021-06-01T08:00:00.000Z' },
      { external_id: '2002', created_at: '2021-07-15T10:00:00.000Z' },
      { external_id: '2003', created_at: '2023-01-02T00:00:00.000Z' },
    ]);
  });

  test('the posts are full-text searchable, with stemming', async () => {
    const db = freshDb();
    await importFixture(db, 'discourse/topics.jsonl');
    const hits = db
      .prepare(
        `SELECT p.external_id FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid WHERE posts_fts MATCH 'pushing' ORDER BY p.id`,
      )
      .pluck()
      .all();
    expect(hits).toEqual(['60001', '60002']); // "push" and push_to_hub()
  });
});

describe('a zip of topic files', () => {
  test('imports every .json/.jsonl entry and counts the others as skipped', async () => {
    const tmp = tempDir();
    try {
      const zip = zipSync({
        't/1001.json': readFileSync(fixture('discourse/topic-1001.json')),
        'more/topics.jsonl': readFileSync(fixture('discourse/topics.jsonl')),
        'README.txt': strToU8('not a topic'),
      });
      writeFileSync(`${tmp.dir}/dump.zip`, zip);
      const db = freshDb();
      const report = await runImportFile(db, `${tmp.dir}/dump.zip`, { source: 'hf' });
      expect([report.format, report.threads.new, report.posts.new]).toEqual(['discourse', 4, 7]);
      expect(report.skipped).toContainEqual({ reason: 'zip entries that are not .json or .jsonl files', count: 1 });
    } finally {
      tmp.cleanup();
    }
  });

  test('errors inside an entry name the archive and the entry', async () => {
    const tmp = tempDir();
    try {
      writeFileSync(`${tmp.dir}/dump.zip`, zipSync({ 'bad.jsonl': readFileSync(fixture('errors/bad-dates.jsonl')) }));
      const err = await runImportFile(freshDb(), `${tmp.dir}/dump.zip`, { source: 'hf' }).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'import.invalid_date',
        where: { file: 'dump.zip:bad.jsonl', line: 2, field: 'created_at' },
      });
    } finally {
      tmp.cleanup();
    }
  });
});
