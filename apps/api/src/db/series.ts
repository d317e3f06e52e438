// Series sets (migration 015): stored, listed, read, deleted. One set = one imported file or one
// derivation of collected Hub models; it is written whole in one transaction or not at all.
import { AppError } from '../http/errors.ts';
import type { Frequency, ParsedSeries } from '../series/parse-csv.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';

export type SeriesLayout = 'wide' | 'long' | 'multi' | 'hub';

export interface SeriesSetInput {
  name: string;
  source: string;
  unit: string;
  frequency: Frequency;
  layout: SeriesLayout;
  fileName: string | null;
  report: Record<string, unknown>;
  series: ParsedSeries[];
}

export interface SeriesSetSummary {
  id: number;
  name: string;
  source: string;
  unit: string;
  frequency: Frequency;
  layout: SeriesLayout;
  fileName: string | null;
  report: Record<string, unknown>;
  createdAt: string;
  seriesCount: number;
  points: number;
  firstDate: string | null;
  lastDate: string | null;
}

export interface SeriesSet extends SeriesSetSummary {
  series: { id: number; key: string; points: { date: string; value: number }[] }[];
}

const insertSet = statement(
  `INSERT INTO series_sets (name, source, unit, frequency, layout, file_name, report_json, user_id, created_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
const insertSeries = statement('INSERT INTO series (set_id, key) VALUES (?, ?)');
const insertPoint = statement('INSERT INTO series_points (series_id, date, value) VALUES (?, ?, ?)');
const setIdByName = statement<[string], number>('SELECT id FROM series_sets WHERE name = ?', (s) => s.pluck());
const deleteSet = statement('DELETE FROM series_sets WHERE id = ?');

/** Stores a set; a name already taken is a 409 unless `replace`, which swaps the old set for the new one. */
export function insertSeriesSet(db: Db, input: SeriesSetInput, userId: number | null, replace = false): number {
  return db.transaction(() => {
    const existing = setIdByName(db).get(input.name);
    if (existing !== undefined) {
      if (!replace)
        throw new AppError(
          'series.duplicate_name',
          409,
          `A series set named "${input.name}" exists; choose another name.`,
          {
            field: 'name',
          },
        );
      deleteSet(db).run(existing);
    }
    const setId = Number(
      insertSet(db).run(
        input.name,
        input.source,
        input.unit,
        input.frequency,
        input.layout,
        input.fileName,
        JSON.stringify(input.report),
        userId,
        new Date().toISOString(),
      ).lastInsertRowid,
    );
    for (const s of input.series) {
      const seriesId = Number(insertSeries(db).run(setId, s.key).lastInsertRowid);
      for (const p of s.points) insertPoint(db).run(seriesId, p.date, p.value);
    }
    return setId;
  })();
}

const summaries = statement<[number | null, number | null], SeriesSetSummaryRow>(
  `SELECT s.id, s.name, s.source, s.unit, s.frequency, s.layout, s.file_name AS fileName, s.report_json AS reportJson,
          s.created_at AS createdAt,
          (SELECT count(*) FROM series x WHERE x.set_id = s.id) AS seriesCount,
          (SELECT count(*) FROM series x JOIN series_points p ON p.series_id = x.id WHERE x.set_id = s.id) AS points,
          (SELECT min(p.date) FROM series x JOIN series_points p ON p.series_id = x.id WHERE x.set_id = s.id) AS firstDate,
          (SELECT max(p.date) FROM series x JOIN series_points p ON p.series_id = x.id WHERE x.set_id = s.id) AS lastDate
   FROM series_sets s WHERE ? IS NULL OR s.id = ? ORDER BY s.name`,
);
type SeriesSetSummaryRow = Omit<SeriesSetSummary, 'report'> & { reportJson: string };

const toSummary = ({ reportJson, ...r }: SeriesSetSummaryRow): SeriesSetSummary => ({
  ...r,
  report: JSON.parse(reportJson) as Record<string, unknown>,
});

export function listSeriesSets(db: Db): SeriesSetSummary[] {
  return summaries(db).all(null, null).map(toSummary);
}

const pointsOfSet = statement<[number], { id: number; key: string; date: string | null; value: number | null }>(
  `SELECT x.id, x.key, p.date, p.value FROM series x LEFT JOIN series_points p ON p.series_id = x.id
   WHERE x.set_id = ? ORDER BY x.id, p.date`,
);

/** A set with every series and its points, or a 404. */
export function getSeriesSet(db: Db, id: number): SeriesSet {
  const row = summaries(db).get(id, id);
  if (!row) throw new AppError('not_found', 404, `Series set #${id} was not found.`);
  const series: SeriesSet['series'] = [];
  for (const p of pointsOfSet(db).all(id)) {
    if (series.at(-1)?.id !== p.id) series.push({ id: p.id, key: p.key, points: [] });
    if (p.date !== null) series.at(-1)!.points.push({ date: p.date, value: p.value! });
  }
  return { ...toSummary(row), series };
}

export function deleteSeriesSet(db: Db, id: number): void {
  if (deleteSet(db).run(id).changes === 0) throw new AppError('not_found', 404, `Series set #${id} was not found.`);
}
