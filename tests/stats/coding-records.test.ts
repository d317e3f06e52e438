import { describe, expect, test } from 'vitest';
import { parseCodingRecords } from '@threadcoder/stats';

describe('parseCodingRecords (untrusted JSON)', () => {
  test('accepts strings, numbers and sets; ignores extra fields', () => {
    expect(parseCodingRecords([{ unit: 'u1', coder: 'a', value: 'x', memo: 'hm' }])).toEqual({
      codings: [{ unit: 'u1', coder: 'a', value: 'x' }],
    });
    expect(parseCodingRecords([{ unit: 'u1', coder: 'a', value: 2.5 }])).toEqual({
      codings: [{ unit: 'u1', coder: 'a', value: 2.5 }],
    });
    expect(
      parseCodingRecords([
        { unit: 'u1', coder: 'a', value: [] },
        { unit: 'u2', coder: 'a', value: ['p'] },
      ]),
    ).toEqual({
      codings: [
        { unit: 'u1', coder: 'a', value: [] },
        { unit: 'u2', coder: 'a', value: ['p'] },
      ],
    });
  });

  test.each([
    ['not an array', { unit: 'u' }, null, '', 'expected an array of codings, got an object'],
    ['empty', [], null, '', 'there are no codings'],
    ['a number record', [3], 0, '', 'expected an object with unit, coder and value, got a number'],
    [
      'unit missing',
      [{ coder: 'a', value: 'x' }],
      0,
      'unit',
      'unit must be a non-empty string, got nothing (the field is missing)',
    ],
    [
      'unit a number',
      [{ unit: 7, coder: 'a', value: 'x' }],
      0,
      'unit',
      'unit must be a non-empty string, got a number',
    ],
    [
      'coder empty',
      [{ unit: 'u', coder: '', value: 'x' }],
      0,
      'coder',
      'coder must be a non-empty string, got an empty string',
    ],
    [
      'value a boolean',
      [{ unit: 'u', coder: 'a', value: true }],
      0,
      'value',
      'value must be a string, a number or an array of strings, got a boolean',
    ],
    [
      'value null',
      [{ unit: 'u', coder: 'a', value: null }],
      0,
      'value',
      'value must be a string, a number or an array of strings, got null',
    ],
    ['value empty string', [{ unit: 'u', coder: 'a', value: '' }], 0, 'value', 'value must not be an empty string'],
    [
      'a number in a set',
      [{ unit: 'u', coder: 'a', value: ['p', 3] }],
      0,
      'value[1]',
      'each code in a set must be a non-empty string, got a number',
    ],
    [
      'mixed kinds',
      [
        { unit: 'u', coder: 'a', value: 'x' },
        { unit: 'u', coder: 'b', value: 1 },
      ],
      1,
      'value',
      'value is a number, but the first value is a string; all values must be of one kind',
    ],
    [
      'duplicate coding',
      [
        { unit: 'u', coder: 'a', value: 'x' },
        { unit: 'v', coder: 'a', value: 'x' },
        { unit: 'u', coder: 'a', value: 'y' },
      ],
      2,
      '',
      'coder "a" already coded unit "u" in record 0',
    ],
  ])('%s', (_name, input, index, field, message) => {
    expect(parseCodingRecords(input)).toEqual({ problem: { index, field, message } });
  });
});
