// A coder's or owner's change must not fail because a background writer committed while it ran.
// Each operation below reads, then writes, in one transaction on the server's connection; the
// stem catch-up (db/post-stems.ts stemBatch, which the search catch-up worker runs on its own
// connection) tries to commit a batch right after the operation's first read. In a DEFERRED
// transaction the catch-up's commit lands and the operation's first write then fails at once
// with SQLITE_BUSY_SNAPSHOT (busy_timeout cannot help a stale snapshot). In an IMMEDIATE one
// (db/write-transaction.ts) the operation holds the write lock from its start: it completes,
// and the catch-up waits for it (busy_timeout 0 here, so it is refused and tries again).
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { closeRound } from '../../apps/api/src/db/close-round.ts';
import { saveEdit } from '../../apps/api/src/db/codebook-edits.ts';
import { stemBatch } from '../../apps/api/src/db/post-stems.ts';
import { setAssisted } from '../../apps/api/src/suggest/assisted-rounds.ts';
import { type CodingStudy, codingStudy } from '../support/coding-study.ts';

// `hook.between` runs once, right after the next read of a round or of a codebook lineage.
const { hook, afterRead } = vi.hoisted(() => {
  const hook: { between: (() => void) | null } = { between: null };
  const afterRead =
    <A extends unknown[], R>(read: (...args: A) => R) =>
    (...args: A): R => {
      const result = read(...args);
      const run = hook.between;
      hook.between = null;
      run?.();
      return result;
    };
  return { hook, afterRead };
});
vi.mock('../../apps/api/src/db/rounds.ts', async (original) => {
  const m = await original<typeof import('../../apps/api/src/db/rounds.ts')>();
  return { ...m, getRound: afterRead(m.getRound) };
});
vi.mock('../../apps/api/src/db/codebooks.ts', async (original) => {
  const m = await original<typeof import('../../apps/api/src/db/codebooks.ts')>();
  return { ...m, studyLineage: afterRead(m.studyLineage) };
});

let s: CodingStudy;
let catchUp: Database.Database;
let attempt: string;
beforeEach(async () => {
  s = await codingStudy();
  catchUp = new Database(s.t.dbPath);
  catchUp.pragma('busy_timeout = 0');
  attempt = 'not tried';
  hook.between = () => {
    try {
      attempt = `committed ${stemBatch(catchUp, null)}`;
    } catch (e) {
      attempt = (e as { code: string }).code;
    }
  };
});
afterEach(() => {
  hook.between = null;
  catchUp.close();
  s.t.close();
});

const stale = () => s.t.db.prepare('SELECT count(*) FROM post_stems_stale').pluck().get();
const audited = (action: string) =>
  s.t.db.prepare('SELECT count(*) FROM audit_log WHERE action = ?').pluck().get(action);

/** The catch-up was kept out while the operation ran, and stems everything once it is done. */
function expectCatchUpWaited() {
  expect(attempt).toBe('SQLITE_BUSY');
  expect(stale()).toBe(36);
  expect(stemBatch(catchUp, null)).toBe(36);
  expect(stale()).toBe(0);
}

describe('an operation that reads then writes, while the stem catch-up commits on its own connection', () => {
  test('an owner closes a round', () => {
    expect(stale()).toBe(36);
    const summary = closeRound(s.t.db, s.studyId, s.roundId, s.ids.owen!);
    expect(summary).toEqual({ agreed: 0, disagreed: 0, incomplete: 0 });
    expect(s.t.db.prepare('SELECT status FROM rounds WHERE id = ?').pluck().get(s.roundId)).toBe('closed');
    expect(audited('round.close')).toBe(1);
    expectCatchUpWaited();
  });

  test('an owner edits the codebook', () => {
    const saved = saveEdit(
      s.t.db,
      s.studyId,
      { op: 'update', id: 'dataset', patch: { definition: 'Anything about data.' }, baseVersion: 1, why: 'clarify' },
      s.ids.owen!,
    );
    expect(saved.change).toMatchObject({ why: 'clarify' });
    expect(s.t.db.prepare('SELECT max(version) FROM codebook_versions WHERE id = ?').pluck().get(saved.versionId)).toBe(
      2,
    );
    expectCatchUpWaited();
  });

  test('an owner marks a round assisted', () => {
    expect(setAssisted(s.t.db, s.studyId, s.roundId, true, s.ids.owen!)).toMatchObject({
      id: s.roundId,
      assisted: true,
    });
    expect(audited('round.assisted')).toBe(1);
    expectCatchUpWaited();
  });
});
