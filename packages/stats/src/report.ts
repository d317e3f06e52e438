// Codings -> the agreement report the CLI prints and the Agreement page shows. Pure: the CLI
// reads and validates the file, the API reads the database; both hand codings to this.
// Every statistic is computed on the table compressed to distinct coding patterns; values are
// full doubles (round when displaying). `notes` gives, for every null, the reason, keyed by
// the JSON path ("fleiss_kappa", "krippendorff_alpha.ordinal", "per_code.x.kappa", "ci95.scott_pi").
import { bootstrapIntervals, type BootstrapOptions } from './agreement/bootstrap.ts';
import { prepareCohenKappa } from './agreement/cohen-kappa.ts';
import { prepareFleissKappa } from './agreement/fleiss-kappa.ts';
import { prepareGwetAc1 } from './agreement/gwet-ac1.ts';
import { prepareKrippendorffAlpha } from './agreement/krippendorff-alpha.ts';
import { prepareMeanPairwiseCohenKappa } from './agreement/mean-pairwise-cohen-kappa.ts';
import { perCodeAgreement } from './agreement/per-code.ts';
import { preparePercentAgreement } from './agreement/percent-agreement.ts';
import { prepareScottPi } from './agreement/scott-pi.ts';
import type { PrepareStat } from './agreement/weighted.ts';
import type { Coding } from './data/coding.ts';
import { compressTable } from './data/compress.ts';
import { buildTable, type ReliabilityTable, type TableOptions } from './data/table.ts';
import type { Outcome } from './result.ts';
import { ALPHA_METRICS, FLAT_STATISTICS, type FlatStatistic } from './statistic-labels.ts';

export type AlphaByMetric =
  | { nominal: number | null; ordinal: number | null; interval: number | null; ratio: number | null }
  | { masi: number | null; jaccard: number | null };

export type AgreementReport = {
  units: number;
  coders: string[];
} & { [K in FlatStatistic]: number | null } & {
  krippendorff_alpha: AlphaByMetric;
  per_code: Record<string, { kappa: number | null; alpha: number | null; prevalence: number }>;
  /** Present when a bootstrap was asked for: [low, high] per statistic, null where not defined. */
  ci95?: Record<string, [number, number] | null>;
};

export interface ReportOptions extends TableOptions {
  /** Adds `ci95` (95% percentile intervals over units) when given. */
  readonly bootstrap?: Omit<BootstrapOptions, 'level'>;
}

export interface ReportWithNotes {
  readonly report: AgreementReport;
  /** Why each null is null, keyed by JSON path; also bootstrap resamples that were left out. */
  readonly notes: Record<string, string>;
}

// Typed by the list of statistics (statistic-labels.ts): a statistic without its computation, or
// the reverse, does not compile.
const FLAT_PREPARE: Record<FlatStatistic, PrepareStat> = {
  percent_agreement: preparePercentAgreement,
  cohen_kappa: (t) => prepareCohenKappa(t),
  mean_pairwise_cohen_kappa: prepareMeanPairwiseCohenKappa,
  fleiss_kappa: prepareFleissKappa,
  scott_pi: prepareScottPi,
  gwet_ac1: prepareGwetAc1,
};

/** The statistics, in output order; alpha ones are named krippendorff_alpha_<metric>. */
function statistics(table: ReliabilityTable): Record<string, PrepareStat> {
  const stats: Record<string, PrepareStat> = { ...FLAT_PREPARE };
  for (const metric of table.kind === 'set' ? ALPHA_METRICS.set : ALPHA_METRICS.other) {
    stats[`krippendorff_alpha_${metric}`] = (t) => prepareKrippendorffAlpha(t, metric);
  }
  return stats;
}

export function agreementReport(codings: readonly Coding[], options: ReportOptions = {}): ReportWithNotes {
  return agreementReportFromTable(buildTable(codings, options), options);
}

export function agreementReportFromTable(table: ReliabilityTable, options: ReportOptions = {}): ReportWithNotes {
  const patterns = compressTable(table).table;
  const notes: Record<string, string> = {};
  const take = (path: string, outcome: Outcome<number>): number | null => {
    if (outcome.value === null) notes[path] = outcome.reason;
    return outcome.value;
  };
  const stats = statistics(patterns);
  const values: Record<string, number | null> = {};
  for (const [name, prepare] of Object.entries(stats)) {
    values[name] = take(
      name.replace(/^krippendorff_alpha_/, 'krippendorff_alpha.'),
      prepare(patterns)(patterns.weight),
    );
  }
  const alpha = Object.fromEntries(
    (table.kind === 'set' ? ALPHA_METRICS.set : ALPHA_METRICS.other).map((m) => [
      m,
      values[`krippendorff_alpha_${m}`]!,
    ]),
  ) as AlphaByMetric;
  const perCode: AgreementReport['per_code'] = {};
  for (const code of perCodeAgreement(patterns)) {
    perCode[code.code] = {
      kappa: take(`per_code.${code.code}.kappa`, code.kappa),
      alpha: take(`per_code.${code.code}.alpha`, code.alpha),
      prevalence: code.prevalence,
    };
  }
  const report = {
    units: table.units,
    coders: [...table.coders],
    ...(Object.fromEntries(FLAT_STATISTICS.map((k) => [k, values[k]!])) as { [K in FlatStatistic]: number | null }),
    krippendorff_alpha: alpha,
    per_code: perCode,
  } as AgreementReport;
  if (options.bootstrap) {
    const intervals = bootstrapIntervals(patterns, stats, { ...options.bootstrap, level: 0.95 });
    report.ci95 = {};
    for (const [name, interval] of Object.entries(intervals)) {
      if (interval.value === null) {
        notes[`ci95.${name}`] = interval.reason;
        report.ci95[name] = null;
      } else {
        const { low, high, defined, resamples } = interval.value;
        if (defined < resamples)
          notes[`ci95.${name}`] = `${resamples - defined} of ${resamples} resamples gave no value and were left out`;
        report.ci95[name] = [low, high];
      }
    }
  }
  return { report, notes };
}
