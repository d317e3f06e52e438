// Mixed load: the real server (apps/api/src/server.ts) in its own process on a temporary
// database, 50 coders each a keep-alive client on loopback sending requests back to back for
// 30 s (after a 5 s warm-up): 70% reads as the coding and study pages make them (unit list,
// unit in context, progress, thread list and search, agreement as the owner sees it) and 30%
// coding saves. The study: 1,000 threads of 5 prose posts, 400 units each coded by 2 of the
// coders. Reports requests/s, errors (must be 0) and p50/p95/p99 latency overall and per
// kind. LOAD_SECONDS=10 shortens the measured run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCodingStudy, codeSets, type BuiltStudy } from './lib/coding-study.ts';
import { rng, type Rng } from './lib/prng.ts';
import { connect, startServer, type Session } from './lib/server-process.ts';
import { cpuSeconds } from './lib/cpu-seconds.ts';

const clients = 50;
const warmupMs = 5_000;
const runMs = Number(process.env.LOAD_SECONDS ?? 30) * 1000;
const searchTerms = [
  'tokenizer',
  'cuda memory',
  'fine-tune',
  'dataset',
  'gradient',
  'checkpoint',
  'inference latency',
  'LoRA',
  'trainer',
  'embedding',
];

interface Client {
  coder: BuiltStudy['coders'][number];
  session: Session;
  /** The owner's session on the same connection: agreement is hidden from coders of a blind study. */
  ownerCookie: string;
  r: Rng;
  i: number;
}

type Kind = 'unit list' | 'unit in context' | 'progress' | 'threads list' | 'threads search' | 'agreement' | 'save';
interface Request {
  method: 'GET' | 'PUT';
  path: string;
  cookie: string;
  body?: string;
}

// Percentages of the mix: 70 reads, 30 saves. A coder opens units and saves far more often
// than anyone looks at agreement, the costliest read (every coder pair of the study).
const mix: [Kind, number][] = [
  ['unit list', 12],
  ['unit in context', 29],
  ['progress', 11],
  ['threads list', 8],
  ['threads search', 9],
  ['agreement', 1],
  ['save', 30],
];

function next(study: BuiltStudy, c: Client): [Kind, Request] {
  let roll = c.r.next() * 100;
  const kind =
    mix.find(([, share]) => {
      roll -= share;
      return roll < 0;
    })?.[0] ?? 'save';
  const s = `/api/studies/${study.studyId}`;
  const unitId = c.coder.units[c.r.int(0, c.coder.units.length - 1)]!;
  const get = (path: string, cookie = c.session.cookie): [Kind, Request] => [kind, { method: 'GET', path, cookie }];
  switch (kind) {
    case 'unit list':
      return get(`${s}/rounds/${study.roundId}/my-units`);
    case 'unit in context':
      return get(`${s}/units/${unitId}`);
    case 'progress':
      return get(`${s}/progress`);
    case 'threads list':
      return get(`/api/threads?sort=newest&limit=50`);
    case 'threads search':
      return get(`/api/threads?q=${encodeURIComponent(c.r.pick(searchTerms))}&limit=50`);
    case 'agreement':
      return get(`${s}/agreement`, c.ownerCookie);
    case 'save': {
      const n = c.i++;
      const body = JSON.stringify({
        codeIds: codeSets[c.r.int(0, codeSets.length - 1)],
        memo: `save ${n}`,
        unsure: n % 7 === 0,
      });
      return [kind, { method: 'PUT', path: `${s}/units/${unitId}/coding`, cookie: c.session.cookie, body }];
    }
  }
}

interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
}

async function loop(study: BuiltStudy, c: Client, until: number, out: Sample[], failures: string[]) {
  while (performance.now() < until) {
    const [kind, req] = next(study, c);
    const start = performance.now();
    let ok = false;
    try {
      const res = await c.session.client.request({
        path: req.path,
        method: req.method,
        headers: {
          origin: c.session.origin,
          cookie: req.cookie,
          ...(req.body ? { 'content-type': 'application/json' } : {}),
        },
        body: req.body,
      });
      const text = await res.body.text();
      ok = res.statusCode >= 200 && res.statusCode < 300;
      if (!ok && failures.length < 5) failures.push(`${kind}: ${res.statusCode} ${text.slice(0, 300)}`);
    } catch (err) {
      if (failures.length < 5) failures.push(`${kind}: ${String(err)}`);
    }
    out.push({ kind, ms: performance.now() - start, ok });
  }
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

function row(label: string, samples: Sample[], seconds: number) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const errors = samples.filter((s) => !s.ok).length;
  const f = (x: number) => x.toFixed(1).padStart(7);
  return `  ${label.padEnd(16)} ${String(samples.length).padStart(7)} ${(samples.length / seconds).toFixed(0).padStart(7)} ${String(errors).padStart(6)} ${f(quantile(ms, 0.5))} ${f(quantile(ms, 0.95))} ${f(quantile(ms, 0.99))}`;
}

async function main(dir: string) {
  const dbPath = join(dir, 'load.db');
  const study = await buildCodingStudy(dbPath, {
    coders: clients,
    unitsEach: 16,
    codersPerUnit: 2,
    threads: 1000,
    postsEach: 5,
    prose: true,
  });
  const server = await startServer(dbPath);
  const all = study.coders.map(
    (coder, k): Client => ({
      coder,
      session: connect(server.origin, coder.cookie),
      ownerCookie: study.ownerCookie,
      r: rng(1000 + k),
      i: 0,
    }),
  );
  try {
    const failures: string[] = [];
    const warm: Sample[] = [];
    const warmEnd = performance.now() + warmupMs;
    await Promise.all(all.map((c) => loop(study, c, warmEnd, warm, failures)));
    const samples: Sample[] = [];
    const cpu0 = cpuSeconds(server.child.pid!);
    const start = performance.now();
    await Promise.all(all.map((c) => loop(study, c, start + runMs, samples, failures)));
    const seconds = (performance.now() - start) / 1000;
    const serverCpu = cpuSeconds(server.child.pid!) - cpu0;
    const errors = samples.filter((s) => !s.ok).length + warm.filter((s) => !s.ok).length;

    console.log(
      `${clients} clients on loopback, ${seconds.toFixed(1)} s after a ${warmupMs / 1000} s warm-up; latency in ms`,
    );
    console.log(
      `  ${'kind'.padEnd(16)} ${'requests'.padStart(7)} ${'per s'.padStart(7)} ${'errors'.padStart(6)} ${'p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}`,
    );
    for (const [kind] of mix)
      console.log(
        row(
          kind,
          samples.filter((s) => s.kind === kind),
          seconds,
        ),
      );
    console.log(row('all', samples, seconds));
    const reads = samples.filter((s) => s.kind !== 'save').length;
    console.log(
      `  reads ${((100 * reads) / samples.length).toFixed(0)}%, saves ${((100 * (samples.length - reads)) / samples.length).toFixed(0)}%; server CPU ${((100 * serverCpu) / seconds).toFixed(0)}% of a core`,
    );
    console.log(
      `  errors (warm-up included): ${errors}${errors ? ` — must be 0; first: ${failures.join(' | ')}` : ''}`,
    );
    if (errors > 0) {
      console.error(server.stderr());
      process.exitCode = 1;
    }
  } finally {
    await Promise.all(all.map((c) => c.session.client.close()));
    await server.stop();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'threadcoder-load-bench-'));
try {
  await main(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
