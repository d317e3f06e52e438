// Final-label counts as tidy CSV: one row per (period, code), every period from the first to
// the last settled unit present (an empty period is zeros, never a gap), every code of the
// pinned codebook in tree order. Counts come from the analysis (db/analysis-trend.ts), so the
// file and the Analysis page always agree.
//   period, period_start, period_end   '2022-03' / '2022-Q1' / '2022', and its first and last day
//   code, code_path                    code id and its names from the dimension down
//   count          settled units whose final labels include the code or a code below it
//   count_direct   settled units carrying the code itself
//   coded_units    settled units in the period (with any labels, or none)
//   share          count / coded_units; empty when the period has no settled unit
// A unit falls in the period of its post's date (post units) or its thread's (thread units).
import type { Granularity } from '../label-counts/periods.ts';
import { trendData } from '../db/analysis-trend.ts';
import type { Db } from '../db/open.ts';
import { writeCsv, type Cell } from './csv-writer.ts';
import type { StudyInfo } from './study-info.ts';

const COUNTS_COLUMNS = [
  'period',
  'period_start',
  'period_end',
  'code',
  'code_path',
  'count',
  'count_direct',
  'coded_units',
  'share',
] as const;

export function countsCsv(db: Db, study: StudyInfo, granularity: Granularity): string {
  const t = trendData(db, study.id, { granularity });
  const rows = t.periods.flatMap((p, i) =>
    t.nodes.map((n): Cell[] => {
      const coded = t.codedUnits[i]!;
      return [
        p.key,
        p.start,
        p.end,
        n.id,
        study.codePath(n.id),
        n.counts[i],
        n.direct[i],
        coded,
        coded ? n.counts[i]! / coded : null,
      ];
    }),
  );
  return writeCsv(COUNTS_COLUMNS, rows);
}
