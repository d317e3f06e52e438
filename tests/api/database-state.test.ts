import { afterEach, expect, test } from 'vitest';
import { databaseState, sameState } from '../../apps/api/src/db/database-state.ts';
import { openDb } from '../../apps/api/src/db/open.ts';
import { makeTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
afterEach(() => t.close());

test("the state changes with this connection's writes and with other connections' commits, and only then", () => {
  t = makeTestApp();
  const other = openDb(t.dbPath);
  const start = databaseState(t.db);
  t.db.prepare('SELECT count(*) FROM users').get();
  other.prepare('SELECT count(*) FROM users').get();
  expect(sameState(databaseState(t.db), start)).toBe(true);

  t.db.prepare("INSERT INTO sources (name, kind, created_at) VALUES ('mine', 'discourse', '2024-01-01')").run();
  const afterOwn = databaseState(t.db);
  expect(sameState(afterOwn, start)).toBe(false);

  other.prepare("INSERT INTO sources (name, kind, created_at) VALUES ('theirs', 'discourse', '2024-01-01')").run();
  expect(sameState(databaseState(t.db), afterOwn)).toBe(false);
  other.close();
});
