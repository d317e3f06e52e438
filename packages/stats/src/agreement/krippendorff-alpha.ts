// Krippendorff's alpha, coincidence-matrix definition (Krippendorff 2011, "Computing
// Krippendorff's Alpha-Reliability", Annenberg School for Communication, §C and §E):
//   o_ck = sum_u (number of ordered pairs of codings (c, k) in unit u) / (m_u - 1)
//   n_c  = sum_k o_ck,   n = sum_c n_c   (pairable values: codings in units with m_u >= 2)
//   alpha = 1 - (n - 1) * sum_ck o_ck delta(c, k) / sum_ck n_c n_k delta(c, k)
// with delta the metric's squared difference (alpha-distance.ts), or for ordinal data
//   delta(c, k) = (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2,
// which equals (t_c - t_k)^2 for the mid-ranks t_c = sum_{g<c} n_g + n_c / 2, so ordinal alpha is
// interval alpha on mid-ranks. Numbers are ranked by value for ordinal data.
// Missing data: units with one coding have no pair and are left out (they contribute to no n_c).
// Computation: the observed term is summed unit by unit, never building o_ck; the expected term
// uses sum n_c n_k (v_c - v_k)^2 = 2 n sum n_c (v_c - mean)^2 for interval and ordinal.
// Not defined when no unit has two codings, or when all pairable values are equal (0/0: data
// without variation say nothing about reliability), or when the metric does not fit the data.
import { rowCounts } from '../data/row-counts.ts';
import type { ReliabilityTable } from '../data/table.ts';
import { finiteStat, notDefined, NUMERIC_TROUBLE, type Stat } from '../result.ts';
import { distanceFunction, metricProblem, type AlphaMetric } from './alpha-distance.ts';
import type { WeightedStat } from './weighted.ts';

export const NO_PAIRABLE_VALUES = 'no unit has two or more codings, so there are no pairable values';
export const NO_VARIATION = 'all pairable codings have the same value, so expected disagreement is 0 and alpha is 0/0';

/** 2 * m * sum n_i (x_i - mean)^2 = sum over ordered pairs (x_i - x_j)^2, for weighted points. */
function pairSquares(
  start: number,
  end: number,
  category: Int32Array,
  count: ArrayLike<number>,
  x: ArrayLike<number>,
): number {
  if (end - start < 2) return 0; // one distinct value: exactly 0, not a rounding residue of (v - mean)^2
  let m = 0,
    s = 0;
  for (let i = start; i < end; i++) {
    m += count[i]!;
    s += count[i]! * x[category[i]!]!;
  }
  const mean = s / m;
  let ss = 0;
  for (let i = start; i < end; i++) ss += count[i]! * (x[category[i]!]! - mean) ** 2;
  return 2 * m * ss;
}

export function prepareKrippendorffAlpha(table: ReliabilityTable, metric: AlphaMetric = 'nominal'): WeightedStat {
  const problem = metricProblem(table, metric);
  if (problem) return () => notDefined(problem);
  const { size, start, category, count } = rowCounts(table);
  const k = table.categories.length;
  const pairable = Int32Array.from({ length: table.rows }, (_, r) => r).filter((r) => size[r]! >= 2);
  const everyCategory = Int32Array.from({ length: k }, (_, c) => c);
  const delta =
    metric === 'ordinal' || metric === 'nominal' || metric === 'interval' ? null : cachedDistance(table, metric);

  // Observed disagreement of each pairable unit, for metrics whose delta is fixed.
  const observed = new Float64Array(pairable.length);
  if (metric !== 'ordinal') {
    pairable.forEach((r, p) => {
      const m = size[r]!;
      let d = 0;
      if (metric === 'nominal') {
        let sq = 0;
        for (let i = start[r]!; i < start[r + 1]!; i++) sq += count[i]! * count[i]!;
        d = m * m - sq;
      } else if (metric === 'interval') {
        d = pairSquares(start[r]!, start[r + 1]!, category, count, table.numeric);
      } else {
        for (let i = start[r]!; i < start[r + 1]!; i++)
          for (let j = i + 1; j < start[r + 1]!; j++)
            d += 2 * count[i]! * count[j]! * delta!(category[i]!, category[j]!);
      }
      observed[p] = d / (m - 1);
    });
  }

  return (weights) => {
    const nc = new Float64Array(k);
    let n = 0;
    let disagree = 0;
    for (let p = 0; p < pairable.length; p++) {
      const r = pairable[p]!;
      const w = weights[r]!;
      if (w === 0) continue;
      for (let i = start[r]!; i < start[r + 1]!; i++) nc[category[i]!]! += w * count[i]!;
      n += w * size[r]!;
      disagree += w * observed[p]!;
    }
    if (n === 0) return notDefined(NO_PAIRABLE_VALUES);
    // Distinct categories are distinct values, so every metric's delta between them is > 0:
    // variation exists exactly when two categories occur (checked by count, not by a float).
    let used = 0;
    for (let c = 0; c < k && used < 2; c++) if (nc[c]! > 0) used++;
    if (used < 2) return notDefined(NO_VARIATION);
    let expected: number;
    if (metric === 'nominal') {
      let sq = 0;
      for (let c = 0; c < k; c++) sq += nc[c]! * nc[c]!;
      expected = n * n - sq;
    } else if (metric === 'interval') {
      expected = pairSquares(0, k, everyCategory, nc, table.numeric);
    } else if (metric === 'ordinal') {
      const t = midRanks(nc);
      expected = pairSquares(0, k, everyCategory, nc, t);
      for (let p = 0; p < pairable.length; p++) {
        const r = pairable[p]!;
        if (weights[r] === 0) continue;
        disagree += (weights[r]! * pairSquares(start[r]!, start[r + 1]!, category, count, t)) / (size[r]! - 1);
      }
    } else {
      expected = 0;
      for (let c = 0; c < k; c++) {
        if (nc[c] === 0) continue;
        for (let j = c + 1; j < k; j++) if (nc[j] !== 0) expected += 2 * nc[c]! * nc[j]! * delta!(c, j);
      }
    }
    return finiteStat(1 - ((n - 1) * disagree) / expected, NUMERIC_TROUBLE);
  };
}

/** t_c = sum_{g<c} n_g + n_c / 2, categories in ascending order. */
function midRanks(nc: Float64Array): Float64Array {
  const t = new Float64Array(nc.length);
  let below = 0;
  for (let c = 0; c < nc.length; c++) {
    t[c] = below + nc[c]! / 2;
    below += nc[c]!;
  }
  return t;
}

/** delta as a lookup table while the category count is small enough (<= 1024), else computed on demand. */
function cachedDistance(
  table: ReliabilityTable,
  metric: 'ratio' | 'masi' | 'jaccard',
): (c: number, k: number) => number {
  const delta = distanceFunction(table, metric);
  const k = table.categories.length;
  if (k > 1024) return delta;
  const matrix = new Float64Array(k * k);
  for (let c = 0; c < k; c++) for (let j = c + 1; j < k; j++) matrix[c * k + j] = matrix[j * k + c] = delta(c, j);
  return (c, j) => matrix[c * k + j]!;
}

export function krippendorffAlpha(table: ReliabilityTable, metric: AlphaMetric = 'nominal'): Stat {
  return prepareKrippendorffAlpha(table, metric)(table.weight);
}
