// A keyword-rule preview (dry run) writes nothing, so it reads in a DEFERRED transaction: one
// snapshot and no write lock, so another connection (another server process, the catch-up
// workers) commits while it counts. A saved rule writes, so it holds the write lock from its start
// (db/write-transaction.ts) and the other connection is refused until it is done (busy_timeout 0
// here). The other connection writes as the rule's SQL is built (matchingIdsSql): in a preview,
// right after its first read (how many threads the filter selects, narrowFilter).
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { changeSelection } from '../../apps/api/src/db/selection.ts';
import { insertForum } from '../support/forum.ts';
import { addStudy, addUser, makeTestApp, type TestApp } from '../support/test-app.ts';

const { hook } = vi.hoisted(() => ({ hook: { between: null as (() => void) | null } }));
vi.mock('../../apps/api/src/db/threads.ts', async (original) => {
  const m = await original<typeof import('../../apps/api/src/db/threads.ts')>();
  return {
    ...m,
    matchingIdsSql: (...args: Parameters<typeof m.matchingIdsSql>) => {
      const run = hook.between;
      hook.between = null;
      run?.();
      return m.matchingIdsSql(...args);
    },
  };
});

let t: TestApp;
let other: Database.Database;
let user: { id: number; isAdmin: boolean; username: string };
let studyId: number;
let threadIds: number[];
let attempt: string;

// "model" is said in threads 1 and 2 of the forum category Models; 3 says it elsewhere.
beforeEach(async () => {
  t = makeTestApp();
  ({ threadIds } = insertForum(t.db, [
    { title: 'Model card', createdAt: '2022-01-01T00:00:00.000Z', category: 'Models', posts: ['Where is it?'] },
    { title: 'Loading', createdAt: '2022-02-01T00:00:00.000Z', category: 'Models', posts: ['The model hangs.'] },
    { title: 'Speed', createdAt: '2022-03-01T00:00:00.000Z', category: 'Beginners', posts: ['A slow model.'] },
    { title: 'Spaces', createdAt: '2022-04-01T00:00:00.000Z', category: 'Models', posts: ['Mine sleeps.'] },
  ]));
  const olga = await addUser(t.db, 'olga');
  user = { id: olga.id, isAdmin: false, username: 'olga' };
  studyId = addStudy(t.db, olga.id);
  other = new Database(t.dbPath);
  other.pragma('busy_timeout = 0');
  attempt = 'not tried';
  hook.between = () => {
    try {
      other.prepare('INSERT INTO study_threads (study_id, thread_id) VALUES (?, ?)').run(studyId, threadIds[1]);
      attempt = 'committed';
    } catch (e) {
      attempt = (e as { code: string }).code;
    }
  };
});
afterEach(() => {
  hook.between = null;
  other.close();
  t.close();
});

const rule = { kind: 'keywords' as const, terms: ['model'], filter: { category: 'Models' } };
const selected = () =>
  t.db.prepare('SELECT thread_id FROM study_threads WHERE study_id = ? ORDER BY thread_id').pluck().all(studyId);

describe('a keyword rule on a study, while another connection writes', () => {
  test('a preview holds no write lock: the other connection commits, and the preview counts its own snapshot', () => {
    const preview = changeSelection(t.db, studyId, user, 'add', rule, { dryRun: true });
    expect(attempt).toBe('committed');
    // Read before the other connection's commit: neither match was selected yet.
    expect(preview).toEqual({ matched: 2, matchedIsAtLeast: false, changed: 2, withUnits: 0 });
    expect(selected()).toEqual([threadIds[1]]);
    const after = changeSelection(t.db, studyId, user, 'add', rule, { dryRun: true });
    expect([after.matched, after.changed]).toEqual([2, 1]);
  });

  test('saving the rule holds the write lock: the other connection is refused, every match is added and recorded', () => {
    const saved = changeSelection(t.db, studyId, user, 'add', { ...rule, filter: {} }, {});
    expect(attempt).toBe('SQLITE_BUSY');
    expect([saved.matched, saved.changed, saved.selection?.threads]).toEqual([3, 3, 3]);
    expect(saved.selection?.rules.map((r) => [r.matched, r.changed])).toEqual([[3, 3]]);
    expect(selected()).toEqual(threadIds.slice(0, 3));
  });
});
