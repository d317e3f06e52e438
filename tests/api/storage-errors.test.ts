// Issue #16.12: a write the disk refuses (read-only, full, failing) answers 503 naming the cause,
// not a generic 500, and the server stays up.
import Database from 'better-sqlite3';
import { Hono } from 'hono';
import { afterEach, expect, test } from 'vitest';
import { createApp } from '../../apps/api/src/app.ts';
import { loadConfig } from '../../apps/api/src/config.ts';
import type { AppEnv } from '../../apps/api/src/http/env.ts';
import { onError } from '../../apps/api/src/http/on-error.ts';
import { loggedIn } from '../support/agent.ts';
import { addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
afterEach(() => t.close());

const newStudy = { name: 'A study', templateId: null };

test('a full disk: 503 storage.full with what to do; reads keep working', async () => {
  t = makeTestApp();
  await addUser(t.db, 'owen');
  const owen = await loggedIn(t.app, 'owen');
  // SQLite's own limit on the file's pages fails a growing write with SQLITE_FULL, as a full disk does.
  // VACUUM first: migrations that rebuild tables leave free pages a small write would reuse.
  t.db.exec('VACUUM');
  t.db.pragma(`max_page_count = ${t.db.pragma('page_count', { simple: true })}`);
  const res = await owen.post('/api/studies', { name: 'With the template codebook', description: 'x'.repeat(5000) });
  expect(res.status).toBe(503);
  expect((await res.json()).error).toMatchObject({
    code: 'storage.full',
    message: 'The disk is full. Nothing was saved; ask the operator to free space.',
  });
  expect((await owen.get('/api/studies')).status).toBe(200);
});

test('a read-only database: 503 storage.read_only', async () => {
  t = makeTestApp();
  await addUser(t.db, 'owen');
  await loggedIn(t.app, 'owen'); // the session row is written while the database is still writable
  const readOnly = new Database(t.dbPath, { readonly: true });
  try {
    const app = createApp({ db: readOnly, config: { ...loadConfig({}), dbPath: t.dbPath }, log: () => {} });
    const owen = await loggedIn(t.app, 'owen');
    const res = await app.request('http://localhost/api/studies', {
      method: 'POST',
      headers: { origin: 'http://localhost', cookie: owen.cookie, 'content-type': 'application/json' },
      body: JSON.stringify(newStudy),
    });
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatchObject({
      code: 'storage.read_only',
      message:
        'The database cannot be written: its file, folder or disk is read-only. Nothing was saved; ask the operator to make it writable.',
    });
  } finally {
    readOnly.close();
  }
});

test('a disk I/O error (SQLITE_IOERR_*): 503 storage.io_error, logged like any failure', async () => {
  t = makeTestApp();
  const logged: unknown[] = [];
  const app = new Hono<AppEnv>().onError(onError((line) => logged.push(line))).get('/write', () => {
    throw new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE');
  });
  const res = await app.request('/write');
  expect(res.status).toBe(503);
  expect((await res.json()).error).toMatchObject({
    code: 'storage.io_error',
    message: 'The disk failed to read or write the database. Nothing was saved; ask the operator to check the disk.',
  });
  expect(logged).toHaveLength(1);
});
