// Pearson's chi-square goodness-of-fit test of observed counts against a reference
// distribution, e.g. a replication's counts per category against the shares a published
// study reported (Pearson 1900; Agresti 2007, An Introduction to Categorical Data Analysis, §1.5):
//   E_i = n p_i,   X^2 = sum (O_i - E_i)^2 / E_i,   df = k - 1,   p = Q(df/2, X^2/2)
// Per category, the share difference O_i/n - p_i and the standardized (adjusted) residual
//   r_i = (O_i - E_i) / sqrt(E_i (1 - p_i))     (Agresti 2007, §2.4.5), roughly N(0, 1) under the fit.
// Small expected counts: categories with E_i < 5 are pooled into one bin before the test
// (Cochran 1954); while that bin is itself below 5 it takes in the smallest remaining
// category. `pooled` lists the categories tested together, and df counts bins after pooling.
// Not defined with no observations or fewer than two bins left. Throws on input that is not
// counts and shares of one length (shares need not sum to 1: they are normalized).
import { chiSquareSurvival } from '../math/distributions.ts';
import { notDefined, type Outcome } from '../result.ts';

export interface FitCategory {
  readonly observed: number;
  readonly expected: number;
  /** Observed share minus reference share. */
  readonly shareDifference: number;
  /** Adjusted standardized residual; null for a category the reference gives all or nothing. */
  readonly residual: number | null;
}

export interface GoodnessOfFit {
  readonly statistic: number;
  readonly df: number;
  readonly p: number;
  readonly n: number;
  /** Indices of the categories pooled into one bin for the test (expected count below 5). */
  readonly pooled: number[];
  readonly categories: FitCategory[];
}

const MIN_EXPECTED = 5;

function check(observed: readonly number[], shares: readonly number[]): number {
  if (observed.length !== shares.length)
    throw new RangeError(`${observed.length} observed counts but ${shares.length} reference shares`);
  observed.forEach((x, i) => {
    if (!Number.isFinite(x) || x < 0) throw new RangeError(`observed[${i}] must be a finite count >= 0, got ${x}`);
  });
  shares.forEach((x, i) => {
    if (!Number.isFinite(x) || x < 0) throw new RangeError(`shares[${i}] must be finite and >= 0, got ${x}`);
  });
  const total = shares.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('the reference shares sum to 0');
  return total;
}

/** Indices to pool: every expected count below 5, then the smallest others while the pool stays below 5. */
function poolIndices(expected: readonly number[]): number[] {
  const pooled = expected.flatMap((e, i) => (e < MIN_EXPECTED ? [i] : []));
  if (pooled.length === 0) return pooled;
  const rest = expected.flatMap((e, i) => (e < MIN_EXPECTED ? [] : [i])).sort((a, b) => expected[a]! - expected[b]!);
  const sum = () => pooled.reduce((a, i) => a + expected[i]!, 0);
  while (sum() < MIN_EXPECTED && rest.length > 0) pooled.push(rest.shift()!);
  return pooled.sort((a, b) => a - b);
}

/**
 * Each category beside the reference: expected count, share difference and standardized residual.
 * Defined whatever the expected counts (residuals need no pooling); with no observations every
 * expected count is 0, so residuals are null and our shares count as 0.
 */
export function fitCategories(observed: readonly number[], referenceShares: readonly number[]): FitCategory[] {
  const total = check(observed, referenceShares);
  const shares = referenceShares.map((s) => s / total);
  const n = observed.reduce((a, b) => a + b, 0);
  return observed.map((o, i) => {
    const e = n * shares[i]!;
    const variance = e * (1 - shares[i]!);
    return {
      observed: o,
      expected: e,
      shareDifference: (n ? o / n : 0) - shares[i]!,
      residual: variance > 0 ? (o - e) / Math.sqrt(variance) : null,
    };
  });
}

export function chiSquareGoodnessOfFit(
  observed: readonly number[],
  referenceShares: readonly number[],
): Outcome<GoodnessOfFit> {
  const total = check(observed, referenceShares);
  const shares = referenceShares.map((s) => s / total);
  const n = observed.reduce((a, b) => a + b, 0);
  if (n === 0) return notDefined('there are no observations to compare with the reference');
  const expected = shares.map((s) => n * s);
  const pooled = poolIndices(expected);
  const inPool = new Set(pooled);
  const bins = expected.flatMap((e, i) => (inPool.has(i) ? [] : [{ o: observed[i]!, e }]));
  if (pooled.length > 0)
    bins.push({ o: pooled.reduce((a, i) => a + observed[i]!, 0), e: pooled.reduce((a, i) => a + expected[i]!, 0) });
  if (bins.length < 2)
    return notDefined(`after pooling categories with expected counts below 5 only ${bins.length} bin is left`);
  // Every bin expects at least 5 here: a category the reference gives nothing is in the pool.
  const statistic = bins.reduce((a, b) => a + (b.o - b.e) ** 2 / b.e, 0);
  const df = bins.length - 1;
  return {
    value: {
      statistic,
      df,
      p: chiSquareSurvival(statistic, df),
      n,
      pooled,
      categories: fitCategories(observed, referenceShares),
    },
  };
}
