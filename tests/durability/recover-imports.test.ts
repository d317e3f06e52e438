// What server start-up does with imports a killed server left queued or running
// (recoverInterruptedImports, called by server.ts before anything else runs).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { openDb } from '../../apps/api/src/db/open.ts';
import { createImport, executeImport, getImport, recoverInterruptedImports } from '../../apps/api/src/import/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'threadcoder-recover-imports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string) => join(import.meta.dirname, '../fixtures/import', name);

describe('recoverInterruptedImports', () => {
  test('fails queued and running imports, says whether their store had committed, and deletes their uploads', async () => {
    const db = openDb(join(dir, 'recover.db'));
    const upload = join(dir, 'upload-1.part');
    copyFileSync(fixture('discourse/topics.jsonl'), upload);
    const parsing = await createImport(db, { sourceName: 'a', file: upload, deleteFile: true });
    db.prepare(`UPDATE imports SET status = 'running' WHERE id = ?`).run(parsing);
    const queued = await createImport(db, { sourceName: 'b', file: fixture('discourse/topics.json') });
    // Killed after its store transaction committed, before its report was recorded: the import ran
    // whole, then its row is put back to running as the kill left it.
    const stored = await createImport(db, { sourceName: 'c', file: fixture('discourse/topics.jsonl') });
    expect((await executeImport(db, stored)).status).toBe('succeeded');
    db.prepare(`UPDATE imports SET status = 'running', report_json = NULL, finished_at = NULL WHERE id = ?`).run(
      stored,
    );
    const done = await createImport(db, { sourceName: 'd', file: fixture('discourse/topics.json') });
    await executeImport(db, done);

    expect(recoverInterruptedImports(db)).toBe(3);

    const nothingStored = 'The server stopped while this import ran; nothing from it was stored. Start it again.';
    expect([parsing, queued, stored, done].map((id) => [getImport(db, id)?.status, getImport(db, id)?.error])).toEqual([
      ['failed', { code: 'import.interrupted', message: nothingStored }],
      ['failed', { code: 'import.interrupted', message: nothingStored }],
      [
        'failed',
        {
          code: 'import.interrupted',
          message:
            'The server stopped just after this import stored its threads and posts; they are all there, but its report was lost.',
        },
      ],
      ['succeeded', null],
    ]);
    expect(getImport(db, parsing)?.finishedAt).not.toBeNull();
    expect(existsSync(upload)).toBe(false);
    // The fixtures it was not told to delete are still there.
    expect(existsSync(fixture('discourse/topics.json'))).toBe(true);
    expect(recoverInterruptedImports(db)).toBe(0);
    db.close();
  });

  // Its own pid's files are leftovers too: it runs before any import, and a restarted container's server has the killed one's pid (1).
  test('deletes the staging files of dead processes and of its own pid, not those of other live processes', () => {
    const db = openDb(join(dir, 'staging.db'));
    const tmp = join(dir, 'tmp');
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid!;
    const live = `threadcoder-staging-${process.ppid}-Lv4eCl`;
    for (const name of [
      `threadcoder-staging-${deadPid}-aB3dE9`,
      `threadcoder-staging-${process.pid}-xY7zQ1`,
      live,
      'threadcoder-staging-old',
      'other-file',
    ]) {
      mkdirSync(join(tmp, name), { recursive: true });
    }
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp; // os.tmpdir() reads it on each call
    try {
      recoverInterruptedImports(db);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
    expect(readdirSync(tmp).sort()).toEqual(['other-file', live, 'threadcoder-staging-old']);
    db.close();
  });
});
