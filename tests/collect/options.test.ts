import { describe, expect, test } from 'vitest';
import { resolveOptions } from '../../apps/api/src/collect/options.ts';
import { retryAfterMs } from '../../apps/api/src/collect/retry-after.ts';
import { AppError } from '../../apps/api/src/http/errors.ts';

describe('resolveOptions', () => {
  test('normalizes the address, names the source after the host, turns dates into bounds on created_at', () => {
    expect(
      resolveOptions({ forumUrl: ' https://discuss.huggingface.co/ ', since: '2023-01-01', until: '2023-12-31' }),
    ).toEqual({
      forumUrl: 'https://discuss.huggingface.co',
      source: 'discuss.huggingface.co',
      category: undefined,
      since: '2023-01-01T00:00:00.000Z',
      until: '2024-01-01T00:00:00.000Z',
      maxTopics: undefined,
      rate: 1,
    });
    expect(
      resolveOptions({
        forumUrl: 'http://example.org/forum/?x=1',
        source: 'Ex',
        until: '2023-05-01T10:00:00+02:00',
        rate: 0.5,
        maxTopics: 3,
        category: ' models ',
      }),
    ).toEqual({
      forumUrl: 'http://example.org/forum',
      source: 'Ex',
      category: 'models',
      since: undefined,
      until: '2023-05-01T08:00:00.000Z',
      maxTopics: 3,
      rate: 0.5,
    });
  });

  test.each([
    [
      { forumUrl: 'discuss.huggingface.co' },
      'forumUrl',
      '"discuss.huggingface.co" is not a web address; give the forum\'s address, e.g. https://discuss.huggingface.co.',
    ],
    [{ forumUrl: 'ftp://x.org' }, 'forumUrl', 'The forum address must start with http:// or https://, not ftp://.'],
    [
      { forumUrl: 'https://u:p@x.org' },
      'forumUrl',
      'Put no user name or password in the forum address; set THREADCODER_DISCOURSE_API_KEY instead.',
    ],
    [
      { forumUrl: 'https://x.org', since: '2023-02-30' },
      'since',
      '--since "2023-02-30" is not a date; use YYYY-MM-DD or an ISO-8601 time.',
    ],
    [
      { forumUrl: 'https://x.org', until: 'yesterday' },
      'until',
      '--until "yesterday" is not a date; use YYYY-MM-DD or an ISO-8601 time.',
    ],
    [
      { forumUrl: 'https://x.org', since: '2023-05-02', until: '2023-05-01' },
      'until',
      '--until (2023-05-01) must come after --since (2023-05-02).',
    ],
    [
      { forumUrl: 'https://x.org', maxTopics: 0 },
      'maxTopics',
      'The most topics to collect must be a whole number of 1 or more, not 0.',
    ],
    [
      { forumUrl: 'https://x.org', rate: 11 },
      'rate',
      'The rate must be more than 0 and at most 10 requests per second, not 11.',
    ],
    [
      { forumUrl: 'https://x.org', rate: 0 },
      'rate',
      'The rate must be more than 0 and at most 10 requests per second, not 0.',
    ],
  ])('%j is refused on %s', (request, field, message) => {
    let err: unknown;
    try {
      resolveOptions(request);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'collect.bad_option', status: 400, message, where: { field } });
  });
});

describe('retryAfterMs', () => {
  const now = Date.UTC(2024, 0, 1, 12, 0, 0);
  test.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Mon, 01 Jan 2024 12:00:45 GMT', 45_000],
    ['Mon, 01 Jan 2024 11:59:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
    [null, undefined],
  ])('%j -> %s ms', (header, ms) => {
    expect(retryAfterMs(header, now)).toBe(ms);
  });
});
