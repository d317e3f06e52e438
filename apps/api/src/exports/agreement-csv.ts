// The agreement report as a tidy CSV: one row per statistic × scope. Scopes: `overall` (the
// chosen round, or the whole study), `round` (every round), `code` and `pair` (within the
// overall scope; a code's kappa is Cohen's with two coders, else the mean pairwise one).
// Values are full doubles; empty where not defined, with the reason in `note`.
import { writeCsv } from './csv-writer.ts';
import type { AgreementSummary } from '../db/agreement.ts';
import type { StatEntry, StatValue } from '../agreement/scope.ts';

const AGREEMENT_CSV_COLUMNS = [
  'scope',
  'round_id',
  'round',
  'code',
  'coder_a',
  'coder_b',
  'statistic',
  'value',
  'ci95_low',
  'ci95_high',
  'units',
  'note',
];

type Row = Partial<Record<(typeof AGREEMENT_CSV_COLUMNS)[number], string | number | null>>;

function statRows(base: Row, entries: { key: string; stat: StatValue | StatEntry }[]): Row[] {
  return entries.map(({ key, stat }) => {
    const ci = 'ci95' in stat ? stat.ci95 : undefined;
    return {
      ...base,
      statistic: key,
      value: stat.value,
      ci95_low: ci ? ci[0] : null,
      ci95_high: ci ? ci[1] : null,
      note: stat.reason ?? ('ciNote' in stat ? (stat.ciNote ?? null) : null),
    };
  });
}

export function agreementCsv(summary: AgreementSummary): string {
  const scopeRound = summary.rounds.find((r) => r.id === summary.roundId);
  const overallBase: Row = {
    scope: 'overall',
    round_id: scopeRound?.id ?? null,
    round: scopeRound?.name ?? null,
    units: summary.overall.units,
  };
  const rows: Row[] = [
    ...statRows(
      overallBase,
      summary.overall.statistics.map((s) => ({ key: s.key, stat: s })),
    ),
    ...summary.rounds.flatMap((r) =>
      statRows(
        { scope: 'round', round_id: r.id, round: r.name, units: r.units },
        r.statistics.map((s) => ({ key: s.key, stat: s })),
      ),
    ),
    ...summary.perCode.flatMap((c) =>
      statRows({ ...overallBase, scope: 'code', code: c.codeId }, [
        { key: 'prevalence', stat: { value: c.prevalence, reason: null } },
        { key: summary.overall.headline.kappa, stat: c.kappa },
        { key: 'krippendorff_alpha_nominal', stat: c.alpha },
      ]),
    ),
    ...summary.pairs.flatMap((p) =>
      statRows({ ...overallBase, scope: 'pair', coder_a: p.coderA, coder_b: p.coderB, units: p.units }, [
        { key: 'cohen_kappa', stat: p.kappa },
        { key: 'percent_agreement', stat: p.percentAgreement },
      ]),
    ),
  ];
  return writeCsv(
    AGREEMENT_CSV_COLUMNS,
    rows.map((row) => AGREEMENT_CSV_COLUMNS.map((col) => row[col])),
  );
}
