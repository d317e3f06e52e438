// Issue #16.13: what the server writes about a forum and its people is readable by its owner only,
// whatever the umask: the database and its -wal and -shm, the uploads folder, the demo passwords.
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { openDb } from '../../apps/api/src/db/open.ts';
import { seedDemo } from '../../apps/api/src/demo/seed.ts';
import { loggedIn } from '../support/agent.ts';
import { addUser, makeTestApp, origin } from '../support/test-app.ts';

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);

let dir: string;
let umask: number;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'threadcoder-modes-'));
  umask = process.umask(0o022); // the usual default: files world-readable unless asked otherwise
});
afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

test('a new database, its -wal and -shm, and a new data folder are owner-only (600, 700)', () => {
  const path = join(dir, 'data', 'threadcoder.db');
  const db = openDb(path);
  try {
    db.prepare("INSERT INTO sources (name, kind, created_at) VALUES ('x', 'csv', '2024-01-01')").run();
    expect([mode(join(dir, 'data')), mode(path), mode(`${path}-wal`), mode(`${path}-shm`)]).toEqual([
      '700',
      '600',
      '600',
      '600',
    ]);
  } finally {
    db.close();
  }
});

test('an existing world-readable database of ours is narrowed to owner-only when opened', () => {
  const path = join(dir, 'old.db');
  openDb(path).close();
  chmodSync(path, 0o644);
  openDb(path).close();
  expect(mode(path)).toBe('600');
});

test('the uploads folder and the demo credentials file are owner-only', async () => {
  const t = makeTestApp();
  try {
    await addUser(t.db, 'root', { isAdmin: true });
    const root = await loggedIn(t.app, 'root');
    await t.app.request(`${origin}/api/imports?source=x`, {
      method: 'POST',
      body: 'not a forum dump',
      headers: { origin, cookie: root.cookie, 'content-type': 'application/octet-stream' },
    });
    expect(mode(join(t.dbPath, '..', 'uploads'))).toBe('700');
    process.env.THREADCODER_DEMO_PASSWORD = 'correct horse battery';
    const demo = makeTestApp();
    try {
      await seedDemo(demo.db, demo.dbPath);
      expect(mode(join(demo.dbPath, '..', 'demo-credentials.json'))).toBe('600');
    } finally {
      delete process.env.THREADCODER_DEMO_PASSWORD;
      demo.close();
    }
  } finally {
    t.close();
  }
});
