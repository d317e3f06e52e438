// --date-format: created dates of a CSV/JSONL table in a named date-fns pattern.
import { describe, expect, test } from 'vitest';
import { checkDateFormat, parseDateWithFormat } from '../../apps/api/src/import/date-format.ts';
import { counts, freshDb, importError, importFixture } from './helpers.ts';

const scrape = {
  format: 'csv' as const,
  mapping: { threadId: 'topic_url', postId: 'post_id', author: 'username', createdAt: 'date', body: 'text' },
  dateFormat: 'MMM d, yyyy h:mm a',
};

describe('parseDateWithFormat', () => {
  test.each([
    ['Sep 6, 2020 9:38 am', 'MMM d, yyyy h:mm a', '2020-09-06T09:38:00.000Z'],
    ['Sep 6, 2020 12:05 pm', 'MMM d, yyyy h:mm a', '2020-09-06T12:05:00.000Z'],
    ['Sep 6, 2020 9:38 PM', 'MMM d, yyyy h:mm a', '2020-09-06T21:38:00.000Z'],
    ['06/09/2020 21:38', 'dd/MM/yyyy HH:mm', '2020-09-06T21:38:00.000Z'],
    ['2020-09-06 21:38 +02:00', 'yyyy-MM-dd HH:mm XXX', '2020-09-06T19:38:00.000Z'],
    ['6 September 2020', 'd MMMM yyyy', '2020-09-06T00:00:00.000Z'],
  ])('%s in "%s" -> %s (UTC without a zone token)', (value, format, iso) => {
    expect(parseDateWithFormat(value, format, { file: 'f.csv', line: 2, field: 'date' })).toBe(iso);
  });

  test("a pattern without a zone reads UTC whatever the process's time zone", () => {
    const saved = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      expect(parseDateWithFormat('Mar 8, 2020 2:30 am', 'MMM d, yyyy h:mm a', {})).toBe('2020-03-08T02:30:00.000Z');
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test.each([
    ['Feb 30, 2020 9:38 am', 'MMM d, yyyy h:mm a'],
    ['Sep 6, 2020 9:38 am, later', 'MMM d, yyyy h:mm a'],
    ['2020-09-06T09:38:00Z', 'MMM d, yyyy h:mm a'],
    ['Sep 6, 2020 13:38 pm', 'MMM d, yyyy h:mm a'],
  ])('%s does not match "%s"', (value, format) => {
    expect(() => parseDateWithFormat(value, format, { file: 'f.csv', line: 3, field: 'date' })).toThrow(
      expect.objectContaining({ code: 'import.invalid_date', where: { file: 'f.csv', line: 3, field: 'date' } }),
    );
  });

  test.each([
    ['YYYY-MM-dd', 'Use `yyyy` instead of `YYYY`'],
    ['yyyy-nn', 'unescaped latin alphabet character `n`'],
  ])('the pattern "%s" itself is refused', (format, why) => {
    expect(() => checkDateFormat(format)).toThrow(
      expect.objectContaining({ code: 'import.invalid_date_format', where: { field: 'dateFormat' } }),
    );
    expect(() => checkDateFormat(format)).toThrow(why);
  });
});

describe('import with --date-format', () => {
  test('a scraped CSV with "Sep 6, 2020 9:38 am" dates imports with them in UTC', async () => {
    const db = freshDb();
    const report = await importFixture(db, 'csv/scraped-dates.csv', scrape);
    expect(report).toMatchObject({ threads: { new: 1 }, posts: { new: 3 }, rejected: [] });
    expect(db.prepare('SELECT external_id, author, created_at FROM posts ORDER BY created_at').all()).toEqual([
      { external_id: '1203-1', author: 'lewtun', created_at: '2020-09-06T09:38:00.000Z' },
      { external_id: '1203-2', author: 'sgugger', created_at: '2020-09-06T12:05:00.000Z' },
      { external_id: '1203-3', author: 'lewtun', created_at: '2020-09-07T08:00:00.000Z' },
    ]);
    expect(db.prepare('SELECT title, category, created_at FROM threads').get()).toEqual({
      title: 'Batch size vs memory',
      category: 'Beginners',
      created_at: '2020-09-06T09:38:00.000Z',
    });
  });

  test('without --date-format the same file fails on its first date, naming line and column', async () => {
    const db = freshDb();
    const { dateFormat: _, ...iso } = scrape;
    const err = await importError(db, 'csv/scraped-dates.csv', iso);
    expect(err).toMatchObject({
      code: 'import.invalid_date',
      where: { file: 'scraped-dates.csv', line: 2, field: 'date' },
    });
  });

  test('a date that does not parse names its row (line) and column; strict stores nothing', async () => {
    const db = freshDb();
    const err = await importError(db, 'csv/scraped-bad-date.csv', scrape);
    expect(err.code).toBe('import.invalid_date');
    expect(err.where).toEqual({ file: 'scraped-bad-date.csv', line: 3, field: 'date' });
    expect(err.message).toBe(
      'Invalid date "Sept 31, 2020 12:05 pm": it does not match the date format "MMM d, yyyy h:mm a" (scraped-bad-date.csv, line 3, date).',
    );
    expect(counts(db)).toEqual({ sources: 0, threads: 0, posts: 0 });
  });

  test('lenient: the row with the bad date is rejected with its location, the rest lands', async () => {
    const db = freshDb();
    const report = await importFixture(db, 'csv/scraped-bad-date.csv', { ...scrape, mode: 'lenient' });
    expect(report.posts.new).toBe(1);
    expect(report.rejected).toEqual([
      {
        code: 'import.invalid_date',
        reason: expect.stringContaining('does not match the date format'),
        where: { file: 'scraped-bad-date.csv', line: 3, field: 'date' },
      },
    ]);
  });

  test('a pattern date-fns refuses fails before anything is read', async () => {
    const db = freshDb();
    const err = await importError(db, 'csv/scraped-dates.csv', { ...scrape, dateFormat: 'MMM D, YYYY' });
    expect(err).toMatchObject({ code: 'import.invalid_date_format', where: { field: 'dateFormat' } });
  });
});
