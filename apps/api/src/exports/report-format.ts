// Number and label formatting shared by the report's Markdown and HTML forms.
import { statisticLabel } from '@threadcoder/stats';
import type { StatEntry, StatValue } from '../agreement/scope.ts';

export const num = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
export const pct = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
export const pValue = (p: number | null | undefined) =>
  p === null || p === undefined ? '—' : p < 0.001 ? '< 0.001' : p.toFixed(3);
export const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '—');

export const statLabel = statisticLabel;

/** A statistic's value as the app shows it (features/agreement/format.ts): percent agreement as 74.6%, the rest as 0.612. */
export const statValue = (key: string, x: number | null | undefined) => (key === 'percent_agreement' ? pct(x) : num(x));

/** "0.612 (95% CI 0.401 to 0.798)", or the value alone without an interval, or the reason it is undefined. */
export function statText(s: StatValue | StatEntry): string {
  if (s.value === null) return `not defined (${s.reason ?? 'no data'})`;
  const ci = 'ci95' in s ? s.ci95 : undefined;
  return ci ? `${num(s.value)} (95% CI ${num(ci[0])} to ${num(ci[1])})` : num(s.value);
}

/** The interval, with a note when some resamples gave no value; a dash where the statistic itself is undefined. */
export const ciText = (s: StatEntry) =>
  s.value === null
    ? '—'
    : s.ci95
      ? `${statValue(s.key, s.ci95[0])} to ${statValue(s.key, s.ci95[1])}${s.ciNote ? ` (${s.ciNote})` : ''}`
      : s.ciNote
        ? `— (${s.ciNote})`
        : '—';
