// Spearman's rank correlation with a t-approximation p-value (Spearman 1904; e.g. Zar 2010,
// Biostatistical Analysis, 5th ed., §19.9):
//   rho = Pearson correlation of the average ranks (exact with ties, unlike 1 - 6Σd²/(n(n²-1)))
//   t = rho * sqrt((n - 2) / (1 - rho^2)),  df = n - 2,  p = two-sided Student's t tail
// When |rho| = 1, t is ±Infinity and p = 0.
// Not defined for fewer than 3 pairs (df = 0) or when x or y is constant (no ranks to correlate).
// Throws when x and y differ in length or hold non-finite values.
import { studentTTwoSided } from '../math/distributions.ts';
import { averageRanks } from '../math/ranks.ts';
import { notDefined, type Outcome } from '../result.ts';

export interface SpearmanResult {
  readonly n: number;
  readonly rho: number;
  readonly t: number;
  readonly df: number;
  readonly p: number;
}

function centredSquares(r: Float64Array, mean: number): number {
  let s = 0;
  for (const v of r) s += (v - mean) ** 2;
  return s;
}

export function spearman(x: readonly number[], y: readonly number[]): Outcome<SpearmanResult> {
  if (x.length !== y.length) throw new RangeError(`x has ${x.length} values and y has ${y.length}`);
  [x, y].forEach((v, which) => {
    v.forEach((value, i) => {
      if (!Number.isFinite(value))
        throw new RangeError(`${which ? 'y' : 'x'}[${i}] must be a finite number, got ${value}`);
    });
  });
  const n = x.length;
  if (n < 3) return notDefined(`the test needs at least 3 pairs, got ${n}`);
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const mean = (n + 1) / 2;
  const sx = centredSquares(rx, mean);
  const sy = centredSquares(ry, mean);
  if (sx === 0) return notDefined('x is constant, so it has no ranks to correlate');
  if (sy === 0) return notDefined('y is constant, so it has no ranks to correlate');
  let sxy = 0;
  for (let i = 0; i < n; i++) sxy += (rx[i]! - mean) * (ry[i]! - mean);
  const rho = Math.max(-1, Math.min(1, sxy / Math.sqrt(sx * sy)));
  const df = n - 2;
  const t = Math.abs(rho) === 1 ? rho * Infinity : rho * Math.sqrt(df / (1 - rho * rho));
  return { value: { n, rho, t, df, p: studentTTwoSided(t, df) } };
}
