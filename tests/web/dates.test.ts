import { expect, test } from 'vitest';
import { isoDate, isoDateTime, proseDateTime } from '../../apps/web/src/components/dates.ts';

// Timestamps without a zone are local times, so these hold in any time zone the tests run in.

test('tables and lists show ISO days and minutes', () => {
  expect(isoDate('2024-03-05T14:07:09')).toBe('2024-03-05');
  expect(isoDate('2024-12-31T23:59:59')).toBe('2024-12-31');
  expect(isoDateTime('2024-03-05T04:07:09')).toBe('2024-03-05 04:07');
  expect(isoDateTime('2024-03-05T04:07:09', { seconds: true })).toBe('2024-03-05 04:07:09');
});

test('prose uses the reader’s locale', () => {
  const iso = '2024-03-05T14:07:09';
  expect(proseDateTime(iso)).toBe(new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
  expect(proseDateTime(iso)).toContain('2024');
});
