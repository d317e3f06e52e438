// Zip bombs are generated here rather than committed: a few MB of zeros deflate to a few KB.
import { readFileSync, writeFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, test } from 'vitest';
import { runImportFile } from '../../apps/api/src/import/run.ts';
import type { ImportLimits } from '../../apps/api/src/import/types.ts';
import { counts, freshDb, tempDir } from './helpers.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function writeZip(name: string, entries: Record<string, Uint8Array>): string {
  const path = `${tmp.dir}/${name}`;
  writeFileSync(path, zipSync(entries, { level: 9 }));
  return path;
}

async function failure(path: string, limits: Partial<ImportLimits> = {}) {
  const db = freshDb();
  const err = await runImportFile(db, path, { source: 'forum', mode: 'lenient', limits }).catch((e: unknown) => e);
  expect(counts(db)).toEqual({ sources: 0, threads: 0, posts: 0 });
  return err as { code: string; message: string; where: unknown };
}

const topic = (id: number) =>
  new TextEncoder().encode(
    JSON.stringify({
      id,
      title: `T${id}`,
      created_at: '2022-01-01T00:00:00Z',
      post_stream: { posts: [{ id, post_number: 1, created_at: '2022-01-01T00:00:00Z', cooked: '<p>x</p>' }] },
    }),
  );

describe('zip bomb guards', () => {
  test('a compression ratio over the limit (32 MB of zeros in ~32 KB)', async () => {
    const path = writeZip('ratio.zip', { 'bomb.json': new Uint8Array(32 * 1024 * 1024) });
    const err = await failure(path);
    expect(err.code).toBe('import.zip_bomb');
    expect(err.where).toEqual({ file: 'ratio.zip:bomb.json' });
    expect(err.message).toMatch(
      /^Refusing the zip archive: the entry is compressed \d+:1 \(limit 100:1\) \(ratio\.zip:bomb\.json\)\.$/,
    );
  });

  test('an entry that inflates past zipMaxEntryBytes', async () => {
    const path = writeZip('entry.zip', { 'a.json': topic(1) });
    const err = await failure(path, { zipMaxEntryBytes: 50 });
    expect([err.code, err.where]).toEqual(['import.zip_bomb', { file: 'entry.zip:a.json' }]);
  });

  test('entries that together inflate past zipMaxTotalBytes', async () => {
    const path = writeZip('total.zip', { 'a.json': topic(1), 'b.json': topic(2), 'c.json': topic(3) });
    const err = await failure(path, { zipMaxTotalBytes: 400 });
    expect([err.code, err.where]).toEqual(['import.zip_bomb', { file: 'total.zip:c.json' }]);
  });

  test('more entries than zipMaxEntries', async () => {
    const entries = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`t/${i}.json`, topic(i)]));
    const err = await failure(writeZip('many.zip', entries), { zipMaxEntries: 5 });
    expect([err.code, err.message]).toEqual([
      'import.zip_bomb',
      'Refusing the zip archive: 6 entries (limit 5) (many.zip).',
    ]);
  });

  test('within the limits the same archive imports', async () => {
    const db = freshDb();
    const path = writeZip('fine.zip', { 'a.json': topic(1), 'b.json': topic(2), 'c.json': topic(3) });
    const report = await runImportFile(db, path, { source: 'forum' });
    expect(report.threads.new).toBe(3);
  });

  test('a damaged archive', async () => {
    const path = writeZip('cut.zip', { 'a.json': topic(1) });
    writeFileSync(path, readFileSync(path).subarray(0, 40));
    const err = await failure(path);
    expect([err.code, err.where]).toEqual(['import.invalid_zip', { file: 'cut.zip' }]);
  });
});
