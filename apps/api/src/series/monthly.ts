// A stored series as monthly values (YYYY-MM): monthly data as they are; daily and weekly values
// summed (counts) or averaged (shares, ratios) into the month their date falls in (a week counts
// in the month it starts in).
import type { SeriesPoint } from '@threadcoder/stats';

export const AGGREGATES = ['sum', 'mean'] as const;
export type Aggregate = (typeof AGGREGATES)[number];

export function monthly(points: readonly { date: string; value: number }[], aggregate: Aggregate): SeriesPoint[] {
  const byMonth = new Map<string, { sum: number; n: number }>();
  for (const p of points) {
    const month = p.date.slice(0, 7);
    const acc = byMonth.get(month) ?? { sum: 0, n: 0 };
    acc.sum += p.value;
    acc.n++;
    byMonth.set(month, acc);
  }
  return [...byMonth]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([period, { sum, n }]) => ({ period, value: aggregate === 'sum' ? sum : sum / n }));
}
