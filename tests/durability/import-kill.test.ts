// SIGKILL of the real server during a 50,000-post import uploaded through the API: after a
// restart the database is intact, the import shows as failed (not running forever), and none
// of it is visible, or all of it. An import parses and sanitizes into a private staging file
// first (phase 1), then stores everything in one transaction (phase 2, import/store.ts); a
// transaction cut off before its commit frame reaches the WAL is discarded on the next open.
import Database from 'better-sqlite3';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../../apps/api/src/auth/cookie.ts';
import { createSession } from '../../apps/api/src/auth/sessions.ts';
import { openDb } from '../../apps/api/src/db/open.ts';
import type { ImportRecord } from '../../apps/api/src/import/index.ts';
import { writeDiscourseDump } from '../../bench/lib/discourse-dump.ts';
import { call, connect, startServer, type ServerProcess, type Session } from '../../bench/lib/server-process.ts';
import { addUser } from '../support/test-app.ts';

const posts = 50_000;
const topics = 5_000;

const dir = mkdtempSync(join(tmpdir(), 'threadcoder-durability-import-'));
const dbPath = join(dir, 'kill.db');
const dump = join(dir, 'forum.jsonl');
// The server's temporary directory (TMPDIR), where an import keeps its staging file.
const tmp = join(dir, 'tmp');
let cookie = '';
let server: ServerProcess;
let admin: Session;

beforeAll(async () => {
  await writeDiscourseDump(dump, { topics, posts, seed: 11 });
  const db = openDb(dbPath);
  cookie = `${sessionCookie}=${createSession(db, (await addUser(db, 'admin', { isAdmin: true })).id, 3600_000).token}`;
  db.close();
  mkdirSync(tmp);
  server = await startServer(dbPath, { env: { TMPDIR: tmp } });
  admin = connect(server.origin, cookie);
});

afterAll(async () => {
  await admin?.client.destroy();
  await server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

async function restart() {
  await admin.client.destroy();
  server = await startServer(dbPath, { env: { TMPDIR: tmp } });
  admin = connect(server.origin, cookie);
}

const stagingFiles = () => readdirSync(tmp).filter((name) => name.startsWith('threadcoder-staging-'));

/** Uploads the dump as the request body; resolves with the queued import's id (202). */
async function upload(): Promise<number> {
  const res = await admin.client.request({
    path: '/api/imports?source=Forum&filename=forum.jsonl',
    method: 'POST',
    headers: { origin: admin.origin, cookie, 'content-type': 'application/octet-stream' },
    body: createReadStream(dump),
  });
  const body = (await res.body.json()) as { import: ImportRecord };
  expect(res.statusCode, JSON.stringify(body)).toBe(202);
  return body.import.id;
}

async function getImport(id: number): Promise<ImportRecord> {
  const res = await call(admin, 'GET', `/api/imports/${id}`);
  expect(res.status).toBe(200);
  return (res.body as { import: ImportRecord }).import;
}

/** Polls the import until `ready` says so; fails if it ends first. */
async function waitFor(id: number, ready: (i: ImportRecord) => boolean): Promise<ImportRecord> {
  for (;;) {
    const found = await getImport(id);
    if (ready(found)) return found;
    if (found.status === 'succeeded' || found.status === 'failed')
      throw new Error(`The import ended first: ${JSON.stringify(found)}\n${server.stderr()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Phase 2 holds the database's write lock for its whole transaction; phase 1 takes it only
 * for a progress update now and then. Seen held on three probes in a row, the import is storing.
 */
async function waitUntilStoring(id: number): Promise<void> {
  const probe = new Database(dbPath, { timeout: 0 });
  const held = () => {
    try {
      probe.exec('BEGIN IMMEDIATE');
      probe.exec('ROLLBACK');
      return false;
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_BUSY') return true;
      throw err;
    }
  };
  try {
    let streak = 0;
    while (streak < 3) {
      const found = await getImport(id);
      if (found.status === 'succeeded' || found.status === 'failed')
        throw new Error(`The import ended before it was seen storing: ${JSON.stringify(found)}`);
      streak = found.bytesRead === found.bytesTotal && held() ? streak + 1 : 0;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    probe.close();
  }
}

function counts() {
  const db = new Database(dbPath, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const n = (sql: string) => db.prepare(sql).pluck().get() as number;
    return { threads: n('SELECT count(*) FROM threads'), posts: n('SELECT count(*) FROM posts') };
  } finally {
    db.close();
  }
}

async function expectInterrupted(id: number) {
  const found = await getImport(id);
  expect(found.status).toBe('failed');
  expect(found.error?.code).toBe('import.interrupted');
  expect(found.finishedAt).not.toBeNull();
}

describe('SIGKILL during a 50,000-post import', () => {
  it('while parsing: after a restart nothing of it is stored and the import shows as interrupted', async () => {
    const id = await upload();
    await waitFor(id, (i) => i.status === 'running' && i.postsRead >= 10_000);
    expect(stagingFiles()).toHaveLength(1);
    await server.kill();
    await restart();
    expect(counts()).toEqual({ threads: 0, posts: 0 });
    await expectInterrupted(id);
    // Neither its upload nor its staging file (as large as the dump) is left behind.
    expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
    expect(stagingFiles()).toEqual([]);
  });

  it('while storing: after a restart the import is absent, not half there, and shows as interrupted', async () => {
    const id = await upload();
    await waitUntilStoring(id);
    await server.kill();
    await restart();
    // The kill lands inside the store transaction (it holds the lock for far longer than the
    // probes take); should it land just after the COMMIT, the import is there whole.
    expect([
      { threads: 0, posts: 0 },
      { threads: topics, posts },
    ]).toContainEqual(counts());
    await expectInterrupted(id);
    expect(stagingFiles()).toEqual([]);
  });

  it('after the crashes the same import completes whole', async () => {
    const id = await upload();
    const done = await waitFor(id, (i) => i.status === 'succeeded');
    expect(done.report?.posts.new).toBe(posts);
    expect(counts()).toEqual({ threads: topics, posts });
  });
});
