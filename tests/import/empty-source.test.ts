// Issues #21.8 / #17.8: a failed import or a refused collection leaves no empty source behind.
// A new source is created only when something is stored in it; the import or collection record
// names the source it was for, and a lenient import that rejected every record fails.
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../apps/api/src/cli/import.ts';
import { openDb, type Db } from '../../apps/api/src/db/open.ts';
import { createImport, executeImport } from '../../apps/api/src/import/index.ts';
import { collect, freshDb as freshCollectDb } from '../collect/helpers.ts';
import { startReplayServer, type ReplayServer } from '../collect/replay-server.ts';
import { fixture, freshDb, tempDir } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const sources = (db: Db) => db.prepare('SELECT name FROM sources').pluck().all();

describe('threadcoder import', () => {
  let n = 0;
  let err: string[];
  beforeEach(() => {
    process.env.THREADCODER_DB = `${tmp.dir}/empty-${++n}.db`;
    err = [];
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation((s: string) => void err.push(s));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.THREADCODER_DB;
  });

  test('--lenient with every record rejected: exits 2, says why, and leaves no source, thread or post', async () => {
    expect(await run([fixture('errors/all-bad-dates.jsonl'), '--source', 'hf', '--lenient'])).toBe(2);
    expect(err).toEqual([
      'Import failed (import.all_rejected): Every record was rejected (3), so nothing was imported. The first: Invalid date "2023-02-30T10:00:00Z": month 2 of 2023 has no day 30 (all-bad-dates.jsonl, line 1, created_at). Fix the file (or the column mapping) and import it again.',
    ]);
    const db = openDb();
    try {
      expect(sources(db)).toEqual([]);
      expect(db.prepare('SELECT count(*) FROM threads').pluck().get()).toBe(0);
      expect(db.prepare('SELECT source_id, source_name, status FROM imports').all()).toEqual([
        { source_id: null, source_name: 'hf', status: 'failed' },
      ]);
    } finally {
      db.close();
    }
  });
});

describe('an import job', () => {
  test('a strict import that fails into a new name creates no source; its record names the source', async () => {
    const db = freshDb();
    const id = await createImport(db, { sourceName: 'hf', file: fixture('errors/bad-dates.jsonl'), userId: undefined });
    const record = await executeImport(db, id);
    expect([record.status, record.sourceId, record.sourceName, record.error?.code]).toEqual([
      'failed',
      null,
      'hf',
      'import.invalid_date',
    ]);
    expect(sources(db)).toEqual([]);
  });

  test('a good import creates its source then, and points its record at it', async () => {
    const db = freshDb();
    const id = await createImport(db, { sourceName: 'hf', file: fixture('discourse/topics.jsonl') });
    expect(sources(db)).toEqual([]);
    const record = await executeImport(db, id);
    expect(record.status).toBe('succeeded');
    expect(record.sourceId).toBe(db.prepare("SELECT id FROM sources WHERE name = 'hf'").pluck().get());
  });
});

describe('a refused collection', () => {
  let server: ReplayServer;
  beforeEach(async () => {
    server = await startReplayServer();
  });
  afterEach(() => server.close());

  test('a 404 listing: no source is created, and the message says what to fix (not "run it again")', async () => {
    const db = freshCollectDb();
    server.fail('/latest.json', { status: 404 });
    const { record } = await collect(db, server.url);
    expect(record.status).toBe('failed');
    expect([record.sourceId, record.sourceName]).toEqual([null, 'forum']);
    expect(record.error).toEqual({
      code: 'collect.http',
      message:
        'The forum refused the collection: /latest.json answered HTTP 404. Check the forum address (the site itself, e.g. https://discuss.huggingface.co) and the category, if you gave one.',
    });
    expect(sources(db)).toEqual([]);
  });

  test('a collection that stores a topic creates its source then, and records it', async () => {
    const db = freshCollectDb();
    const { record } = await collect(db, server.url, { maxTopics: 1 });
    expect(record.status).toBe('succeeded');
    expect(sources(db)).toEqual(['forum']);
    expect(record.sourceId).toBe(db.prepare("SELECT id FROM sources WHERE name = 'forum'").pluck().get());
  });
});
