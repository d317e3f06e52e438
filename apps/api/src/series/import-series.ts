// One CSV of outside values -> one stored series set, with what was skipped said back.
import type { Db } from '../db/open.ts';
import { insertSeriesSet, getSeriesSet } from '../db/series.ts';
import { AppError } from '../http/errors.ts';
import { parseSeriesCsv, type Frequency, type Layout } from './parse-csv.ts';

export interface SeriesImportRequest {
  text: string;
  fileName: string;
  name: string;
  source: string;
  unit: string;
  layout?: Layout;
  frequency?: Frequency;
}

export function importSeries(db: Db, r: SeriesImportRequest, userId: number | null) {
  for (const field of ['name', 'source', 'unit'] as const) {
    if (!r[field].trim()) throw new AppError('series.bad_option', 400, `Give the series set a ${field}.`, { field });
  }
  const parsed = parseSeriesCsv(r.text, { file: r.fileName, layout: r.layout, frequency: r.frequency });
  const id = insertSeriesSet(
    db,
    {
      name: r.name.trim(),
      source: r.source.trim(),
      unit: r.unit.trim(),
      frequency: parsed.frequency,
      layout: parsed.layout,
      fileName: r.fileName,
      report: { skippedColumns: parsed.skippedColumns, missingValues: parsed.missingValues },
      series: parsed.series,
    },
    userId,
  );
  return getSeriesSet(db, id);
}
