// Holm-Bonferroni adjusted p-values (Holm 1979, "A simple sequentially rejective multiple test
// procedure", Scand J Statist 6:65-70), as R's p.adjust(method = "holm"):
//   sort p ascending as p_(1) <= … <= p_(m);  adj_(i) = max_{j <= i} min(1, (m - j + 1) p_(j))
// Returned in the input order. Rejecting where adj <= alpha controls the family-wise error rate.
// An empty list gives an empty list; ties keep their input order. Throws on p outside [0, 1].
export function holmAdjust(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`p[${i}] must be in [0, 1], got ${p}`);
  });
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((i, j) => pValues[i]! - pValues[j]! || i - j);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[index]!));
    adjusted[index] = running;
  });
  return adjusted;
}
