import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runImportFile } from '../../apps/api/src/import/run.ts';
import { fixture, freshDb, importFixture, tempDir } from './helpers.ts';

describe('Perceval JSON lines (perceval discourse --json-line)', () => {
  test('imports the topic inside each item, detected without --format', async () => {
    const db = freshDb();
    const report = await importFixture(db, 'perceval/discourse.jsonl', { baseUrl: 'https://discuss.huggingface.co' });
    expect(report).toMatchObject({
      format: 'discourse',
      threads: { new: 2, updated: 0, unchanged: 0 },
      posts: { new: 4, updated: 0, unchanged: 0 },
      rejected: [],
    });
    expect(
      db.prepare('SELECT external_id, title, tags_json, url, views, created_at FROM threads ORDER BY id').all(),
    ).toEqual([
      {
        external_id: '8010',
        title: 'Loading a tokenizer from a local folder',
        tags_json: '["tokenizers"]',
        url: 'https://discuss.huggingface.co/t/tokenizer-local-folder/8010',
        views: 311,
        created_at: '2020-09-06T09:38:00.000Z',
      },
      {
        external_id: '8023',
        title: 'Fine-tuning T5 for summarization',
        tags_json: '[]',
        url: 'https://discuss.huggingface.co/t/t5-summarization-guide/8023',
        views: 87,
        created_at: '2020-10-01T14:20:00.000Z',
      },
    ]);
    // The third post is one Perceval fetched on its own (/posts/{id}.json), appended to post_stream.posts.
    expect(
      db.prepare('SELECT external_id, post_number, reply_to, author, like_count FROM posts ORDER BY id').all(),
    ).toEqual([
      { external_id: '80101', post_number: 1, reply_to: null, author: 'lysandre', like_count: null },
      { external_id: '80102', post_number: 2, reply_to: 1, author: 'sgugger', like_count: 3 },
      { external_id: '80107', post_number: 3, reply_to: 2, author: 'lysandre', like_count: null },
      { external_id: '80230', post_number: 1, reply_to: null, author: 'patrickvonplaten', like_count: null },
    ]);
  });

  test('an item of another Perceval backend is refused with its line and field', async () => {
    const db = freshDb();
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'github.jsonl');
      const item = {
        backend_name: 'GitHub',
        category: 'issue',
        data: { id: 1 },
        origin: 'https://github.com/x/y',
        uuid: 'a',
      };
      writeFileSync(file, `${JSON.stringify(item)}\n`);
      const err = await runImportFile(db, file, { source: 'forum', format: 'discourse' }).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'import.wrong_type',
        where: { file: 'github.jsonl', line: 1, field: 'backend_name' },
        message:
          'Expected a Perceval item of the Discourse backend but found "GitHub" (github.jsonl, line 1, backend_name).',
      });
    } finally {
      cleanup();
    }
  });

  test("a bad field inside the item's topic is located under data", async () => {
    const db = freshDb();
    const lines = (await import('node:fs')).readFileSync(fixture('perceval/discourse.jsonl'), 'utf8').split('\n');
    const item = JSON.parse(lines[1]!);
    item.data.created_at = 'yesterday';
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'perceval.jsonl');
      writeFileSync(file, `${lines[0]}\n${JSON.stringify(item)}\n`);
      const err = await runImportFile(db, file, { source: 'forum' }).catch((e: unknown) => e);
      expect(err).toMatchObject({
        code: 'import.invalid_date',
        where: { file: 'perceval.jsonl', line: 2, field: 'data.created_at' },
      });
    } finally {
      cleanup();
    }
  });
});
