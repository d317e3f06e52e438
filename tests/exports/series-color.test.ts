import { seriesColor } from '@threadcoder/taxonomy';
import { expect, test } from 'vitest';
import { lineChartSvg } from '../../apps/api/src/exports/svg-chart.ts';

test.each([
  ['#123456', 3, '#123456'],
  [null, 0, '#0072B2'],
  [null, 6, '#332288'],
  [undefined, 12, '#0072B2'],
])('seriesColor(%j, %i) is %s', (color, index, expected) => {
  expect(seriesColor(color, index)).toBe(expected);
});

test("the report's chart colours series as the Analysis page does", () => {
  const series = Array.from({ length: 8 }, (_, k) => ({
    name: `s${k}`,
    color: k === 2 ? '#ABCDEF' : null,
    values: [k],
  }));
  const svg = lineChartSvg('Shares', ['2023-01'], series);
  const strokes = [...svg.matchAll(/<polyline [^>]*stroke="([^"]+)"/g)].map((m) => m[1]);
  expect(strokes).toEqual(series.map((s, k) => seriesColor(s.color, k)));
  expect(strokes[6]).toBe('#332288');
});
