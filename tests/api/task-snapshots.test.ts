// The read-only worker tasks read in one snapshot (workers/tasks.ts inSnapshot): a save or a draw
// the request thread commits meanwhile is in all their reads or in none. Each task's main read is
// watched here for the transaction it runs in.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { OPERATOR } from '../../apps/api/src/exports/access.ts';
import { tasks } from '../../apps/api/src/workers/tasks.ts';
import { codingStudy, type CodingStudy } from '../support/coding-study.ts';

const { seen } = vi.hoisted(() => ({ seen: [] as string[] }));
vi.mock('../../apps/api/src/db/agreement-data.ts', async (original) => {
  const m = await original<typeof import('../../apps/api/src/db/agreement-data.ts')>();
  return {
    ...m,
    pairableCodings: (...args: Parameters<typeof m.pairableCodings>) => {
      seen.push(`codings read ${args[0].inTransaction ? 'in' : 'outside'} a transaction`);
      return m.pairableCodings(...args);
    },
  };
});
vi.mock('../../apps/api/src/exports/qdpx-model.ts', async (original) => {
  const m = await original<typeof import('../../apps/api/src/exports/qdpx-model.ts')>();
  return {
    ...m,
    qdpxModel: (...args: Parameters<typeof m.qdpxModel>) => {
      seen.push(`model read ${args[0].inTransaction ? 'in' : 'outside'} a transaction`);
      return m.qdpxModel(...args);
    },
  };
});

let s: CodingStudy;
beforeEach(async () => {
  seen.length = 0;
  s = await codingStudy();
});
afterEach(() => s.t.close());

test('the agreement task reads the codings in a transaction, and none is left open after it', () => {
  const summary = tasks.agreement.run(s.t.db, s.studyId, OPERATOR);
  expect(summary.coders).toEqual([]);
  expect(seen).toEqual(['codings read in a transaction']);
  expect(s.t.db.inTransaction).toBe(false);
});

test('the .qdpx task builds its model in a transaction, and none is left open after it', () => {
  const chunks: Uint8Array[] = [];
  tasks.qdpx.stream(s.t.db, (c) => chunks.push(c), s.studyId, OPERATOR);
  expect(chunks.length).toBeGreaterThan(0);
  expect(seen).toEqual(['model read in a transaction']);
  expect(s.t.db.inTransaction).toBe(false);
});
