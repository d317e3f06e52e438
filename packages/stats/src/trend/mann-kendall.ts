// Mann-Kendall trend test (Mann 1945; Kendall 1975, Rank Correlation Methods; ties correction
// as in Hipel & McLeod 1994, Time Series Modelling of Water Resources, §23.3):
//   S = sum_{i<j} sign(x_j - x_i)
//   Var(S) = [n(n-1)(2n+5) - sum_t t(t-1)(2t+5)] / 18    (t: sizes of groups of tied values)
//   Z = (S - 1)/sqrt(Var) if S > 0,  0 if S = 0,  (S + 1)/sqrt(Var) if S < 0  (continuity correction)
//   p = two-sided normal tail of Z
// The normal approximation is rough for n < 10; the result still gives S for exact tables.
// Not defined for fewer than 3 values or when every value is tied (Var(S) = 0).
// Throws on non-finite values (a missing period should be left out, not sent as NaN).
import { normalTwoSided } from '../math/distributions.ts';
import { tieGroups } from '../math/ranks.ts';
import { notDefined, type Outcome } from '../result.ts';

export interface MannKendallResult {
  readonly n: number;
  readonly s: number;
  readonly variance: number;
  readonly z: number;
  readonly p: number;
}

export function mannKendall(series: readonly number[]): Outcome<MannKendallResult> {
  series.forEach((x, i) => {
    if (!Number.isFinite(x)) throw new RangeError(`series[${i}] must be a finite number, got ${x}`);
  });
  const n = series.length;
  if (n < 3) return notDefined(`the test needs at least 3 values, got ${n}`);
  let s = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) s += Math.sign(series[j]! - series[i]!);
  const ties = tieGroups(series).reduce((a, t) => a + t * (t - 1) * (2 * t + 5), 0);
  const variance = (n * (n - 1) * (2 * n + 5) - ties) / 18;
  if (variance === 0) return notDefined('every value is the same, so S has no variance');
  const z = s > 0 ? (s - 1) / Math.sqrt(variance) : s < 0 ? (s + 1) / Math.sqrt(variance) : 0;
  return { value: { n, s, variance, z, p: normalTwoSided(z) } };
}
