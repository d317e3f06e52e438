// How the Agreement page shows numbers the API computed: names, rounding and interpretation
// bands. Bands are read from the value as displayed, so ".21" is always "fair".
import { statisticLabel } from '@threadcoder/stats';

export const statName = statisticLabel;

const isPercent = (key: string) => key === 'percent_agreement';
const isAlpha = (key: string) => key.startsWith('krippendorff_alpha');

/** Chance-corrected coefficients to three decimals ("0.724", "−0.050"); shares as percentages ("74.6%"). */
export function formatStat(key: string, value: number): string {
  if (isPercent(key)) return `${(value * 100).toFixed(1)}%`;
  const text = value.toFixed(3);
  return text === '-0.000' ? '0.000' : text.replace('-', '−');
}

export const formatShare = (value: number) => `${(value * 100).toFixed(1)}%`;

export interface Band {
  label: string;
  /** CSS modifier: good, fair or poor. */
  tone: 'good' | 'fair' | 'poor';
}

/** Landis & Koch (1977), for kappa-type coefficients. */
function kappaBand(value: number): Band {
  const v = Number(value.toFixed(2));
  if (v < 0) return { label: 'poor', tone: 'poor' };
  if (v <= 0.2) return { label: 'slight', tone: 'poor' };
  if (v <= 0.4) return { label: 'fair', tone: 'poor' };
  if (v <= 0.6) return { label: 'moderate', tone: 'fair' };
  if (v <= 0.8) return { label: 'substantial', tone: 'good' };
  return { label: 'almost perfect', tone: 'good' };
}

/** Krippendorff (2004): α ≥ .800 reliable; .667–.800 for tentative conclusions only; below, unreliable. */
function alphaBand(value: number): Band {
  const v = Number(value.toFixed(3));
  if (v >= 0.8) return { label: 'reliable', tone: 'good' };
  if (v >= 0.667) return { label: 'tentative conclusions only', tone: 'fair' };
  return { label: 'unreliable', tone: 'poor' };
}

/** The band for a statistic, or null where no convention applies (percent agreement). */
export function bandOf(key: string, value: number): Band | null {
  if (isPercent(key)) return null;
  return isAlpha(key) ? alphaBand(value) : kappaBand(value);
}
