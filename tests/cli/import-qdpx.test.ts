import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { run } from '../../apps/api/src/cli/import-qdpx.ts';
import { OPERATOR } from '../../apps/api/src/exports/access.ts';
import { exportFile } from '../../apps/api/src/exports/files.ts';
import { smallStudy, type SmallStudy } from '../exports/small-study.ts';
import { captureOutput } from '../support/capture-output.ts';

let s: SmallStudy;
let file: string;
let output: ReturnType<typeof captureOutput>;
beforeEach(async () => {
  s = await smallStudy();
  file = join(s.t.dbPath, '..', 'study.qdpx');
  writeFileSync(file, exportFile(s.t.db, s.studyId, 'qdpx', OPERATOR).body as Uint8Array);
  vi.stubEnv('THREADCODER_DB', s.t.dbPath);
  output = captureOutput();
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  s.t.close();
});

describe('threadcoder import-qdpx', () => {
  test('imports the file as a new study owned by --owner', async () => {
    expect(await run([file, '--owner', 'cora'])).toBe(0);
    const id = s.t.db.prepare('SELECT max(id) FROM studies').pluck().get() as number;
    expect(output.stdout()).toBe(`Study ${id}: 3 units, 5 codings, final labels of 2 units.\n`);
    const owner = s.t.db
      .prepare(
        "SELECT u.username FROM study_members m JOIN users u ON u.id = m.user_id WHERE m.study_id = ? AND m.role = 'owner'",
      )
      .pluck()
      .get(id);
    expect(owner).toBe('cora');
  });

  test('an unknown owner and a file that is no .qdpx are errors; no --owner is a usage error', async () => {
    expect(await run([file, '--owner', 'nobody'])).toBe(1);
    expect(output.stderr()).toBe('There is no user "nobody".\n');
    writeFileSync(file, 'plain text');
    expect(await run([file, '--owner', 'cora'])).toBe(1);
    expect(output.stderr()).toContain('The file is not a .qdpx (a zip archive).');
    expect(await run([file])).toBe(2);
  });
});
