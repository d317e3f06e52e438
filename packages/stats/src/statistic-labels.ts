// The agreement statistics the report gives, in output order, and how people read their names.
// The one list: report.ts must prepare each of these (its map is typed by this one), and the API,
// the Agreement page and the report take keys and labels from here.

export const FLAT_STATISTIC_LABELS = {
  percent_agreement: 'Percent agreement',
  cohen_kappa: 'Cohen’s κ',
  mean_pairwise_cohen_kappa: 'Mean pairwise Cohen’s κ',
  fleiss_kappa: 'Fleiss’ κ',
  scott_pi: 'Scott’s π',
  gwet_ac1: 'Gwet’s AC1',
} as const;

export type FlatStatistic = keyof typeof FLAT_STATISTIC_LABELS;

export const FLAT_STATISTICS = Object.keys(FLAT_STATISTIC_LABELS) as FlatStatistic[];

/** Krippendorff's alpha metrics: distances between label sets, or between single values. */
export const ALPHA_METRICS = { set: ['masi', 'jaccard'], other: ['nominal', 'ordinal', 'interval', 'ratio'] } as const;

const ALPHA_METRIC_LABELS: Record<string, string> = { masi: 'MASI', jaccard: 'Jaccard' };

/** Every statistic key in output order: the flat ones, then krippendorff_alpha_<metric>. */
export function statisticKeys(sets: boolean): string[] {
  const metrics = sets ? ALPHA_METRICS.set : ALPHA_METRICS.other;
  return [...FLAT_STATISTICS, ...metrics.map((m) => `krippendorff_alpha_${m}`)];
}

/** "Cohen’s κ", "Krippendorff’s α (MASI)"; an unknown key as it is. */
export function statisticLabel(key: string): string {
  if (key in FLAT_STATISTIC_LABELS) return FLAT_STATISTIC_LABELS[key as FlatStatistic];
  const metric = /^krippendorff_alpha_(\w+)$/.exec(key)?.[1];
  return metric ? `Krippendorff’s α (${ALPHA_METRIC_LABELS[metric] ?? metric})` : key;
}
