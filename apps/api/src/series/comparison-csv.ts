// A comparison as a tidy CSV: one row per pair, then the pooled totals (left = "(pooled totals)").
import { writeCsv } from '../exports/csv-writer.ts';
import type { SeriesComparisonReport } from './compare-sets.ts';

const HEADER = [
  'left',
  'right',
  'months',
  'first_month',
  'last_month',
  'spearman_rho',
  'spearman_p',
  'spearman_p_holm',
  'kendall_tau',
  'kendall_p',
  'kendall_p_holm',
  'kendall_method',
  'trend_left',
  'trend_left_p',
  'trend_right',
  'trend_right_p',
  'diverging',
  'notes',
];

export function comparisonCsv(c: SeriesComparisonReport): string {
  const rows = c.pairs.map((p) => [
    p.left,
    p.right,
    p.periods.length,
    p.periods[0] ?? null,
    p.periods.at(-1) ?? null,
    p.spearman?.coefficient,
    p.spearman?.p,
    p.spearman?.pHolm,
    p.kendall?.coefficient,
    p.kendall?.p,
    p.kendall?.pHolm,
    p.kendall?.method,
    p.trendLeft?.direction,
    p.trendLeft?.p,
    p.trendRight?.direction,
    p.trendRight?.p,
    p.diverging ? 'yes' : 'no',
    p.notes.join('; '),
  ]);
  const q = c.pooled;
  rows.push([
    '(pooled totals)',
    '(pooled totals)',
    q.periods.length,
    q.periods[0] ?? null,
    q.periods.at(-1) ?? null,
    q.spearman?.coefficient,
    q.spearman?.p,
    null,
    q.kendall?.coefficient,
    q.kendall?.p,
    null,
    q.kendall?.method,
    null,
    null,
    null,
    null,
    null,
    q.notes.join('; '),
  ]);
  return writeCsv(HEADER, rows);
}
