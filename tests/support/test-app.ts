import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, defaultTasks } from '../../apps/api/src/app.ts';
import { hashPassword } from '../../apps/api/src/auth/password.ts';
import { loadConfig, type Config } from '../../apps/api/src/config.ts';
import { openDb, type Db } from '../../apps/api/src/db/open.ts';
import { addMember, insertStudy, type StudyRole } from '../../apps/api/src/db/studies.ts';
import { insertUser } from '../../apps/api/src/db/users.ts';

export const origin = 'http://localhost';

/** A fresh app over a temporary database file; logs are captured rather than printed. */
export function makeTestApp(overrides: Partial<Config> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'threadcoder-test-'));
  const dbPath = join(dir, 'test.db');
  const db = openDb(dbPath);
  const logs: Record<string, unknown>[] = [];
  // Component tests (jsdom) run the API's heavy tasks on the calling thread: a worker's start
  // there outlasts findBy's one-second wait. The API tests run them in worker threads.
  const workers = typeof window === 'undefined' ? loadConfig({}).workers : 0;
  const config = { ...loadConfig({}), dbPath, workers, ...overrides };
  const tasks = defaultTasks(db, config);
  const app = createApp({ db, config, log: (line) => logs.push(line), tasks });
  return {
    db,
    dbPath,
    app,
    logs,
    tasks,
    close: () => {
      void tasks.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestApp = ReturnType<typeof makeTestApp>;

// Hashing is deliberately slow; tests reuse one hash per password.
const hashes = new Map<string, Promise<string>>();
export const testPassword = 'correct horse battery';
function hashed(password: string) {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
}

export async function addUser(
  db: Db,
  username: string,
  opts: { isAdmin?: boolean; isImporter?: boolean; password?: string } = {},
) {
  const passwordHash = await hashed(opts.password ?? testPassword);
  return insertUser(db, {
    username,
    displayName: username,
    passwordHash,
    isAdmin: opts.isAdmin ?? false,
    isImporter: opts.isImporter ?? false,
  });
}

/** A study owned by `ownerId`, with extra members as [userId, role] pairs. */
export function addStudy(db: Db, ownerId: number, members: [number, StudyRole][] = [], name = 'Study') {
  const id = insertStudy(db, { name, description: '', unitKind: 'post', labelMode: 'multi', blind: true }, ownerId);
  for (const [userId, role] of members) addMember(db, id, userId, role);
  return id;
}

/** The usual cast: owner owen, coders cora and cody, adjudicator ada, and nina, who is no member. */
export async function addStudyCast(db: Db, name?: string) {
  const ids: Record<string, number> = {};
  for (const user of ['owen', 'cora', 'cody', 'ada', 'nina']) ids[user] = (await addUser(db, user)).id;
  const studyId = addStudy(
    db,
    ids.owen!,
    [
      [ids.cora!, 'coder'],
      [ids.cody!, 'coder'],
      [ids.ada!, 'adjudicator'],
    ],
    name,
  );
  return { ids, studyId };
}
