// The rows a two-axis chart of one pair draws: every month either side has, its monthly values
// (null where a side has none) and the running totals from the first month shown.
import type { SeriesPoint } from '@threadcoder/stats';

export interface ChartPoint {
  period: string;
  left: number | null;
  right: number | null;
  leftCumulative: number;
  rightCumulative: number;
}

export function chartPoints(left: readonly SeriesPoint[], right: readonly SeriesPoint[]): ChartPoint[] {
  const l = new Map(left.map((p) => [p.period, p.value]));
  const r = new Map(right.map((p) => [p.period, p.value]));
  const periods = [...new Set([...l.keys(), ...r.keys()])].sort();
  let leftSum = 0;
  let rightSum = 0;
  return periods.map((period) => {
    leftSum += l.get(period) ?? 0;
    rightSum += r.get(period) ?? 0;
    return {
      period,
      left: l.get(period) ?? null,
      right: r.get(period) ?? null,
      leftCumulative: leftSum,
      rightCumulative: rightSum,
    };
  });
}
