// One scope's statistics (the whole study, one round, one coder pair) from packages/stats,
// reshaped for the API: every statistic as { value, reason } so a null always says why.
import {
  ALPHA_METRICS,
  agreementReport,
  FLAT_STATISTICS,
  buildTable,
  pairAgreement,
  type Coding,
  type ReportOptions,
  type Stat,
} from '@threadcoder/stats';

export interface StatValue {
  value: number | null;
  /** Why the value is null; null when it is defined. */
  reason: string | null;
}

export interface StatEntry extends StatValue {
  /** A key of statisticKeys() (@threadcoder/stats): a flat statistic or krippendorff_alpha_<metric>. */
  key: string;
  /** With a bootstrap: the 95% percentile interval, or null where not defined. */
  ci95?: [number, number] | null;
  /** With a bootstrap: why the interval is null, or how many resamples were left out. */
  ciNote?: string | null;
}

export interface ScopeStatistics {
  /** Units coded by two or more coders. */
  units: number;
  /** Coders (user names, sorted) who coded those units. */
  coders: string[];
  statistics: StatEntry[];
  /** Which entries lead: Cohen's kappa with two coders, else the mean pairwise kappa; nominal alpha, or MASI alpha for label sets. */
  headline: { kappa: string; alpha: string };
}

export interface CodeStatistics {
  codeId: string;
  /** Share of codings (in the scope) that applied the code. */
  prevalence: number;
  kappa: StatValue;
  alpha: StatValue;
}

export interface PairStatistics {
  coderA: string;
  coderB: string;
  /** Units both coded. */
  units: number;
  percentAgreement: StatValue;
  kappa: StatValue;
}

const stat = (s: Stat): StatValue =>
  s.value === null ? { value: null, reason: s.reason } : { value: s.value, reason: null };
const entry = (value: number | null, reason: string | undefined): StatValue => ({
  value,
  reason: value === null ? (reason ?? null) : null,
});

/** The whole report for one scope; `sets` fixes the alpha metrics even when there are no codings yet. */
export function scopeStatistics(
  codings: Coding[],
  sets: boolean,
  options: ReportOptions = {},
): ScopeStatistics & { perCode: CodeStatistics[] } {
  const { report, notes } = agreementReport(codings, options);
  const flat: [string, number | null, string][] = FLAT_STATISTICS.map((key) => [key, report[key], key]);
  // With no codings the stats package cannot know the values are sets: name the set metrics anyway.
  const metrics = sets ? ALPHA_METRICS.set : ALPHA_METRICS.other;
  const alpha = report.krippendorff_alpha as Record<string, number | null>;
  for (const m of metrics) {
    const path = m in alpha ? `krippendorff_alpha.${m}` : 'krippendorff_alpha.nominal';
    flat.push([`krippendorff_alpha_${m}`, alpha[m] ?? null, path]);
  }
  const statistics: StatEntry[] = flat.map(([key, value, path]) => ({
    key,
    ...entry(value, notes[path]),
    ...(report.ci95 ? { ci95: report.ci95[key] ?? null, ciNote: notes[`ci95.${key}`] ?? null } : {}),
  }));
  const perCode = Object.entries(report.per_code)
    // Codebook codes nobody used (passed for Gwet's q) say nothing about agreement: left out.
    .filter(([, c]) => c.prevalence > 0)
    .map(([codeId, c]) => ({
      codeId,
      prevalence: c.prevalence,
      kappa: entry(c.kappa, notes[`per_code.${codeId}.kappa`]),
      alpha: entry(c.alpha, notes[`per_code.${codeId}.alpha`]),
    }));
  return {
    units: report.units,
    coders: report.coders,
    statistics,
    headline: {
      kappa: report.coders.length === 2 ? 'cohen_kappa' : 'mean_pairwise_cohen_kappa',
      alpha: sets ? 'krippendorff_alpha_masi' : 'krippendorff_alpha_nominal',
    },
    perCode,
  };
}

/** Cohen's kappa, percent agreement and shared units for every pair of coders. */
export function pairStatistics(codings: Coding[]): PairStatistics[] {
  return pairAgreement(buildTable(codings)).map((p) => ({
    coderA: p.coderA,
    coderB: p.coderB,
    units: p.units,
    percentAgreement: stat(p.percentAgreement),
    kappa: stat(p.kappa),
  }));
}
