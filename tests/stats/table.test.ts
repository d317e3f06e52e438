import { describe, expect, test } from 'vitest';
import { buildTable, compressTable, rowCounts } from '@threadcoder/stats';

describe('buildTable', () => {
  const t = buildTable([
    { unit: 'u2', coder: 'zoe', value: 'b' },
    { unit: 'u1', coder: 'ann', value: 'a' },
    { unit: 'u2', coder: 'ann', value: 'a' },
    { unit: 'u1', coder: 'zoe', value: 'a' },
    { unit: 'u3', coder: 'zoe', value: 'c' },
  ]);

  test('coders and categories are sorted; rows follow first appearance of units', () => {
    expect(t.kind).toBe('category');
    expect(t.coders).toEqual(['ann', 'zoe']);
    expect(t.categories).toEqual(['a', 'b', 'c']);
    expect(t.codes).toEqual(['a', 'b', 'c']);
    expect(t.unitNames).toEqual(['u2', 'u1', 'u3']);
    expect(t.units).toBe(3);
  });

  test('rows hold entries sorted by coder', () => {
    expect(Array.from(t.rowStart)).toEqual([0, 2, 4, 5]);
    expect(Array.from(t.entryCoder)).toEqual([0, 1, 0, 1, 1]);
    expect(Array.from(t.entryValue)).toEqual([0, 1, 0, 0, 2]);
  });

  test('row counts give each unit its value-count vector', () => {
    const c = rowCounts(t);
    expect(Array.from(c.size)).toEqual([2, 2, 1]);
    expect(Array.from(c.start)).toEqual([0, 2, 3, 4]);
    expect(Array.from(c.category)).toEqual([0, 1, 0, 2]);
    expect(Array.from(c.count)).toEqual([1, 1, 2, 1]);
  });

  test('numbers sort numerically; sets become sorted code lists with their codes', () => {
    const n = buildTable([
      { unit: 'a', coder: 'x', value: 10 },
      { unit: 'a', coder: 'y', value: 9 },
      { unit: 'b', coder: 'x', value: -0 },
    ]);
    expect(n.categories).toEqual([0, 9, 10]);
    expect(Array.from(n.numeric)).toEqual([0, 9, 10]);
    const s = buildTable([
      { unit: 'a', coder: 'x', value: ['q', 'p'] },
      { unit: 'a', coder: 'y', value: ['p'] },
      { unit: 'b', coder: 'x', value: [] },
    ]);
    expect(s.categories).toEqual([[], ['p'], ['p', 'q']]);
    expect(s.codes).toEqual(['p', 'q']);
    expect(s.members.map((m) => Array.from(m))).toEqual([[], [0], [0, 1]]);
  });

  test('declared categories join the category list', () => {
    expect(buildTable([{ unit: 'a', coder: 'x', value: 'b' }], { categories: ['c', 'a'] }).categories).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  test.each([
    [
      'mixed kinds',
      [
        { unit: 'a', coder: 'x', value: 'b' },
        { unit: 'a', coder: 'y', value: 2 },
      ],
      'codings[1].value is a number value but codings[0].value is a category value',
    ],
    [
      'a coder twice on a unit',
      [
        { unit: 'a', coder: 'x', value: 'b' },
        { unit: 'a', coder: 'x', value: 'c' },
      ],
      'codings[1] repeats codings[0]: coder "x" coded unit "a" twice',
    ],
    ['NaN', [{ unit: 'a', coder: 'x', value: Number.NaN }], 'codings[0].value must be a finite number'],
  ])('throws on %s', (_name, codings, message) => {
    expect(() => buildTable(codings)).toThrow(message);
  });

  test('no codings: an empty table', () => {
    expect(buildTable([])).toMatchObject({ rows: 0, units: 0, coders: [], categories: [] });
  });
});

describe('compressTable', () => {
  test('identical units share one weighted row', () => {
    const t = buildTable([
      { unit: 'u1', coder: 'a', value: 'x' },
      { unit: 'u1', coder: 'b', value: 'x' },
      { unit: 'u2', coder: 'a', value: 'x' },
      { unit: 'u2', coder: 'b', value: 'y' },
      { unit: 'u3', coder: 'b', value: 'x' },
      { unit: 'u3', coder: 'a', value: 'x' },
      { unit: 'u4', coder: 'b', value: 'x' },
    ]);
    const { table, rowOf } = compressTable(t);
    expect(Array.from(rowOf)).toEqual([0, 1, 0, 2]);
    expect(Array.from(table.weight)).toEqual([2, 1, 1]);
    expect(table.units).toBe(4);
    expect(table.unitNames).toBeNull();
    expect(Array.from(table.entryCoder)).toEqual([0, 1, 0, 1, 1]);
  });

  test('falls back to string keys when a numeric key would overflow (many coders)', () => {
    const codings = Array.from({ length: 60 }, (_, c) => [
      { unit: 'u1', coder: `c${String(c).padStart(2, '0')}`, value: 'x' },
      { unit: 'u2', coder: `c${String(c).padStart(2, '0')}`, value: 'x' },
    ]).flat();
    const { table } = compressTable(buildTable(codings));
    expect(table.rows).toBe(1);
    expect(Array.from(table.weight)).toEqual([2]);
  });
});
