// A series set as a tidy CSV (one row per series and date), which the long layout imports back.
// A mention series set adds each series' matching rules (its report's `matching`), a column the
// long layout skips on import.
import type { SeriesSet } from '../db/series.ts';
import { writeCsv } from '../exports/csv-writer.ts';

export function seriesSetCsv(set: SeriesSet): string {
  const matching = set.report.matching as Record<string, string> | undefined;
  const rows = set.series.flatMap((s) =>
    s.points.map((p) => [p.date, s.key, p.value, set.unit, set.source, ...(matching ? [matching[s.key]] : [])]),
  );
  return writeCsv(['date', 'series', 'value', 'unit', 'source', ...(matching ? ['matching'] : [])], rows);
}
