// A big import is done before its search index is built; the server's catch-up worker then
// indexes it in short write transactions. Coders saving meanwhile must never be starved of
// the write lock (the API's busy timeout is 5 s): every save answers 200, and the index
// catches up, with search finding the imported posts afterwards.
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../../apps/api/src/auth/cookie.ts';
import { createSession } from '../../apps/api/src/auth/sessions.ts';
import { openDb } from '../../apps/api/src/db/open.ts';
import type { SearchIndexState } from '../../apps/api/src/db/search-catchup.ts';
import type { ImportRecord } from '../../apps/api/src/import/index.ts';
import { buildCodingStudy, codeSets } from '../../bench/lib/coding-study.ts';
import { writeDiscourseDump } from '../../bench/lib/discourse-dump.ts';
import { call, connect, startServer, type ServerProcess } from '../../bench/lib/server-process.ts';
import { addUser } from '../support/test-app.ts';

const dir = mkdtempSync(join(tmpdir(), 'threadcoder-durability-catchup-'));
const dbPath = join(dir, 'catchup.db');
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

describe('saving codings while the search index catches up', () => {
  it('answers every save 200 while the server indexes a big import, which search then finds', async () => {
    const dump = join(dir, 'forum.jsonl');
    await writeDiscourseDump(dump, { topics: 1_000, posts: 10_000, seed: 7 });
    const study = await buildCodingStudy(dbPath, { coders: 4, unitsEach: 8 });
    const db = openDb(dbPath);
    const adminCookie = `${sessionCookie}=${createSession(db, (await addUser(db, 'admin', { isAdmin: true })).id, 3600_000).token}`;
    const before = db.prepare('SELECT count(*) FROM posts').pluck().get() as number;
    db.close();
    server = await startServer(dbPath);
    const admin = connect(server.origin, adminCookie);
    const res = await admin.client.request({
      path: '/api/imports?source=Big%20forum&filename=forum.jsonl',
      method: 'POST',
      headers: { origin: admin.origin, cookie: adminCookie, 'content-type': 'application/octet-stream' },
      body: createReadStream(dump),
    });
    expect(res.statusCode).toBe(202);
    const importId = ((await res.body.json()) as { import: ImportRecord }).import.id;
    let record: ImportRecord;
    do {
      await new Promise((r) => setTimeout(r, 50));
      record = ((await call(admin, 'GET', `/api/imports/${importId}`)).body as { import: ImportRecord }).import;
    } while (record.status === 'queued' || record.status === 'running');
    expect(record.status, JSON.stringify(record.error)).toBe('succeeded');
    // Done with its rows committed, and not yet indexed.
    expect(record.report!.search).toEqual({ state: 'indexing', pending: 10_000, pendingThreads: 1_000 });

    let indexing = true;
    const failures: string[] = [];
    let savesWhileIndexing = 0;
    const savers = study.coders.map(async (coder, c) => {
      const s = connect(server!.origin, coder.cookie);
      for (let i = 0; indexing; i++) {
        const r = await call(
          s,
          'PUT',
          `/api/studies/${study.studyId}/units/${coder.units[i % coder.units.length]!}/coding`,
          { codeIds: codeSets[(i + c) % codeSets.length], memo: `save ${i}` },
        );
        if (r.status !== 200) failures.push(`${r.status} ${JSON.stringify(r.body)}`);
        if (indexing) savesWhileIndexing++;
      }
      await s.client.close();
    });
    let state: SearchIndexState;
    do {
      await new Promise((r) => setTimeout(r, 50));
      state = (await call(admin, 'GET', '/api/threads/search-index')).body as SearchIndexState;
    } while (state.state === 'indexing');
    indexing = false;
    await Promise.all(savers);
    expect(failures.slice(0, 3), server.stderr()).toEqual([]);
    expect(savesWhileIndexing).toBeGreaterThan(0);
    // Every imported thread is found by a word of its title ("Topic 1234: …"); the integrity check below covers the posts.
    const page = (await call(admin, 'GET', `/api/threads?q=topic&source=${record.sourceId}&limit=1`)).body as {
      total: number;
      search: SearchIndexState;
    };
    expect([page.total, page.search]).toEqual([1_000, { state: 'ready', pending: 0, pendingThreads: 0 }]);
    await admin.client.close();
    await server.stop();
    const check = openDb(dbPath);
    expect(check.prepare('SELECT count(*) FROM posts').pluck().get()).toBe(before + 10_000);
    for (const fts of ['posts_fts', 'threads_fts'])
      check.prepare(`INSERT INTO ${fts} (${fts}, rank) VALUES ('integrity-check', 1)`).run();
    check.close();
  }, 180_000);
});
