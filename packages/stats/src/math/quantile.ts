// Sample quantile by linear interpolation between order statistics (Hyndman & Fan 1996,
// "Sample quantiles in statistical packages", definition 7; R's default type = 7):
//   h = (n - 1) p,   Q(p) = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h])
// `sorted` must be ascending and non-empty; p in [0, 1].
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of an empty sample');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile needs 0 <= p <= 1, got ${p}`);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
