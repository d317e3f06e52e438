// Importing a Discourse dump through the real CLI, in a child process: a seeded synthetic dump
// (100,000 posts in 10,000 topics over four years, HTML bodies of 200-2,000 characters) as
// JSONL. Three runs, each into a fresh database. Per run, and as medians:
// - import: time until the CLI reports done (its report on stdout: rows committed). A big
//   import leaves its search index entries for catch-up, which the CLI then runs before it
//   exits; that catch-up time is reported separately.
// - peak RSS of the CLI for the whole run, catch-up included (max RSS of the child, from
//   /usr/bin/time -v, which counts its worker threads), and its CPU time.
// - the raw insert of the same rows in the same run (bench/lib/raw-insert.ts): with their
//   full-text entries (all the database work of an import and its catch-up) and rows only
//   (what the import does before done). The ratio to the raw insert is what to compare on a
//   shared machine, where absolute times depend on the neighbours.
// Targets: import >= 20,000 posts/s, peak RSS <= 400 MB.
// BENCH_POSTS=20000 runs a smaller dump while profiling.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDb } from '../apps/api/src/db/open.ts';
import { searchIndexState } from '../apps/api/src/db/search-catchup.ts';
import { writeDiscourseDump } from './lib/discourse-dump.ts';
import { rawInsertMs } from './lib/raw-insert.ts';

const posts = Number(process.env.BENCH_POSTS ?? 100_000);
const topics = Math.round(posts / 10);
const runs = 3;
const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'apps/api/src/cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'threadcoder-import-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Run {
  /** Start to the report on stdout. */
  seconds: number;
  /** Report to exit: the CLI's search index catch-up. */
  catchUpSeconds: number;
  cpuSeconds: number | null;
  rssMb: number | null;
  rawSeconds: number;
  rawCpuSeconds: number;
  rawRowsSeconds: number;
  /** A small write every 20 ms during the CLI's catch-up, as coding saves would be: how long the slowest waited. */
  writes: { count: number; maxWaitMs: number };
}

// Stands in for the API's writers while the CLI catches up: each write needs the write lock
// that catch-up batches take, and must get it well within the API's 5 s busy timeout.
const writer = (() => {
  let timer: NodeJS.Timeout | undefined;
  let db: ReturnType<typeof openDb> | undefined;
  let count = 0;
  let maxWaitMs = 0;
  return {
    start(dbPath: string) {
      if (timer) return;
      db = openDb(dbPath);
      // As on the server, where a checkpointer thread copies the WAL back (db/checkpointer.ts):
      // a save does not pay for checkpoints, so the figure is the wait for the write lock.
      db.pragma('wal_autocheckpoint = 0');
      const write = db.prepare("UPDATE sources SET base_url = base_url WHERE name = 'bench'");
      count = 0;
      maxWaitMs = 0;
      timer = setInterval(() => {
        const t = performance.now();
        write.run();
        count++;
        maxWaitMs = Math.max(maxWaitMs, performance.now() - t);
      }, 20);
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
      db?.close();
      db = undefined;
      return { count, maxWaitMs };
    },
  };
})();

async function importOnce(dump: string, i: number): Promise<Run> {
  const dbPath = join(dir, `import-${i}.db`);
  const timed = existsSync('/usr/bin/time');
  const argv = [process.execPath, '--import', 'tsx', cli, 'import', dump, '--source', 'bench', '--json'];
  const start = performance.now();
  const child = spawn(timed ? '/usr/bin/time' : argv[0]!, timed ? ['-v', ...argv] : argv.slice(1), {
    env: { ...process.env, THREADCODER_DB: dbPath },
  });
  let stdout = '';
  let stderr = '';
  let doneAt = 0;
  // The report is the CLI's only stdout: its last chunk marks "done".
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk;
    doneAt = performance.now();
    writer.start(dbPath);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const status = await new Promise<number | null>((done) => child.on('close', done));
  const end = performance.now();
  const writes = writer.stop();
  if (status !== 0) throw new Error(`The import failed (exit ${status}):\n${stderr}`);
  const report = JSON.parse(stdout) as { posts: { new: number } };
  if (report.posts.new !== posts) throw new Error(`Expected ${posts} new posts, the report says ${report.posts.new}.`);
  const db = openDb(dbPath);
  const index = searchIndexState(db);
  db.close();
  if (index.state !== 'ready') throw new Error(`The CLI exited with its search index behind: ${JSON.stringify(index)}`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  const raw = rawInsertMs(dbPath, join(dir, `raw-${i}.db`));
  const rawRows = rawInsertMs(dbPath, join(dir, `raw-${i}.db`), false);
  for (const f of [dbPath, join(dir, `raw-${i}.db`)])
    for (const s of ['', '-wal', '-shm']) rmSync(f + s, { force: true });
  return {
    seconds: (doneAt - start) / 1000,
    catchUpSeconds: (end - doneAt) / 1000,
    cpuSeconds: user && system ? Number(user[1]) + Number(system[1]) : null,
    rssMb: rss ? Number(rss[1]) / 1024 : null,
    rawSeconds: raw.ms / 1000,
    rawCpuSeconds: raw.cpuMs / 1000,
    rawRowsSeconds: rawRows.ms / 1000,
    writes,
  };
}

const rate = (s: number) => `${Math.round(posts / s).toLocaleString('en')} posts/s`;
try {
  const dump = join(dir, 'discourse.jsonl');
  const { bytes } = await writeDiscourseDump(dump, { topics, posts, seed: 20240601 });
  console.log(
    `dump: ${posts.toLocaleString('en')} posts in ${topics.toLocaleString('en')} topics, ${(bytes / 1e6).toFixed(1)} MB JSONL`,
  );
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await importOnce(dump, i);
    results.push(r);
    console.log(
      `run ${i + 1}: import ${r.seconds.toFixed(2)} s to done (${rate(r.seconds)}), then search catch-up ${r.catchUpSeconds.toFixed(2)} s ` +
        `(${r.writes.count} writes meanwhile, slowest waited ${r.writes.maxWaitMs.toFixed(0)} ms); ` +
        `${r.cpuSeconds?.toFixed(1) ?? '?'} CPU s, peak RSS ${r.rssMb?.toFixed(0) ?? '?'} MB; ` +
        `raw insert ${r.rawSeconds.toFixed(2)} s (${rate(r.rawSeconds)}, ${r.rawCpuSeconds.toFixed(1)} CPU s), rows only ${r.rawRowsSeconds.toFixed(2)} s (${rate(r.rawRowsSeconds)})`,
    );
  }
  const m = (f: (r: Run) => number) => median(results.map(f));
  const importRate = posts / m((r) => r.seconds);
  const rawRate = posts / m((r) => r.rawSeconds);
  const rawRowsRate = posts / m((r) => r.rawRowsSeconds);
  const rss = results.every((r) => r.rssMb !== null) ? m((r) => r.rssMb!) : null;
  console.log(
    `median import: ${Math.round(importRate).toLocaleString('en')} posts/s to done (target >= 20,000: ${importRate >= 20_000 ? 'met' : 'NOT met'}); search catch-up after it ${m((r) => r.catchUpSeconds).toFixed(2)} s`,
  );
  console.log(
    `median peak RSS: ${rss === null ? 'unknown (no /usr/bin/time)' : `${rss.toFixed(0)} MB (target <= 400: ${rss <= 400 ? 'met' : 'NOT met'})`}`,
  );
  console.log(
    `median raw insert, same run: ${Math.round(rawRate).toLocaleString('en')} posts/s with index entries (import/raw = ${(importRate / rawRate).toFixed(2)}), ` +
      `${Math.round(rawRowsRate).toLocaleString('en')} posts/s rows only (import/raw = ${(importRate / rawRowsRate).toFixed(2)})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
