// The difference functions delta(c, k) of Krippendorff's alpha that do not depend on the
// marginal frequencies (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability", §E):
//   nominal   0 if c = k else 1
//   interval  (c - k)^2
//   ratio     ((c - k) / (c + k))^2   (0 when c = k = 0; needs non-negative values)
//   masi, jaccard  the set distances of set-distances.ts
// Ordinal depends on the marginals and is computed in krippendorff-alpha.ts.
import type { ReliabilityTable } from '../data/table.ts';
import { jaccardDistanceOfSorted, masiDistanceOfSorted } from './set-distances.ts';

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio' | 'masi' | 'jaccard';

/** Why `metric` does not apply to this table, or null when it does. */
export function metricProblem(table: ReliabilityTable, metric: AlphaMetric): string | null {
  const what = table.kind === 'category' ? 'categories' : table.kind === 'set' ? 'sets of codes' : 'numbers';
  if ((metric === 'ordinal' || metric === 'interval' || metric === 'ratio') && table.kind !== 'number') {
    return `${metric} alpha needs numeric values, and these codings are ${what}`;
  }
  if ((metric === 'masi' || metric === 'jaccard') && table.kind !== 'set') {
    return `${metric} alpha needs set-valued codings, and these codings are ${what}`;
  }
  if (metric === 'ratio') {
    const negative = table.numeric.find((v) => v < 0);
    if (negative !== undefined)
      return `ratio alpha needs non-negative values (a ratio scale has an absolute zero), and ${negative} occurs`;
  }
  return null;
}

/** delta(c, k) by category index, for nominal, interval, ratio, masi and jaccard. */
export function distanceFunction(
  table: ReliabilityTable,
  metric: Exclude<AlphaMetric, 'ordinal'>,
): (c: number, k: number) => number {
  const v = table.numeric;
  const sets = table.members;
  switch (metric) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (v[c]! - v[k]!) ** 2;
    case 'ratio':
      return (c, k) => (c === k || v[c]! + v[k]! === 0 ? 0 : ((v[c]! - v[k]!) / (v[c]! + v[k]!)) ** 2);
    case 'masi':
      return (c, k) => (c === k ? 0 : masiDistanceOfSorted(sets[c]!, sets[k]!));
    case 'jaccard':
      return (c, k) => (c === k ? 0 : jaccardDistanceOfSorted(sets[c]!, sets[k]!));
  }
}
