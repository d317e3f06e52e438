// Importing a Discourse dump through the real CLI, in a child process: a seeded synthetic dump
// (100,000 posts in 10,000 topics over four years, HTML bodies of 200-2,000 characters) as
// JSONL. Three runs, each into a fresh database; reports the median posts/s and peak RSS of
// the CLI (max RSS of the child, from /usr/bin/time -v, which counts its worker threads),
// and the raw insert rate of the same rows (bench/lib/raw-insert.ts) measured in the same runs.
// Targets: >= 50,000 posts/s, peak RSS <= 400 MB, within 3x of the raw insert rate.
// BENCH_POSTS=20000 runs a smaller dump while profiling.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeDiscourseDump } from './lib/discourse-dump.ts';
import { rawInsertMs } from './lib/raw-insert.ts';

const posts = Number(process.env.BENCH_POSTS ?? 100_000);
const topics = Math.round(posts / 10);
const runs = 3;
const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'apps/api/src/cli.ts');
const dir = mkdtempSync(join(tmpdir(), 'threadcoder-import-bench-'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// cpuSeconds (user + system, all threads) is reported too: on a shared machine wall time depends on the neighbours.
interface Run { seconds: number; cpuSeconds: number | null; rssMb: number | null; rawSeconds: number; rawCpuSeconds: number }

function importOnce(dump: string, i: number): Run {
  const dbPath = join(dir, `import-${i}.db`);
  const timed = existsSync('/usr/bin/time');
  const argv = [process.execPath, '--import', 'tsx', cli, 'import', dump, '--source', 'bench', '--json'];
  const start = performance.now();
  const child = spawnSync(timed ? '/usr/bin/time' : argv[0]!, timed ? ['-v', ...argv] : argv.slice(1), {
    env: { ...process.env, THREADCODER_DB: dbPath },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - start) / 1000;
  if (child.status !== 0) throw new Error(`The import failed (exit ${child.status}):\n${child.stderr}`);
  const report = JSON.parse(child.stdout) as { posts: { new: number } };
  if (report.posts.new !== posts) throw new Error(`Expected ${posts} new posts, the report says ${report.posts.new}.`);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(child.stderr);
  const system = /System time \(seconds\): ([\d.]+)/.exec(child.stderr);
  const raw = rawInsertMs(dbPath, join(dir, `raw-${i}.db`));
  for (const f of [dbPath, join(dir, `raw-${i}.db`)]) for (const s of ['', '-wal', '-shm']) rmSync(f + s, { force: true });
  return {
    seconds,
    cpuSeconds: user && system ? Number(user[1]) + Number(system[1]) : null,
    rssMb: rss ? Number(rss[1]) / 1024 : null,
    rawSeconds: raw.ms / 1000,
    rawCpuSeconds: raw.cpuMs / 1000,
  };
}

try {
  const dump = join(dir, 'discourse.jsonl');
  const { bytes } = await writeDiscourseDump(dump, { topics, posts, seed: 20240601 });
  console.log(`dump: ${posts.toLocaleString('en')} posts in ${topics.toLocaleString('en')} topics, ${(bytes / 1e6).toFixed(1)} MB JSONL`);
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) {
    const r = importOnce(dump, i);
    results.push(r);
    const rate = (s: number) => `${Math.round(posts / s).toLocaleString('en')} posts/s`;
    const cpu = (s: number | null) => (s === null ? '?' : s.toFixed(1));
    console.log(
      `run ${i + 1}: CLI ${r.seconds.toFixed(2)} s (${rate(r.seconds)}, ${cpu(r.cpuSeconds)} CPU s), peak RSS ${r.rssMb?.toFixed(0) ?? '?'} MB; ` +
        `raw insert ${r.rawSeconds.toFixed(2)} s (${rate(r.rawSeconds)}, ${cpu(r.rawCpuSeconds)} CPU s)`,
    );
  }
  const rate = posts / median(results.map((r) => r.seconds));
  const rawRate = posts / median(results.map((r) => r.rawSeconds));
  const rss = results.every((r) => r.rssMb !== null) ? median(results.map((r) => r.rssMb!)) : null;
  const ratio = rawRate / rate;
  console.log(`median: ${Math.round(rate).toLocaleString('en')} posts/s (target >= 50,000: ${rate >= 50_000 ? 'met' : 'NOT met'})`);
  console.log(`median peak RSS: ${rss === null ? 'unknown (no /usr/bin/time)' : `${rss.toFixed(0)} MB (target <= 400: ${rss <= 400 ? 'met' : 'NOT met'})`}`);
  console.log(`raw insert: ${Math.round(rawRate).toLocaleString('en')} posts/s; the import is ${ratio.toFixed(2)}x slower (target <= 3x: ${ratio <= 3 ? 'met' : 'NOT met'})`);
  if (results.every((r) => r.cpuSeconds !== null)) {
    const cpuRatio = median(results.map((r) => r.cpuSeconds!)) / median(results.map((r) => r.rawCpuSeconds));
    console.log(`CPU time: the import uses ${cpuRatio.toFixed(2)}x the raw insert's (CLI start-up, parsing and sanitizing included)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
