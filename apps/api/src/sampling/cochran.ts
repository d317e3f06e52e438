// Cochran's sample size for a proportion, with the finite-population correction:
//   n0 = z² · p(1−p) / e²        (Cochran 1977, Sampling Techniques, eq. 4.2)
//   n  = n0 / (1 + (n0 − 1) / N)  (ibid., eq. 4.3)
// z is the two-sided normal quantile for the confidence level, e the margin of
// error, p the expected proportion (0.5 is the most conservative choice).

export interface SampleSizeInput {
  confidence: number;
  margin: number;
  proportion?: number;
  population?: number;
}

export interface SampleSize {
  inputs: Required<Omit<SampleSizeInput, 'population'>> & { population: number | null };
  z: number;
  n0: number;
  /** n0 after the finite-population correction (n0 itself when no population is given). */
  corrected: number;
  /** The sample to draw: `corrected` rounded up, never more than the population. */
  n: number;
}

/** The standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9 after one Newton step). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('A quantile needs 0 < p < 1.');
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const poly = (k: number[], x: number) => k.reduce((acc, v) => acc * x + v, 0);
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

export function cochranSampleSize({ confidence, margin, proportion = 0.5, population }: SampleSizeInput): SampleSize {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError('The confidence level must lie between 0 and 1, e.g. 0.95.');
  if (!(margin > 0 && margin < 1)) throw new RangeError('The margin of error must lie between 0 and 1, e.g. 0.05.');
  if (!(proportion > 0 && proportion < 1)) throw new RangeError('The expected proportion must lie between 0 and 1.');
  if (population !== undefined && !(Number.isInteger(population) && population >= 0))
    throw new RangeError('The population must be a whole number.');
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const n0 = (z * z * proportion * (1 - proportion)) / (margin * margin);
  const corrected = population === undefined || population === 0 ? n0 : n0 / (1 + (n0 - 1) / population);
  const n = population === undefined ? Math.ceil(corrected) : Math.min(population, Math.ceil(corrected));
  return { inputs: { confidence, margin, proportion, population: population ?? null }, z, n0, corrected, n };
}
