// removeOrphanedStaging at server start: a leftover it cannot remove (another user's directory
// in a shared /tmp) is logged and skipped, and start-up goes on to remove the others.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, expect, test, vi } from 'vitest';
import { removeOrphanedStaging } from '../../apps/api/src/import/staging.ts';
import { tempDir } from './helpers.ts';

// rmSync fails on a directory named "…-foreign" as it would on one we may not delete (root ignores permissions).
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const rmSync: typeof fs.rmSync = (path, options) => {
    if (String(path).endsWith('-foreign'))
      throw Object.assign(new Error(`EACCES: permission denied, rmdir '${String(path)}'`), { code: 'EACCES' });
    return fs.rmSync(path, options);
  };
  return { ...fs, default: { ...fs, rmSync }, rmSync };
});

const tmp = tempDir();
const before = process.env.TMPDIR;
afterEach(() => {
  if (before === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = before;
});
afterAll(() => tmp.cleanup());

test('a leftover that cannot be removed is logged, and the others are still removed', () => {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((s: string) => void errors.push(s));
  const foreign = `threadcoder-staging-${process.pid}-foreign`;
  const mine = `threadcoder-staging-${process.pid}-zz9Qa1`;
  for (const name of [foreign, mine]) mkdirSync(join(tmp.dir, name, 'x'), { recursive: true });
  process.env.TMPDIR = tmp.dir; // os.tmpdir() reads it on each call

  expect(() => removeOrphanedStaging()).not.toThrow();

  expect([existsSync(join(tmp.dir, foreign)), existsSync(join(tmp.dir, mine))]).toEqual([true, false]);
  expect(errors.map((e) => JSON.parse(e).error)).toEqual([
    `could not remove old import staging ${join(tmp.dir, foreign)}: EACCES: permission denied, rmdir '${join(tmp.dir, foreign)}'`,
  ]);
  vi.restoreAllMocks();
});
