// Series sets (migration 015): stored, listed, read, deleted. One set = one imported file or one
// derivation of collected Hub models; it is written whole in one transaction or not at all.
import { AppError } from '../http/errors.ts';
import type { Frequency, ParsedSeries } from '../series/parse-csv.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';
import { writeTransaction } from './write-transaction.ts';

type SeriesLayout = 'wide' | 'long' | 'multi' | 'derived';

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
  return writeTransaction(db, () => {
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
  });
}

const COLUMNS = `s.id, s.name, s.source, s.unit, s.frequency, s.layout, s.file_name AS fileName,
  s.report_json AS reportJson, s.created_at AS createdAt`;
type SetRow = Omit<SeriesSetSummary, 'report' | 'seriesCount' | 'points' | 'firstDate' | 'lastDate'> & {
  reportJson: string;
};
type SummaryRow = SetRow & Pick<SeriesSetSummary, 'seriesCount' | 'points' | 'firstDate' | 'lastDate'>;

const summaries = statement<[], SummaryRow>(
  `SELECT ${COLUMNS}, count(DISTINCT x.id) AS seriesCount, count(p.date) AS points,
          min(p.date) AS firstDate, max(p.date) AS lastDate
   FROM series_sets s LEFT JOIN series x ON x.set_id = s.id LEFT JOIN series_points p ON p.series_id = x.id
   GROUP BY s.id ORDER BY s.name`,
);
const setById = statement<[number], SetRow>(`SELECT ${COLUMNS} FROM series_sets s WHERE s.id = ?`);

const withReport = <R extends { reportJson: string }>({ reportJson, ...r }: R) => ({
  ...r,
  report: JSON.parse(reportJson) as Record<string, unknown>,
});

export function listSeriesSets(db: Db): SeriesSetSummary[] {
  return summaries(db).all().map(withReport);
}

// In (key, date) order, which the (set_id, key) index and the points' primary key give without a
// sort (ORDER BY x.id sorted every point of the set); getSeriesSet puts the series back in id order.
const pointsOfSet = statement<[number], [number, string, string | null, number | null]>(
  `SELECT x.id, x.key, p.date, p.value FROM series x LEFT JOIN series_points p ON p.series_id = x.id
   WHERE x.set_id = ? ORDER BY x.key, p.date`,
  (s) => s.raw(),
);

/** A set with every series and its points, or a 404. */
export function getSeriesSet(db: Db, id: number): SeriesSet {
  const row = setById(db).get(id);
  if (!row) throw new AppError('not_found', 404, `Series set #${id} was not found.`);
  const series: SeriesSet['series'] = [];
  let points = 0;
  let firstDate: string | null = null;
  let lastDate: string | null = null;
  for (const [seriesId, key, date, value] of pointsOfSet(db).all(id)) {
    if (series.at(-1)?.id !== seriesId) series.push({ id: seriesId, key, points: [] });
    if (date === null) continue;
    series.at(-1)!.points.push({ date, value: value! });
    points++;
    if (firstDate === null || date < firstDate) firstDate = date;
    if (lastDate === null || date > lastDate) lastDate = date;
  }
  series.sort((a, b) => a.id - b.id);
  return { ...withReport(row), seriesCount: series.length, points, firstDate, lastDate, series };
}

export function deleteSeriesSet(db: Db, id: number): void {
  if (deleteSet(db).run(id).changes === 0) throw new AppError('not_found', 404, `Series set #${id} was not found.`);
}
