// Saving codings under load: the real server (apps/api/src/server.ts) in its own process on a
// temporary database, 32 coders logged in, each a keep-alive client on loopback saving codings
// to its own units in a loop. After a warm-up, three runs of ~10 s each; reports p50/p99
// latency and saves/s per run and their medians. Target on a 2-core machine: p99 ≤ 15 ms and
// ≥ 3,000 saves/s. Loopback only.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'undici';
import { openDb } from '../apps/api/src/db/open.ts';
import { population } from '../apps/api/src/db/population.ts';
import { insertUnits } from '../apps/api/src/db/units.ts';
import { insertTemplateCodebook, monthlyForum, pinCodebook, selectAllThreads } from '../tests/support/forum.ts';
import { addStudy, addUser, testPassword } from '../tests/support/test-app.ts';
import { cpuSeconds } from './lib/cpu-seconds.ts';

const coders = 32;
const unitsEach = 16;
const warmupMs = 3_000;
const runMs = 10_000;
const runs = 3;
const codeSets = [
  ['model-usage'],
  ['documentation', 'model-usage'],
  ['dataset'],
  ['memory-performance', 'training-pipeline'],
  ['acknowledgement'],
];

const root = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'threadcoder-coding-bench-'));
const dbPath = join(dir, 'bench.db');

/** A study of 32 coders, each assigned 16 units of its own (a post study over 200 threads). */
async function buildStudy() {
  const db = openDb(dbPath);
  const owner = await addUser(db, 'owner');
  const people: Awaited<ReturnType<typeof addUser>>[] = [];
  for (let i = 0; i < coders; i++) people.push(await addUser(db, `coder${String(i + 1).padStart(2, '0')}`));
  const studyId = addStudy(
    db,
    owner.id,
    people.map((p) => [p.id, 'coder'] as [number, 'coder']),
    'Bench study',
  );
  monthlyForum(db, 200, 4);
  selectAllThreads(db, studyId);
  pinCodebook(db, studyId, insertTemplateCodebook(db));
  const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
  const posts = population(db, studyId, 'post', 'none').slice(0, coders * unitsEach);
  const units = posts.map((p, i) => ({
    threadId: p.threadId,
    postId: p.id,
    coderIds: [people[Math.floor(i / unitsEach)]!.id],
  }));
  const unitIds = insertUnits(db, studyId, roundId, units, owner.id, { method: 'bench' });
  db.close();
  return {
    studyId,
    coders: people.map((p, i) => ({ username: p.username, units: unitIds.slice(i * unitsEach, (i + 1) * unitsEach) })),
  };
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

async function startServer(port: number) {
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server there (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', resolve(process.env.BENCH_CPU_PROF)]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(root, 'apps/api/src/server.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      THREADCODER_DB: dbPath,
      THREADCODER_DEMO: '0',
      THREADCODER_API_ONLY: '1',
    },
    // Request logs go to /dev/null: still written (as in production), never read here.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}.`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return { child, origin };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error('The server did not start in 30 s.');
}

interface Coder {
  client: Client;
  cookie: string;
  units: number[];
  latencies: number[];
  saves: number;
  errors: number;
}

async function login(origin: string, c: { username: string; units: number[] }): Promise<Coder> {
  const client = new Client(origin, { pipelining: 1, keepAliveTimeout: 60_000 });
  const res = await client.request({
    path: '/api/auth/login',
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ username: c.username, password: testPassword }),
  });
  await res.body.dump();
  if (res.statusCode !== 200) throw new Error(`Login as ${c.username} failed: ${res.statusCode}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]!;
  return { client, cookie, units: c.units, latencies: [], saves: 0, errors: 0 };
}

/** One coder saving codings back to back until `until`; every save changes the coding, so each writes an audit row. */
async function codeLoop(origin: string, studyId: number, coder: Coder, until: number, record: boolean, offset: number) {
  let i = offset;
  while (performance.now() < until) {
    const unitId = coder.units[i % coder.units.length]!;
    const body = JSON.stringify({ codeIds: codeSets[i % codeSets.length], memo: `save ${i}`, unsure: i % 7 === 0 });
    i++;
    const start = performance.now();
    const res = await coder.client.request({
      path: `/api/studies/${studyId}/units/${unitId}/coding`,
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin, cookie: coder.cookie },
      body,
    });
    await res.body.dump();
    const ms = performance.now() - start;
    if (res.statusCode !== 200) coder.errors++;
    else if (record) {
      coder.latencies.push(ms);
      coder.saves++;
    }
  }
  return i;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const built = await buildStudy();
  const { child, origin } = await startServer(await freePort());
  try {
    await measure(built, child, origin);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function measure(built: Awaited<ReturnType<typeof buildStudy>>, child: ReturnType<typeof spawn>, origin: string) {
  const clients = await Promise.all(built.coders.map((c) => login(origin, c)));
  const offsets = clients.map(() => 0);
  const phase = async (ms: number, record: boolean) => {
    for (const c of clients) Object.assign(c, { latencies: [], saves: 0 });
    const start = performance.now();
    const ends = await Promise.all(
      clients.map((c, k) => codeLoop(origin, built.studyId, c, start + ms, record, offsets[k]!)),
    );
    ends.forEach((e, k) => {
      offsets[k] = e;
    });
    return performance.now() - start;
  };
  await phase(warmupMs, false);
  const results: { p50: number; p99: number; rate: number; cpu: number; client: number }[] = [];
  for (let r = 0; r < runs; r++) {
    (globalThis as { gc?: () => void }).gc?.();
    const cpu0 = cpuSeconds(child.pid!);
    const client0 = process.cpuUsage();
    const elapsed = await phase(runMs, true);
    const serverCpu = cpuSeconds(child.pid!) - cpu0;
    const clientCpu = process.cpuUsage(client0);
    const all = clients.flatMap((c) => c.latencies).sort((a, b) => a - b);
    const saves = clients.reduce((n, c) => n + c.saves, 0);
    results.push({
      p50: quantile(all, 0.5),
      p99: quantile(all, 0.99),
      rate: (saves * 1000) / elapsed,
      cpu: (serverCpu * 1e6) / saves,
      client: (clientCpu.user + clientCpu.system) / saves,
    });
    const x = results.at(-1)!;
    console.log(
      `run ${r + 1}: ${saves} saves in ${(elapsed / 1000).toFixed(1)} s  p50 ${x.p50.toFixed(2)} ms  p99 ${x.p99.toFixed(2)} ms  ` +
        `${Math.round(x.rate)} saves/s  (CPU per save: server ${Math.round(x.cpu)} µs, clients ${Math.round(x.client)} µs)`,
    );
  }
  const errors = clients.reduce((n, c) => n + c.errors, 0);
  const p50 = median(results.map((r) => r.p50));
  const p99 = median(results.map((r) => r.p99));
  const rate = median(results.map((r) => r.rate));
  const cpu = median(results.map((r) => r.cpu));
  console.log(`coding saves, ${coders} concurrent coders on loopback (median of ${runs} runs):`);
  console.log(
    `  p50 ${p50.toFixed(2)} ms   p99 ${p99.toFixed(2)} ms   ${Math.round(rate)} saves/s   server CPU ${Math.round(cpu)} µs/save   errors ${errors}`,
  );
  console.log(
    `  target p99 ≤ 15 ms and ≥ 3000 saves/s: ${p99 <= 15 && rate >= 3000 && errors === 0 ? 'met' : 'NOT met'}`,
  );
  const wal = statSync(`${dbPath}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  console.log(`  WAL file at the end: ${(wal / 1024 / 1024).toFixed(1)} MB`);
  await Promise.all(clients.map((c) => c.client.close()));
  if (errors > 0) process.exitCode = 1;
}

try {
  await main();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
