import { describe, expect, test } from 'vitest';
import { toUtcIso } from '../../apps/api/src/import/dates.ts';
import { ImportError } from '../../apps/api/src/import/errors.ts';

const where = { file: 'f.csv', line: 3, field: 'created_at' };

describe('toUtcIso', () => {
  test.each([
    ['2022-03-14T09:26:53.589Z', '2022-03-14T09:26:53.589Z'],
    ['2020-05-01T10:00:00.000', '2020-05-01T10:00:00.000Z'],
    ['2021-07-15T12:00:00+02:00', '2021-07-15T10:00:00.000Z'],
    ['2021-07-15T12:00:00-0530', '2021-07-15T17:30:00.000Z'],
    ['2022-03-02 10:00:00', '2022-03-02T10:00:00.000Z'],
    ['2023-06-01', '2023-06-01T00:00:00.000Z'],
    ['2024-02-29T23:59:59Z', '2024-02-29T23:59:59.000Z'],
    ['2022-01-01T00:00:00.123456Z', '2022-01-01T00:00:00.123Z'],
    [1656633600, '2022-07-01T00:00:00.000Z'],
    [1656633600000, '2022-07-01T00:00:00.000Z'],
    ['1656633600', '2022-07-01T00:00:00.000Z'],
  ])('%s -> %s', (input, expected) => {
    expect(toUtcIso(input, where)).toBe(expected);
  });

  test.each([
    ['2023-02-30T10:00:00Z', 'month 2 of 2023 has no day 30'],
    ['2023-02-29', 'month 2 of 2023 has no day 29'],
    ['2100-02-29', 'month 2 of 2100 has no day 29'],
    ['2023-13-01', 'there is no month 13'],
    ['2023-04-31', 'month 4 of 2023 has no day 31'],
    ['2023-01-01T24:00:00Z', 'the time is out of range'],
    ['2023-01-01T10:61:00Z', 'the time is out of range'],
    ['2023-01-01T10:00:00+25:00', 'the zone offset +25:00 is out of range'],
    ['yesterday', 'expected a date like 2023-05-01T12:00:00Z'],
    ['', 'expected a date like 2023-05-01T12:00:00Z'],
    ['0001-01-01', 'the year is out of range'],
    [null, 'expected an ISO-8601 string'],
    [-5, 'not a Unix time'],
  ])('rejects %s', (input, why) => {
    let caught: unknown;
    try {
      toUtcIso(input, where);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ImportError);
    expect((caught as ImportError).code).toBe('import.invalid_date');
    expect((caught as ImportError).where).toEqual(where);
    expect((caught as ImportError).message).toContain(why);
  });
});
