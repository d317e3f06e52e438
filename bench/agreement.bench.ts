// Agreement statistics at scale: 3 coders x 100,000 units x 8 categories, 10% of codings
// missing. Times (median of 5 runs, after one warm-up) for building the table, for every
// statistic of the report (no bootstrap; target <= 300 ms), and for 1,000 bootstrap resamples.
// Run: npm run bench -- agreement
import {
  agreementReport,
  bootstrapIntervals,
  buildTable,
  compressTable,
  createRandom,
  prepareKrippendorffAlpha,
  type Coding,
} from '@threadcoder/stats';

const UNITS = 100_000;
const CODERS = ['ann', 'ben', 'cai'];
const CATEGORIES = ['bug', 'question', 'feature', 'docs', 'perf', 'install', 'praise', 'other'];
const RUNS = 5;

function makeCodings(): Coding[] {
  const random = createRandom(2024);
  const codings: Coding[] = [];
  for (let u = 0; u < UNITS; u++) {
    // A skewed "true" category; each coder reports it 80% of the time, else a random one.
    const truth = Math.min(CATEGORIES.length - 1, Math.floor(-Math.log(1 - random.next()) * 2.5));
    for (const coder of CODERS) {
      if (random.next() < 0.1) continue;
      const value = random.next() < 0.8 ? truth : random.int(CATEGORIES.length);
      codings.push({ unit: `post-${u}`, coder, value: CATEGORIES[value]! });
    }
  }
  return codings;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Wall-clock and CPU milliseconds (user + system) per run; CPU time is what the process itself
 *  used, so it stays meaningful when other processes share the cores. */
function time(fn: () => unknown): { median: number; cpu: number; runs: number[] } {
  fn(); // warm-up
  const runs: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc?.();
    const cpu = process.cpuUsage();
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  return { median: median(runs), cpu: median(cpus), runs };
}

const codings = makeCodings();
const table = buildTable(codings);
const patterns = compressTable(table).table;
console.log(
  `${codings.length.toLocaleString('en')} codings, ${table.units.toLocaleString('en')} units, ${patterns.rows} distinct coding patterns`,
);

const rows: [string, ReturnType<typeof time>][] = [
  ['build table (codings -> indices)', time(() => buildTable(codings))],
  ['all statistics (codings -> report)', time(() => agreementReport(codings))],
  [
    '1,000 bootstrap resamples, alpha nominal',
    time(() =>
      bootstrapIntervals(table, { alpha: (t) => prepareKrippendorffAlpha(t, 'nominal') }, { resamples: 1000, seed: 1 }),
    ),
  ],
  [
    '1,000 bootstrap resamples, all statistics',
    time(() => agreementReport(codings, { bootstrap: { resamples: 1000, seed: 1 } })),
  ],
];

const width = Math.max(...rows.map(([name]) => name.length));
console.log(`\n${'task'.padEnd(width)}  median wall ms  median cpu ms  wall runs (ms)`);
for (const [name, { median: wall, cpu, runs }] of rows) {
  console.log(
    `${name.padEnd(width)}  ${wall.toFixed(1).padStart(14)}  ${cpu.toFixed(1).padStart(13)}  ${runs.map((r) => r.toFixed(0)).join(' ')}`,
  );
}
const all = rows[1]![1];
const load = (await import('node:os')).loadavg()[0]!;
console.log(
  `\nall statistics: ${all.median.toFixed(1)} ms wall, ${all.cpu.toFixed(1)} ms cpu (target <= 300 ms: ${all.median <= 300 ? 'met' : 'missed'} on wall time; load average ${load.toFixed(1)})`,
);
const { report } = agreementReport(codings);
console.log(
  `alpha nominal = ${(report.krippendorff_alpha as { nominal: number }).nominal.toFixed(4)}, fleiss = ${report.fleiss_kappa}`,
);
