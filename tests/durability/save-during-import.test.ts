// Coders keep saving while an import runs on its worker thread: every save must succeed,
// including those that wait for the import's store transaction (which holds the write lock)
// to commit. A save's transaction must take the write lock before it reads (BEGIN IMMEDIATE):
// a deferred one that read first finds its snapshot stale once the import commits, and SQLite
// fails it at once with SQLITE_BUSY_SNAPSHOT instead of waiting.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../../apps/api/src/auth/cookie.ts';
import { createSession } from '../../apps/api/src/auth/sessions.ts';
import { openDb } from '../../apps/api/src/db/open.ts';
import type { ImportRecord } from '../../apps/api/src/import/index.ts';
import { buildCodingStudy, codeSets } from '../../bench/lib/coding-study.ts';
import { writeDiscourseDump } from '../../bench/lib/discourse-dump.ts';
import { call, connect, startServer, type ServerProcess } from '../../bench/lib/server-process.ts';
import { addUser } from '../support/test-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'threadcoder-durability-save-import-'));
const dbPath = join(dir, 'busy.db');
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('saving codings while an import stores', () => {
  it('answers every save 200, before, during and after the import’s store transaction', async () => {
    const dump = join(dir, 'forum.jsonl');
    await writeDiscourseDump(dump, { topics: 2_000, posts: 20_000, seed: 5 });
    const study = await buildCodingStudy(dbPath, { coders: 8, unitsEach: 8 });
    const db = openDb(dbPath);
    const adminCookie = `${sessionCookie}=${createSession(db, (await addUser(db, 'admin', { isAdmin: true })).id, 3600_000).token}`;
    db.close();
    server = await startServer(dbPath);
    const admin = connect(server.origin, adminCookie);
    const res = await admin.client.request({
      path: '/api/imports?source=Big%20forum&filename=forum.jsonl',
      method: 'POST',
      headers: { origin: admin.origin, cookie: adminCookie, 'content-type': 'application/octet-stream' },
      body: createReadStream(dump),
    });
    const answer = (await res.body.json()) as { import: ImportRecord };
    expect({ status: res.statusCode, answer }).toMatchObject({ status: 202, answer: { import: {} } });
    const importId = answer.import.id;

    let importDone = false;
    const failures: string[] = [];
    let saves = 0;
    let savesWhileStoring = 0;
    let storing = false;
    const savers = study.coders.map(async (coder, c) => {
      const s = connect(server!.origin, coder.cookie);
      for (let i = 0; !importDone; i++) {
        const unitId = coder.units[i % coder.units.length]!;
        const wasStoring = storing;
        const r = await call(s, 'PUT', `/api/studies/${study.studyId}/units/${unitId}/coding`, {
          codeIds: codeSets[(i + c) % codeSets.length],
          memo: `save ${i}`,
        });
        if (r.status !== 200) failures.push(`${r.status} ${JSON.stringify(r.body)}`);
        saves++;
        if (wasStoring && storing) savesWhileStoring++;
      }
      await s.client.close();
    });
    let final: ImportRecord;
    for (;;) {
      final = ((await call(admin, 'GET', `/api/imports/${importId}`)).body as { import: ImportRecord }).import;
      storing = final.status === 'running' && final.bytesRead === final.bytesTotal;
      if (final.status === 'succeeded' || final.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    importDone = true;
    await Promise.all(savers);
    await admin.client.close();
    expect(final.status, JSON.stringify(final.error)).toBe('succeeded');
    expect(failures.slice(0, 3), server.stderr()).toEqual([]);
    expect(saves).toBeGreaterThan(0);
    // Saves were sent and answered while the import was storing, not only around it.
    expect(savesWhileStoring).toBeGreaterThan(0);
    await server.stop();
  });
});
