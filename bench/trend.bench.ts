// Trend tests at analysis-page scale: a 40 codes x 104 weeks chi-square table, Mann-Kendall on
// 2,000 periods (O(n^2) pairs), Spearman on 100,000 pairs, Holm on 10,000 p-values.
// Median of 5 runs after one warm-up. Run: npm run bench -- trend
import { chiSquareIndependence, createRandom, holmAdjust, mannKendall, spearman } from '@threadcoder/stats';
import { medianTime } from './lib/median-time.ts';

const random = createRandom(7);
const table = Array.from({ length: 40 }, (_, i) =>
  Array.from({ length: 104 }, (_, j) => random.int(20 + ((i * j) % 7))),
);
const series = Array.from({ length: 2000 }, (_, i) => i * 0.01 + random.next() * 5);
const x = Array.from({ length: 100_000 }, () => random.next());
const y = x.map((v) => v + random.next());
const p = Array.from({ length: 10_000 }, () => random.next());

const rows: [string, number][] = [
  ['chi-square 40 x 104', medianTime(() => chiSquareIndependence(table))],
  ['Mann-Kendall n = 2,000', medianTime(() => mannKendall(series))],
  ['Spearman n = 100,000', medianTime(() => spearman(x, y))],
  ['Holm m = 10,000', medianTime(() => holmAdjust(p))],
];
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`${'task'.padEnd(width)}  median ms`);
for (const [name, ms] of rows) console.log(`${name.padEnd(width)}  ${ms.toFixed(2).padStart(9)}`);
