// A series set as a tidy CSV (one row per series and date), which the long layout imports back.
import type { SeriesSet } from '../db/series.ts';
import { writeCsv } from '../exports/csv-writer.ts';

export function seriesSetCsv(set: SeriesSet): string {
  const rows = set.series.flatMap((s) => s.points.map((p) => [p.date, s.key, p.value, set.unit, set.source]));
  return writeCsv(['date', 'series', 'value', 'unit', 'source'], rows);
}
