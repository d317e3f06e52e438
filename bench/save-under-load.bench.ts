// Coding saves while heavy work runs (issue #20, "the server is one thread"): the real server
// (apps/api/src/server.ts) in its own process on a copy of the large synthetic forum
// (bench/lib/scale-forum.ts; SCALE_POSTS, default 100,000) with a post study of SAVE_LOAD_UNITS
// units (default 10,000) that 3 coders each coded, and two keyword groups. First each heavy
// request alone (the .qdpx export, mention trends), then three windows of 10 s in which the
// 3 coders save codings back to back while one client downloads the .qdpx export over and over
// and another asks for mention trends over and over. A save counts in each window it was
// waiting in, however long it waited. Prints each window's p50/p99 and their medians, and the server's peak
// RSS (VmHWM: the process, worker threads included), and the CPU seconds the server spent on each
// heavy request alone. Target: save p99 ≤ 25 ms.
// SCALE_POSTS=500000 runs it on the 500k forum. SAVE_LOAD_BEFORE=<dir> first measures another
// checkout's server (e.g. main's code) on the same study, then this one's (SAVE_LOAD_BEFORE_LAST=1: the other way round).
// SAVE_LOAD_WINDOW_S (default 10): a window's seconds; on a machine loaded by others an export can take longer
// than 10 s, and longer windows let several run back to back, as they do on an idle machine.
// Run: npm run bench -- save-under-load
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'undici';
import { sessionCookie } from '../apps/api/src/auth/cookie.ts';
import { createSession } from '../apps/api/src/auth/sessions.ts';
import { createKeywordGroup } from '../apps/api/src/db/analysis-keyword-groups.ts';
import { saveCoding } from '../apps/api/src/db/codings.ts';
import { openDb } from '../apps/api/src/db/open.ts';
import { population } from '../apps/api/src/db/population.ts';
import { insertUnits } from '../apps/api/src/db/units.ts';
import { insertTemplateCodebook, pinCodebook, selectAllThreads } from '../tests/support/forum.ts';
import { addStudy, addUser } from '../tests/support/test-app.ts';
import { codeSets } from './lib/coding-study.ts';
import { cpuSeconds } from './lib/cpu-seconds.ts';
import { scaleForum } from './lib/scale-forum.ts';
import { startServer } from './lib/server-process.ts';

const POSTS = Number(process.env.SCALE_POSTS ?? 100_000);
const UNITS = Number(process.env.SAVE_LOAD_UNITS ?? 10_000);
const windowMs = Number(process.env.SAVE_LOAD_WINDOW_S ?? 10) * 1000;
const windows = 3;

const dir = mkdtempSync(join(tmpdir(), 'threadcoder-save-load-'));
const dbPath = join(dir, 'bench.db');

/** The study: every thread selected, UNITS posts spread over the forum, each coded by all 3 coders. */
async function buildStudy() {
  copyFileSync(await scaleForum(POSTS), dbPath);
  const db = openDb(dbPath);
  try {
    const owner = await addUser(db, 'owner');
    const coders = [await addUser(db, 'coder1'), await addUser(db, 'coder2'), await addUser(db, 'coder3')];
    const ids = coders.map((c) => c.id);
    const studyId = addStudy(
      db,
      owner.id,
      ids.map((id) => [id, 'coder']),
      'Save under load',
    );
    selectAllThreads(db, studyId);
    pinCodebook(db, studyId, insertTemplateCodebook(db));
    const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
    const posts = population(db, studyId, 'post', 'none').sort((a, b) => a.id - b.id);
    const step = Math.max(1, Math.floor(posts.length / UNITS));
    const picked = posts.filter((_, i) => i % step === 0).slice(0, UNITS);
    const unitIds = insertUnits(
      db,
      studyId,
      roundId,
      picked.map((p) => ({ threadId: p.threadId, postId: p.id, coderIds: ids })),
      owner.id,
      { method: 'bench' },
    );
    const pinned = db.prepare('SELECT codebook_version_id FROM studies WHERE id = ?').pluck().get(studyId) as number;
    db.transaction(() => {
      unitIds.forEach((unitId, u) => {
        for (const [k, coderId] of ids.entries()) {
          const codeIds = codeSets[(u + (u % 3 === 0 ? k : 0)) % codeSets.length]!;
          saveCoding(db, studyId, unitId, coderId, pinned, { codeIds, quotes: {}, memo: '', unsure: false });
        }
      });
    })();
    createKeywordGroup(db, studyId, owner.id, { name: 'Models', terms: ['model', 'fine-tune'] });
    createKeywordGroup(db, studyId, owner.id, { name: 'Tokenizers', terms: ['tokenizer'] });
    const cookie = (userId: number) => `${sessionCookie}=${createSession(db, userId, 24 * 3600_000).token}`;
    return {
      studyId,
      ownerCookie: cookie(owner.id),
      coders: ids.map((id) => ({ cookie: cookie(id), units: unitIds.slice(0, 50) })),
    };
  } finally {
    db.close();
  }
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** One GET read to its end; resolves with its milliseconds and bytes. */
async function download(client: Client, origin: string, cookie: string, path: string) {
  const start = performance.now();
  const res = await client.request({ path, method: 'GET', headers: { origin, cookie } });
  let bytes = 0;
  for await (const chunk of res.body) bytes += (chunk as Buffer).length;
  if (res.statusCode !== 200) throw new Error(`GET ${path}: ${res.statusCode}`);
  return { ms: performance.now() - start, bytes };
}

const peakRssMb = (pid: number) =>
  Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

type Study = Awaited<ReturnType<typeof buildStudy>>;

async function main() {
  const start = performance.now();
  const study = await buildStudy();
  console.log(
    `${POSTS.toLocaleString('en')}-post forum, study of ${UNITS.toLocaleString('en')} units × 3 coders built in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );
  // The first server also warms the study's mention cache: SAVE_LOAD_BEFORE_LAST=1 swaps the order.
  const before = process.env.SAVE_LOAD_BEFORE ? [resolve(process.env.SAVE_LOAD_BEFORE)] : [];
  const roots = process.env.SAVE_LOAD_BEFORE_LAST === '1' ? [undefined, ...before] : [...before, undefined];
  for (const root of roots) await measure(study, root);
}

/** One server (this checkout's, or the one at `appRoot`) on the study: heavy requests alone, then saves under them. */
async function measure(study: Study, appRoot?: string) {
  console.log(`-- server of ${appRoot ?? 'this checkout'}`);
  const server = await startServer(dbPath, { appRoot });
  const { origin } = server;
  const pid = server.child.pid!;
  /** A download with the server's CPU seconds spent meanwhile. */
  const timed = async (client: Client, path: string) => {
    const cpu = cpuSeconds(pid);
    const result = await download(client, origin, study.ownerCookie, path);
    return { ...result, cpu: cpuSeconds(pid) - cpu };
  };
  const base = `/api/studies/${study.studyId}`;
  const qdpxPath = `${base}/exports/qdpx`;
  const mentionsPath = `${base}/analysis/mentions?granularity=month`;
  try {
    const solo = new Client(origin);
    // The first mention request tokenizes the forum; the second is what a repeat costs.
    const firstMentions = await timed(solo, mentionsPath);
    const mentions = await timed(solo, mentionsPath);
    const qdpx = await timed(solo, qdpxPath);
    const soloRss = peakRssMb(pid);
    await solo.close();
    console.log(
      `alone: mention trends ${firstMentions.ms.toFixed(0)} ms first, ${mentions.ms.toFixed(0)} ms (${mentions.cpu.toFixed(2)} s CPU) after; ` +
        `.qdpx export ${qdpx.ms.toFixed(0)} ms, ${qdpx.cpu.toFixed(2)} s CPU (${(qdpx.bytes / 1024 / 1024).toFixed(1)} MB); server peak RSS ${soloRss.toFixed(0)} MB`,
    );

    // Heavy clients: each asks again as soon as its answer is read.
    let stopped = false;
    const heavy = [qdpxPath, mentionsPath].map((path) => {
      const client = new Client(origin, { bodyTimeout: 0, headersTimeout: 0 });
      let done = 0;
      const loop = (async () => {
        while (!stopped) {
          try {
            await download(client, origin, study.ownerCookie, path);
            done++;
          } catch (err) {
            if (!stopped) throw err;
          }
        }
      })();
      return { client, loop, done: () => done };
    });

    const saves: { startedAt: number; ms: number; ok: boolean }[] = [];
    const savers = study.coders.map(async (coder, k) => {
      const client = new Client(origin, { pipelining: 1, keepAliveTimeout: 60_000, bodyTimeout: 0, headersTimeout: 0 });
      let i = k;
      while (!stopped) {
        const unitId = coder.units[i % coder.units.length]!;
        const body = JSON.stringify({ codeIds: codeSets[i % codeSets.length], memo: `save ${i}`, unsure: false });
        i++;
        const startedAt = performance.now();
        const res = await client.request({
          path: `${base}/units/${unitId}/coding`,
          method: 'PUT',
          headers: { 'content-type': 'application/json', origin, cookie: coder.cookie },
          body,
        });
        await res.body.dump();
        saves.push({ startedAt, ms: performance.now() - startedAt, ok: res.statusCode === 200 });
      }
      await client.close();
    });

    const results: { p50: number; p99: number; n: number }[] = [];
    const windowStarts: number[] = [];
    for (let w = 0; w < windows; w++) {
      windowStarts.push(performance.now());
      await new Promise((r) => setTimeout(r, windowMs));
    }
    const end = performance.now();
    stopped = true;
    await Promise.all(savers);
    const peak = peakRssMb(pid);
    for (const h of heavy) await h.client.destroy();
    await Promise.allSettled(heavy.map((h) => h.loop));
    for (let w = 0; w < windows; w++) {
      const from = windowStarts[w]!;
      const to = windowStarts[w + 1] ?? end;
      // A save counts in every window it was waiting in: one stalled past a whole window still shows.
      const ms = saves
        .filter((s) => s.startedAt < to && s.startedAt + s.ms >= from)
        .map((s) => s.ms)
        .sort((a, b) => a - b);
      results.push({ p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), n: ms.length });
      const r = results.at(-1)!;
      console.log(`window ${w + 1}: ${r.n} saves  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms`);
    }
    const errors = saves.filter((s) => !s.ok).length;
    const p99 = median(results.map((r) => r.p99));
    console.log(
      `coding saves while .qdpx exports (${heavy[0]!.done()} done) and mention trends (${heavy[1]!.done()} done) run, median of ${windows} windows:`,
    );
    console.log(
      `  p50 ${median(results.map((r) => r.p50)).toFixed(2)} ms   p99 ${p99.toFixed(2)} ms   saves ${saves.length}   errors ${errors}   server peak RSS ${peak.toFixed(0)} MB`,
    );
    console.log(`  target p99 ≤ 25 ms: ${p99 <= 25 && errors === 0 ? 'met' : 'NOT met'}`);
  } finally {
    await server.stop();
  }
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
