// Compares two stored series sets: pairs matched by name (or the user's mapping), each series
// as monthly values, the statistics from packages/stats, and the chart rows of each pair.
import { compareSeries, type SeriesPoint } from '@threadcoder/stats';
import type { Db } from '../db/open.ts';
import { getSeriesSet, type SeriesSet } from '../db/series.ts';
import { AppError } from '../http/errors.ts';
import { chartPoints } from './chart-points.ts';
import { matchPairs } from './match-pairs.ts';
import { monthly, type Aggregate } from './monthly.ts';

export interface CompareRequest {
  left: number;
  right: number;
  /** Left series name -> right series name; "" leaves a left series out. */
  mapping?: Record<string, string>;
  alpha?: number;
  aggregate?: Aggregate;
}

// A mention series set names each group's matching rules: the comparison carries them on.
const describe = (s: SeriesSet) => ({
  id: s.id,
  name: s.name,
  source: s.source,
  unit: s.unit,
  frequency: s.frequency,
  matching: (s.report.matching as Record<string, string> | undefined) ?? null,
});

export function compareSets(db: Db, r: CompareRequest) {
  const left = getSeriesSet(db, r.left);
  const right = getSeriesSet(db, r.right);
  const aggregate = r.aggregate ?? 'sum';
  const alpha = r.alpha ?? 0.05;
  const leftKeys = left.series.map((s) => s.key);
  const rightKeys = new Set(right.series.map((s) => s.key));
  for (const [from, to] of Object.entries(r.mapping ?? {})) {
    const field = `mapping.${from}`;
    if (!leftKeys.includes(from))
      throw new AppError('series.bad_mapping', 400, `"${from}" is not a series of "${left.name}".`, { field });
    if (to !== '' && !rightKeys.has(to))
      throw new AppError('series.bad_mapping', 400, `"${to}" is not a series of "${right.name}".`, { field });
  }
  const matched = matchPairs(leftKeys, [...rightKeys], r.mapping);
  const monthlyOf = (set: SeriesSet) =>
    new Map<string, SeriesPoint[]>(set.series.map((s) => [s.key, monthly(s.points, aggregate)]));
  const l = monthlyOf(left);
  const rr = monthlyOf(right);
  const pairs = matched.pairs.map((p) => ({
    left: { name: p.left, points: l.get(p.left)! },
    right: { name: p.right, points: rr.get(p.right)! },
  }));
  const result = compareSeries(pairs, alpha);
  return {
    left: describe(left),
    right: describe(right),
    alpha,
    aggregate,
    pairs: result.pairs.map((p, i) => ({ ...p, chart: chartPoints(pairs[i]!.left.points, pairs[i]!.right.points) })),
    pooled: result.pooled,
    unmatchedLeft: matched.unmatchedLeft,
    unmatchedRight: matched.unmatchedRight,
  };
}

export type SeriesComparisonReport = ReturnType<typeof compareSets>;
