// Kendall's tau-b rank correlation with its two-sided p-value, as scipy.stats.kendalltau
// (default method 'auto') and R's cor.test(method = "kendall") compute them
// (Kendall 1938; ties: Kendall 1945, Biometrika 33:239-251; exact null: Kendall 1970, Rank
// Correlation Methods, 4th ed., p. 68):
//   over all pairs i < j: P concordant, Q discordant; T_x pairs tied in x, T_y tied in y (joint ties in both)
//   tau_b = (P - Q) / sqrt((N0 - T_x)(N0 - T_y)),   N0 = n(n - 1)/2
//   exact (no ties and n <= 33, or min(Q, N0 - Q) <= 1): p = 2 Σ_{k <= c} M(n, k) / n!,
//     c = min(Q, N0 - Q), M(n, k) the permutations of n with k inversions; p = 1 when 2c = N0
//   otherwise: Var(P - Q) = [v0 - vx - vy]/18 + 2 T_x T_y / m + x0 y0 / (9 m (n - 2)),
//     m = n(n - 1), v0 = m(2n + 5), vx = Σ t(t - 1)(2t + 5), x0 = Σ t(t - 1)(t - 2) over tie groups;
//     z = (P - Q)/sqrt(Var), p = two-sided normal tail (no continuity correction)
// Not defined for fewer than 3 pairs or when x or y is constant.
// Throws when x and y differ in length or hold non-finite values.
import { normalTwoSided } from '../math/distributions.ts';
import { tieGroups } from '../math/ranks.ts';
import { notDefined, type Outcome } from '../result.ts';

export interface KendallResult {
  readonly n: number;
  readonly tau: number;
  /** P - Q: concordant minus discordant pairs. */
  readonly s: number;
  readonly p: number;
  /** Which null distribution gave p: the exact permutation one, or the normal approximation. */
  readonly method: 'exact' | 'asymptotic';
  /** The normal score; null when the p-value is exact. */
  readonly z: number | null;
}

export function kendallTau(x: readonly number[], y: readonly number[]): Outcome<KendallResult> {
  if (x.length !== y.length) throw new RangeError(`x has ${x.length} values and y has ${y.length}`);
  for (const [name, v] of [['x', x] as const, ['y', y] as const]) {
    v.forEach((value, i) => {
      if (!Number.isFinite(value)) throw new RangeError(`${name}[${i}] must be a finite number, got ${value}`);
    });
  }
  const n = x.length;
  if (n < 3) return notDefined(`the test needs at least 3 pairs, got ${n}`);
  let concordant = 0;
  let discordant = 0;
  let tiedX = 0;
  let tiedY = 0;
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  for (let i = 0; i < n; i++) {
    const xi = xs[i]!;
    const yi = ys[i]!;
    for (let j = i + 1; j < n; j++) {
      const dx = xs[j]! - xi;
      const dy = ys[j]! - yi;
      if (dx === 0) tiedX++;
      if (dy === 0) tiedY++;
      const product = dx * dy;
      if (product > 0) concordant++;
      else if (product < 0) discordant++;
    }
  }
  const total = (n * (n - 1)) / 2;
  if (tiedX === total) return notDefined('x is constant, so it has no ranks to correlate');
  if (tiedY === total) return notDefined('y is constant, so it has no ranks to correlate');
  const s = concordant - discordant;
  const tau = Math.max(-1, Math.min(1, s / Math.sqrt(total - tiedX) / Math.sqrt(total - tiedY)));
  const c = Math.min(discordant, total - discordant);
  if (tiedX === 0 && tiedY === 0 && (n <= 33 || c <= 1)) {
    return { value: { n, tau, s, p: exactTwoSided(n, c, total), method: 'exact', z: null } };
  }
  const [x0, x1] = tieSums(x);
  const [y0, y1] = tieSums(y);
  const m = n * (n - 1);
  const variance = (m * (2 * n + 5) - x1 - y1) / 18 + (2 * tiedX * tiedY) / m + (x0 * y0) / (9 * m * (n - 2));
  const z = s / Math.sqrt(variance);
  return { value: { n, tau, s, p: normalTwoSided(z), method: 'asymptotic', z } };
}

/** Σ t(t-1)(t-2) and Σ t(t-1)(2t+5) over the groups of tied values. */
function tieSums(v: readonly number[]): [number, number] {
  let a = 0;
  let b = 0;
  for (const t of tieGroups(v)) {
    a += t * (t - 1) * (t - 2);
    b += t * (t - 1) * (2 * t + 5);
  }
  return [a, b];
}

/** 2 P(Q <= c) under the null, from the counts of permutations by their number of inversions. */
function exactTwoSided(n: number, c: number, total: number): number {
  if (2 * c === total) return 1;
  // counts[k] = permutations of j items with k inversions, for k <= c, built up from j = 1.
  let counts = new Float64Array(c + 1);
  counts[0] = 1;
  for (let j = 2; j <= n; j++) {
    const next = new Float64Array(c + 1);
    let window = 0;
    for (let k = 0; k <= c; k++) {
      window += counts[k]!;
      if (k - j >= 0) window -= counts[k - j]!;
      next[k] = window;
    }
    counts = next;
  }
  let factorial = 1;
  for (let j = 2; j <= n; j++) factorial *= j;
  return Math.min(1, (2 * counts.reduce((a, b) => a + b, 0)) / factorial);
}
