import { describe, expect, test } from 'vitest';
import { parseSeriesCsv } from '../../apps/api/src/series/parse-csv.ts';
import { parsePeriodLabel } from '../../apps/api/src/series/period-label.ts';

const file = 'data.csv';

describe('period labels', () => {
  test.each([
    ['2021-03', { date: '2021-03-01', precision: 'month' }],
    ['2021/3', { date: '2021-03-01', precision: 'month' }],
    ['2021-03-15', { date: '2021-03-15', precision: 'day' }],
    ['2021-03-15T00:00:00Z', { date: '2021-03-15', precision: 'day' }],
    ['Mar 2021', { date: '2021-03-01', precision: 'month' }],
    ['September 2022', { date: '2022-09-01', precision: 'month' }],
    ['2022-Sep', { date: '2022-09-01', precision: 'month' }],
    ['total', null],
    ['2021-13', null],
    ['2023-02-30', null],
    ['Sept 2021', null],
  ])('%s', (text, expected) => expect(parsePeriodLabel(text)).toEqual(expected));
});

describe('parseSeriesCsv', () => {
  test('wide: one row per series, month gaps kept as gaps, a total column reported and skipped', () => {
    const csv = 'family,2021-01,2021-02,2021-04,total\nbert,3,,5,8\ngpt2,1,2,NA,3\n';
    expect(parseSeriesCsv(csv, { file })).toEqual({
      layout: 'wide',
      frequency: 'month',
      series: [
        {
          key: 'bert',
          points: [
            { date: '2021-01-01', value: 3 },
            { date: '2021-04-01', value: 5 },
          ],
        },
        {
          key: 'gpt2',
          points: [
            { date: '2021-01-01', value: 1 },
            { date: '2021-02-01', value: 2 },
          ],
        },
      ],
      skippedColumns: [{ column: 'total', reason: 'not a date (a total or a label column)' }],
      missingValues: 2,
    });
  });

  test('long: date, series, value rows; extra columns reported', () => {
    const csv = 'date,series,value,unit\n2021-02,llama,4,models\n2021-01,llama,2,models\n2021-01,t5,7,models\n';
    const parsed = parseSeriesCsv(csv, { file });
    expect(parsed.layout).toBe('long');
    expect(parsed.series).toEqual([
      {
        key: 'llama',
        points: [
          { date: '2021-01-01', value: 2 },
          { date: '2021-02-01', value: 4 },
        ],
      },
      { key: 't5', points: [{ date: '2021-01-01', value: 7 }] },
    ]);
    expect(parsed.skippedColumns).toEqual([{ column: 'unit', reason: 'not the date, series or value column' }]);
  });

  test('multi: a date column and several value columns, as the card-share file', () => {
    const csv = 'month,models created,models with a card,ratio\n2022-01,100,40,0.4\n2022-02,80,60,0.75\n';
    const parsed = parseSeriesCsv(csv, { file });
    expect(parsed.layout).toBe('multi');
    expect(parsed.series.map((s) => [s.key, s.points.map((p) => p.value)])).toEqual([
      ['models created', [100, 80]],
      ['models with a card', [40, 60]],
      ['ratio', [0.4, 0.75]],
    ]);
  });

  test('weekly and daily dates are told apart', () => {
    expect(parseSeriesCsv('week,n\n2024-01-01,1\n2024-01-08,2\n2024-01-22,3\n', { file }).frequency).toBe('week');
    expect(parseSeriesCsv('day,n\n2024-01-01,1\n2024-01-02,2\n', { file }).frequency).toBe('day');
    expect(parseSeriesCsv('day,n\n2024-01-01,1\n2024-02-01,2\n', { file }).frequency).toBe('month');
  });

  test.each([
    [
      'not a number',
      'family,2021-01,2021-02\nbert,3,lots\n',
      { file, line: 2, field: '2021-02' },
      '"lots" is not a number.',
    ],
    [
      'a bad date',
      'month,n\n2021-01,1\n2021-13,2\n',
      { file, line: 3, field: 'month' },
      '"2021-13" is not a date; write months as 2021-03 and days as 2021-03-15.',
    ],
    [
      'a repeated date',
      'date,series,value\n2021-01,a,1\n2021-01,a,2\n',
      { file, line: 3, field: 'series' },
      'Series "a" has a second value for 2021-01-01.',
    ],
    [
      'no rows',
      'family,2021-01,2021-02\n',
      { file, line: 1 },
      'data.csv needs a header row and at least one row of values.',
    ],
    ['only gaps', 'family,2021-01,2021-02\nbert,,\n', { file }, 'data.csv holds no values.'],
  ])('%s is refused with where it is', (_, csv, where, message) => {
    expect(() => parseSeriesCsv(csv, { file })).toThrow(message);
    try {
      parseSeriesCsv(csv, { file });
    } catch (err) {
      expect(err).toMatchObject({ code: 'series.bad_csv', status: 400, where });
    }
  });
});
