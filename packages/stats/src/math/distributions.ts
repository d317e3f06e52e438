// Tail probabilities used by the trend tests, from the special functions:
//   chi-square, df k:   P(X >= x)   = Q(k/2, x/2)                       (A&S 26.4.19)
//   standard normal:    P(|Z| >= z) = erfc(|z|/√2) = Q(1/2, z^2/2)      (A&S 7.1.2, 6.5.17)
//   Student's t, df ν:  P(|T| >= t) = I_{ν/(ν+t^2)}(ν/2, 1/2)           (A&S 26.7.1, 26.5.27)
import { regularizedBeta } from './beta.ts';
import { regularizedGammaQ } from './gamma.ts';

export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`chi-square needs df > 0, got ${df}`);
  return x <= 0 ? 1 : regularizedGammaQ(df / 2, x / 2);
}

export function normalTwoSided(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('z is NaN');
  return regularizedGammaQ(0.5, (z * z) / 2);
}

export function studentTTwoSided(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`t needs df > 0, got ${df}`);
  if (Number.isNaN(t)) throw new RangeError('t is NaN');
  if (!Number.isFinite(t)) return 0;
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}
