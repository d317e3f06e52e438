import { describe, expect, test } from 'vitest';
import {
  axisFor,
  dayIndex,
  fillSeries,
  monthIndex,
  periodAxis,
  periodOf,
} from '../../apps/api/src/label-counts/periods.ts';

const m = (iso: string) => monthIndex(iso);

describe('month and day indices', () => {
  test.each([
    ['2021-01-01', 2021 * 12],
    ['2021-03-31T23:59:59.999Z', 2021 * 12 + 2],
    ['2024-12-15T00:00:00Z', 2024 * 12 + 11],
  ])('%s is month %i', (iso, month) => expect(monthIndex(iso)).toBe(month));

  test('days count from 1970-01-01 (UTC)', () => {
    expect(dayIndex('1970-01-01')).toBe(0);
    expect(dayIndex('1970-01-02')).toBe(1);
    expect(dayIndex('2021-01-01')).toBe(18628);
  });
});

describe('periods', () => {
  test.each([
    ['2021-03', 'quarter', '2021-Q1', '2021 Q1', '2021-01-01', '2021-03-31'],
    ['2021-04', 'quarter', '2021-Q2', '2021 Q2', '2021-04-01', '2021-06-30'],
    ['2021-12', 'quarter', '2021-Q4', '2021 Q4', '2021-10-01', '2021-12-31'],
    ['2024-02', 'month', '2024-02', '2024-02', '2024-02-01', '2024-02-29'],
    ['2023-02', 'month', '2023-02', '2023-02', '2023-02-01', '2023-02-28'],
    ['2022-07', 'year', '2022', '2022', '2022-01-01', '2022-12-31'],
  ] as const)('%s in a %s is %s', (month, granularity, key, label, start, end) => {
    const size = { month: 1, quarter: 3, year: 12 }[granularity];
    expect(periodOf(Math.floor(m(month) / size), granularity)).toEqual({ key, label, start, end });
  });

  test('quarter boundaries: 31 March and 1 April fall in different quarters', () => {
    const axis = periodAxis('quarter', m('2021-01'), m('2021-12'));
    expect(axis.periods.map((p) => p.key)).toEqual(['2021-Q1', '2021-Q2', '2021-Q3', '2021-Q4']);
    expect(axis.indexOf(m('2021-03-31T23:59:59Z'))).toBe(0);
    expect(axis.indexOf(m('2021-04-01T00:00:00Z'))).toBe(1);
    expect(axis.indexOf(m('2020-12-31'))).toBe(-1);
    expect(axis.indexOf(m('2022-01-01'))).toBe(-1);
  });

  test('an axis starts and ends with the periods holding its first and last month', () => {
    expect(periodAxis('quarter', m('2021-02'), m('2021-04')).periods.map((p) => p.key)).toEqual(['2021-Q1', '2021-Q2']);
    expect(periodAxis('year', m('2021-12'), m('2022-01')).periods.map((p) => p.key)).toEqual(['2021', '2022']);
    expect(periodAxis('month', 5, 4).periods).toEqual([]);
  });
});

describe('filling series', () => {
  test('sums months into quarters and fills empty quarters with zeros, per series', () => {
    const axis = periodAxis('quarter', m('2021-01'), m('2021-12'));
    const rows = [
      { month: m('2021-03'), series: 'a', value: 2 },
      { month: m('2021-01'), series: 'a', value: 1 },
      { month: m('2021-04'), series: 'a', value: 1 },
      { month: m('2021-12'), series: 'a', value: 4 },
      { month: m('2021-01'), series: 'b', value: 1 },
      { month: m('2022-01'), series: 'b', value: 9 },
    ];
    const out = fillSeries(rows, axis, ['c']);
    expect(Object.fromEntries(out)).toEqual({ c: [0, 0, 0, 0], a: [3, 1, 0, 4], b: [1, 0, 0, 0] });
  });

  test('months without data are zeros between the first and the last', () => {
    const axis = axisFor('month', { min: m('2022-01'), max: m('2022-04') }, {});
    const out = fillSeries(
      [
        { month: m('2022-01'), series: 'x', value: 5 },
        { month: m('2022-04'), series: 'x', value: 2 },
      ],
      axis,
    );
    expect(axis.periods.map((p) => p.key)).toEqual(['2022-01', '2022-02', '2022-03', '2022-04']);
    expect(out.get('x')).toEqual([5, 0, 0, 2]);
  });

  test('a date-range filter sets the axis, even beyond the data; no data and no range is no periods', () => {
    const axis = axisFor('quarter', { min: m('2022-05'), max: m('2022-05') }, { from: '2021-11-20', to: '2022-07-01' });
    expect(axis.periods.map((p) => p.key)).toEqual(['2021-Q4', '2022-Q1', '2022-Q2', '2022-Q3']);
    expect(axisFor('year', { min: null, max: null }, {}).periods).toEqual([]);
  });
});
