// SIGKILL of the real server while 32 coders save codings: every save answered 2xx must survive
// the crash exactly as acknowledged.
//
// Why it holds: a save's answer is sent only after the group commit that contains it has
// committed (db/group-commit.ts). The database runs in WAL mode with synchronous = NORMAL
// (db/open.ts): a COMMIT appends the transaction's frames to the -wal file with write(2)
// before it returns, without fsync. A killed process loses nothing the kernel already holds,
// so committed transactions survive SIGKILL (not necessarily a power cut, which this does not
// claim), and the next open replays the WAL; a transaction cut off before its commit frame
// is ignored.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getCoding } from '../../apps/api/src/db/codings.ts';
import { buildCodingStudy, codeSets, type BuiltStudy } from '../../bench/lib/coding-study.ts';
import { call, connect, startServer, type ServerProcess, type Session } from '../../bench/lib/server-process.ts';

const coders = 32;
const unitsEach = 8;

const dir = mkdtempSync(join(tmpdir(), 'threadcoder-durability-coding-'));
const dbPath = join(dir, 'kill.db');
let server: ServerProcess | undefined;

afterAll(async () => {
  await server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

interface Saved {
  codeIds: string[];
  memo: string;
  unsure: boolean;
}

/** Per unit and coder: the last save answered 2xx, and the one sent but not answered when the server died. */
interface Ledger {
  acked: Saved | null;
  inFlight: Saved | null;
}

const key = (unitId: number, coderId: number) => `${unitId}:${coderId}`;

/** Each coder saves to its units in turn, one request at a time, until its connection dies with the server. */
async function saveUntilKilled(study: BuiltStudy, sessions: Session[], ledger: Map<string, Ledger>, round: number) {
  let acks = 0;
  const rejected: string[] = [];
  const loops = sessions.map(async (s, c) => {
    const coder = study.coders[c]!;
    for (let i = 0; ; i++) {
      const unitId = coder.units[i % coder.units.length]!;
      const entry = ledger.get(key(unitId, coder.id))!;
      const body: Saved = {
        codeIds: codeSets[(i + c) % codeSets.length]!,
        memo: `round ${round} coder ${c} save ${i}`,
        unsure: i % 3 === 0,
      };
      entry.inFlight = body;
      let res: { status: number; body: unknown };
      try {
        res = await call(s, 'PUT', `/api/studies/${study.studyId}/units/${unitId}/coding`, body);
      } catch {
        return; // the server is gone; this save stays in flight
      }
      if (res.status < 200 || res.status > 299) {
        rejected.push(`${res.status} ${JSON.stringify(res.body)}`);
        return;
      }
      entry.acked = body;
      entry.inFlight = null;
      acks++;
    }
  });
  return { loops: Promise.all(loops), acks: () => acks, rejected };
}

function expectAcknowledgedSavesStored(study: BuiltStudy, ledger: Map<string, Ledger>) {
  const db = new Database(dbPath, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const mismatches: string[] = [];
    for (const coder of study.coders) {
      for (const unitId of coder.units) {
        const { acked, inFlight } = ledger.get(key(unitId, coder.id))!;
        const stored = getCoding(db, unitId, coder.id);
        const got = stored && { codeIds: stored.codeIds, memo: stored.memo, unsure: stored.unsure };
        const same = (want: Saved | null) =>
          JSON.stringify(got) === JSON.stringify(want && { ...want, codeIds: [...want.codeIds].sort() });
        // A save sent after the last acknowledged one may or may not have committed before the kill.
        if (!same(acked) && !(inFlight && same(inFlight))) {
          mismatches.push(
            `unit ${unitId} coder ${coder.username}: stored ${JSON.stringify(got)}, acknowledged ${JSON.stringify(acked)}, in flight ${JSON.stringify(inFlight)}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  } finally {
    db.close();
  }
}

describe('SIGKILL while 32 coders save codings', () => {
  it('keeps every save acknowledged with 2xx, exactly as acknowledged, across two crashes', async () => {
    const study = await buildCodingStudy(dbPath, { coders, unitsEach });
    const ledger = new Map<string, Ledger>();
    for (const c of study.coders) for (const u of c.units) ledger.set(key(u, c.id), { acked: null, inFlight: null });

    server = await startServer(dbPath);
    // Kill early (the first few hundred saves) and again later, each time restarting on the crashed database.
    for (const [round, acksBeforeKill] of [
      [1, 300],
      [2, 800],
    ] as const) {
      const sessions = study.coders.map((c) => connect(server!.origin, c.cookie));
      const run = await saveUntilKilled(study, sessions, ledger, round);
      while (run.acks() < acksBeforeKill && run.rejected.length === 0) await new Promise((r) => setTimeout(r, 5));
      const inFlight = [...ledger.values()].filter((e) => e.inFlight).length;
      await server.kill();
      await run.loops;
      await Promise.all(sessions.map((s) => s.client.destroy()));
      expect(run.rejected, server.stderr()).toEqual([]);
      expect(run.acks()).toBeGreaterThanOrEqual(acksBeforeKill);
      // Saves were under way when the server died, not between batches of a quiet test.
      expect(inFlight).toBeGreaterThan(0);

      server = await startServer(dbPath); // recovery happens here, on the first open after the crash
      expectAcknowledgedSavesStored(study, ledger);
    }
    await server.stop();
  });
});
