// The regularised incomplete beta function I_x(a, b), for Student's t p-values.
//   I_x(a, b) = x^a (1-x)^b / (a B(a, b)) * CF,  CF the continued fraction of
//   Abramowitz & Stegun 26.5.8 with d_{2m+1} = -(a+m)(a+b+m) x / ((a+2m)(a+2m+1)) and
//   d_{2m} = m (b-m) x / ((a+2m-1)(a+2m)), evaluated by the modified Lentz method. It converges
//   fast for x < (a+1)/(a+b+2); beyond that we use I_x(a, b) = 1 - I_{1-x}(b, a).
import { lnGamma } from './gamma.ts';

const EPS = 1e-15;
const TINY = 1e-300;

function fraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 10_000; m++) {
    const m2 = 2 * m;
    for (const coef of [
      (m * (b - m) * x) / ((a + m2 - 1) * (a + m2)),
      (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1)),
    ]) {
      d = 1 + coef * d;
      if (Math.abs(d) < TINY) d = TINY;
      c = 1 + coef / c;
      if (Math.abs(c) < TINY) c = TINY;
      d = 1 / d;
      h *= d * c;
    }
    if (Math.abs(d * c - 1) < EPS) break;
  }
  return h;
}

export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`incomplete beta needs a, b > 0, got ${a}, ${b}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`incomplete beta needs 0 <= x <= 1, got ${x}`);
  if (x === 0 || x === 1) return x;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * fraction(x, a, b)) / a : 1 - (front * fraction(1 - x, b, a)) / b;
}
