// Series comparison at the study's scale and beyond: 200 model families x 60 months on each side,
// stored as two series sets, compared end to end (read from SQLite, monthly, match by name,
// Spearman + Kendall + Mann-Kendall per pair, Holm, pooled, chart rows). Target: <= 200 ms.
// Median of 5 runs after one warm-up. Run: npm run bench -- series-compare
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from '@threadcoder/stats';
import { openDb } from '../apps/api/src/db/open.ts';
import { insertSeriesSet } from '../apps/api/src/db/series.ts';
import { compareSets } from '../apps/api/src/series/compare-sets.ts';
import { medianTime } from './lib/median-time.ts';

const PAIRS = 200;
const MONTHS = 60;
const random = createRandom(19);
const dir = mkdtempSync(join(tmpdir(), 'threadcoder-bench-series-'));
const db = openDb(join(dir, 'bench.db'));
const dates = Array.from({ length: MONTHS }, (_, m) => {
  const d = new Date(Date.UTC(2019, m, 1));
  return d.toISOString().slice(0, 10);
});
const set = (name: string) =>
  insertSeriesSet(
    db,
    {
      name,
      source: 'bench',
      unit: 'n',
      frequency: 'month',
      layout: 'wide',
      fileName: null,
      report: {},
      series: Array.from({ length: PAIRS }, (_, i) => ({
        key: `family-${i}`,
        points: dates.map((date, m) => ({ date, value: random.int(50) + (i % 3) * m })),
      })),
    },
    null,
  );
const left = set('forum');
const right = set('hub');
// CPU time too: on a shared, loaded machine wall time mostly measures waiting for a core.
const cpu = (fn: () => unknown) => {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const cpuRuns = Array.from({ length: 5 }, () => cpu(() => compareSets(db, { left, right }))).sort((a, b) => a - b);
const ms = medianTime(() => compareSets(db, { left, right }));
const pairs = compareSets(db, { left, right }).pairs.length;
console.log(
  `compare ${pairs} pairs x ${MONTHS} months: median ${ms.toFixed(1)} ms wall, ${cpuRuns[2]!.toFixed(1)} ms CPU (target <= 200 ms)`,
);
db.close();
rmSync(dir, { recursive: true, force: true });
