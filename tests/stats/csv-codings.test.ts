import { describe, expect, test } from 'vitest';
import { codingsFromCsvRows } from '@threadcoder/stats';

const row = (unit: string, coder: string, value: string) => ({ unit, coder, value });

describe('codingsFromCsvRows', () => {
  test('numeric-looking values become numbers only when every value is numeric', () => {
    expect(codingsFromCsvRows([row('u1', 'a', '1'), row('u1', 'b', '-2.5e1')])).toEqual({
      codings: [
        { unit: 'u1', coder: 'a', value: 1 },
        { unit: 'u1', coder: 'b', value: -25 },
      ],
    });
    expect(codingsFromCsvRows([row('u1', 'a', '1'), row('u1', 'b', 'two')])).toEqual({
      codings: [
        { unit: 'u1', coder: 'a', value: '1' },
        { unit: 'u1', coder: 'b', value: 'two' },
      ],
    });
  });

  test.each(['0x10', '1,5', 'Infinity', 'NaN', '1.2.3', '.'])('"%s" is not numeric', (text) => {
    expect(codingsFromCsvRows([row('u', 'a', '1'), row('u', 'b', text)])).toEqual({
      codings: [
        { unit: 'u', coder: 'a', value: '1' },
        { unit: 'u', coder: 'b', value: text },
      ],
    });
  });

  test('several rows for one unit and coder make a set, and then every value is a set', () => {
    expect(
      codingsFromCsvRows([row('u1', 'a', 'bug'), row('u1', 'b', 'docs'), row('u1', 'a', 'docs'), row('u2', 'a', '3')]),
    ).toEqual({
      codings: [
        { unit: 'u1', coder: 'a', value: ['bug', 'docs'] },
        { unit: 'u1', coder: 'b', value: ['docs'] },
        { unit: 'u2', coder: 'a', value: ['3'] },
      ],
    });
  });

  test.each([
    ['no rows', [], null, '', 'there are no codings (the header has no rows under it)'],
    ['empty unit', [row('', 'a', 'x')], 0, 'unit', 'unit is empty'],
    [
      'empty value',
      [row('u', 'a', 'x'), row('u', 'b', '')],
      1,
      'value',
      'value is empty; leave out the row for a missing coding',
    ],
    [
      'repeated row',
      [row('u', 'a', 'x'), row('u', 'a', 'x')],
      1,
      'value',
      'repeats row 0: coder "a" already gave unit "u" the value "x"',
    ],
  ])('problem: %s', (_name, rows, index, field, message) => {
    expect(codingsFromCsvRows(rows)).toEqual({ problem: { index, field, message } });
  });
});
