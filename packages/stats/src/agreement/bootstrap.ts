// Percentile bootstrap confidence intervals over units (Efron & Tibshirani 1993, An
// Introduction to the Bootstrap, ch. 13): draw N units with replacement from the N units,
// recompute the statistic, repeat B times (default 1,000), and take the (1 - level)/2 and
// (1 + level)/2 quantiles (type 7, math/quantile.ts) of the B values.
// Speed: the table is compressed to distinct coding patterns first, and a resample is a vector
// of pattern weights (how many drawn units fall on each pattern); each statistic's prepared
// form (weighted.ts) turns those weights into a value from per-pattern contributions
// (agreement shares, value counts, per-unit observed disagreement), never from raw codings.
// Conventions: the same seed and data give the same interval (random/prng.ts), in whatever
// order the units come: units are drawn from the canonical order of their patterns
// (data/canonical-rows.ts), so only what was coded decides the draws. Resamples in
// which the statistic is not defined (e.g. all drawn units agree on one category) are left
// out and counted; `defined` says how many remained. Not defined when the statistic is not
// defined on the data itself, or when fewer than two resamples give a value.
import { canonicalRows } from '../data/canonical-rows.ts';
import { compressTable } from '../data/compress.ts';
import type { ReliabilityTable } from '../data/table.ts';
import { quantileSorted } from '../math/quantile.ts';
import { createRandom } from '../random/prng.ts';
import { notDefined, type Outcome } from '../result.ts';
import type { PrepareStat } from './weighted.ts';

export interface BootstrapOptions {
  /** Number of resamples B; default 1,000. */
  readonly resamples?: number;
  /** PRNG seed; default 1. */
  readonly seed?: number;
  /** Coverage; default 0.95. */
  readonly level?: number;
}

export interface Interval {
  readonly low: number;
  readonly high: number;
  /** Resamples in which the statistic was defined (out of `resamples`). */
  readonly defined: number;
  readonly resamples: number;
}

export function bootstrapIntervals<K extends string>(
  table: ReliabilityTable,
  statistics: Readonly<Record<K, PrepareStat>>,
  options: BootstrapOptions = {},
): Record<K, Outcome<Interval>> {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1 || resamples > 1_000_000)
    throw new RangeError(`resamples must be an integer from 1 to 1,000,000, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be between 0 and 1, got ${level}`);
  assertWholeUnits(table);
  const patterns = canonicalRows(compressTable(table).table);
  const unitPattern = unitsToPatterns(patterns);
  const n = unitPattern.length;
  const names = Object.keys(statistics) as K[];
  const prepared = names.map((name) => statistics[name](patterns));
  const onData = prepared.map((stat) => stat(patterns.weight));
  const samples = names.map(() => new Float64Array(resamples));
  const counts = new Int32Array(names.length);
  const random = createRandom(options.seed ?? 1);
  const weights = new Float64Array(patterns.rows);
  const draws = new Int32Array(n);
  for (let b = 0; b < resamples && n > 0; b++) {
    weights.fill(0);
    random.fillInts(draws, n);
    for (let i = 0; i < n; i++) weights[unitPattern[draws[i]!]!]!++;
    for (let s = 0; s < names.length; s++) {
      if (onData[s]!.value === null) continue;
      const value = prepared[s]!(weights).value;
      if (value !== null) samples[s]![counts[s]!++] = value;
    }
  }
  const result = {} as Record<K, Outcome<Interval>>;
  names.forEach((name, s) => {
    const on = onData[s]!;
    if (on.value === null) result[name] = notDefined(`not defined on the data: ${on.reason}`);
    else if (counts[s]! < 2) result[name] = notDefined(`fewer than two of ${resamples} resamples gave a defined value`);
    else {
      const sorted = samples[s]!.subarray(0, counts[s]!).sort();
      result[name] = {
        value: {
          low: quantileSorted(sorted, (1 - level) / 2),
          high: quantileSorted(sorted, (1 + level) / 2),
          defined: counts[s]!,
          resamples,
        },
      };
    }
  });
  return result;
}

function assertWholeUnits(table: ReliabilityTable): void {
  for (let r = 0; r < table.rows; r++) {
    const w = table.weight[r]!;
    if (!Number.isInteger(w) || w < 0)
      throw new RangeError(`row ${r} has weight ${w}; the bootstrap resamples whole units`);
  }
}

/** One entry per unit, in pattern order: the pattern row it belongs to. */
function unitsToPatterns(patterns: ReliabilityTable): Int32Array {
  let n = 0;
  for (let r = 0; r < patterns.rows; r++) n += patterns.weight[r]!;
  const units = new Int32Array(n);
  let at = 0;
  for (let r = 0; r < patterns.rows; r++) {
    units.fill(r, at, at + patterns.weight[r]!);
    at += patterns.weight[r]!;
  }
  return units;
}
