// Import jobs on a temporary database file: the worker thread opens its own connection.
import { copyFileSync, existsSync } from 'node:fs';
import { afterAll, describe, expect, test } from 'vitest';
import { openDb } from '../../apps/api/src/db/open.ts';
import {
  createImport,
  executeImport,
  failInterruptedImports,
  getImport,
  listImports,
  startImport,
} from '../../apps/api/src/import/index.ts';
import { fixture, tempDir } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
let n = 0;
const dbPath = () => `${tmp.dir}/jobs-${++n}.db`;

describe('startImport', () => {
  test('runs on a worker thread and records the report', async () => {
    const path = dbPath();
    const { importId, done } = await startImport(path, {
      sourceName: 'hf',
      file: fixture('discourse/topics.jsonl'),
      baseUrl: 'https://discuss.huggingface.co',
      userId: undefined,
    });
    const record = await done;
    expect(record).toMatchObject({
      id: importId,
      sourceName: 'hf',
      filename: 'topics.jsonl',
      format: 'discourse',
      mode: 'strict',
      status: 'succeeded',
      error: null,
    });
    expect(record.bytesTotal).toBe(record.bytesRead);
    expect(record.report?.posts).toEqual({ new: 5, updated: 0, unchanged: 0 });
    const db = openDb(path);
    expect(db.prepare('SELECT DISTINCT import_id FROM threads').pluck().all()).toEqual([importId]);
    db.close();
  });

  test('a failed import records error_json and stores nothing', async () => {
    const path = dbPath();
    const { done } = await startImport(path, { sourceName: 'hf', file: fixture('errors/bad-dates.jsonl') });
    const record = await done;
    expect([record.status, record.error]).toEqual([
      'failed',
      {
        code: 'import.invalid_date',
        message:
          'Invalid date "2023-02-30T10:00:00Z": month 2 of 2023 has no day 30 (bad-dates.jsonl, line 2, created_at).',
        where: { file: 'bad-dates.jsonl', line: 2, field: 'created_at' },
      },
    ]);
    const db = openDb(path);
    expect(db.prepare('SELECT count(*) FROM posts').pluck().get()).toBe(0);
    db.close();
  });

  test('bad input is refused before anything is queued, and the upload removed', async () => {
    const path = dbPath();
    const upload = `${tmp.dir}/upload-bin.tmp`;
    copyFileSync(fixture('errors/binary.json'), upload);
    await expect(startImport(path, { sourceName: 'hf', file: upload, deleteFile: true })).rejects.toMatchObject({
      code: 'import.binary_file',
    });
    expect(existsSync(upload)).toBe(false);
    const db = openDb(path);
    expect(listImports(db)).toEqual([]);
    db.close();
  });

  test('deleteFile removes an uploaded file when the job ends', async () => {
    const upload = `${tmp.dir}/upload-123.tmp`;
    copyFileSync(fixture('discourse/topic-1001.json'), upload);
    const { done } = await startImport(dbPath(), {
      sourceName: 'hf',
      file: upload,
      fileName: 'topic.json',
      format: 'discourse',
      deleteFile: true,
    });
    expect((await done).filename).toBe('topic.json');
    expect(existsSync(upload)).toBe(false);
  });
});

describe('the imports table', () => {
  test('one import per source at a time; interrupted ones are failed at start-up', async () => {
    const db = openDb(dbPath());
    const first = await createImport(db, { sourceName: 'hf', file: fixture('discourse/topics.jsonl') });
    await expect(createImport(db, { sourceName: 'hf', file: fixture('discourse/topics.json') })).rejects.toMatchObject({
      code: 'import.busy',
      status: 409,
    });
    expect(getImport(db, first)?.status).toBe('queued');
    expect(failInterruptedImports(db)).toBe(1);
    expect(getImport(db, first)?.error?.code).toBe('import.interrupted');
    const second = await createImport(db, {
      sourceName: 'hf',
      file: fixture('discourse/topics.json'),
      mode: 'lenient',
    });
    expect((await executeImport(db, second)).report?.threads.new).toBe(2);
    expect(listImports(db).map((r) => [r.id, r.status, r.mode])).toEqual([
      [second, 'succeeded', 'lenient'],
      [first, 'failed', 'strict'],
    ]);
    db.close();
  });
});
