import { describe, expect, test } from 'vitest';
import { mergeCodes, migrateLabels, splitCode, type Mapping } from '@threadcoder/taxonomy';
import { META, must, smallCodebook } from './fixtures.ts';

const merge = (from: string[], to: string): Mapping => ({ kind: 'merge', from, to: [to] });
const split = (from: string, to: string[]): Mapping => ({ kind: 'split', from: [from], to });

describe('migrateLabels', () => {
  test.each([
    ['no mappings', ['a', 'b'], [], { labels: ['a', 'b'], needsReview: false, review: [] }],
    [
      'a merge renames labels and drops the duplicate',
      ['a', 'b', 'x'],
      [merge(['a', 'b'], 'c')],
      { labels: ['c', 'x'], needsReview: false, review: [] },
    ],
    [
      'a merge into one of its sources',
      ['b'],
      [merge(['a', 'b'], 'a')],
      { labels: ['a'], needsReview: false, review: [] },
    ],
    [
      'a split takes the label out for review',
      ['a', 'x'],
      [split('a', ['a1', 'a2'])],
      { labels: ['x'], needsReview: true, review: [{ label: 'a', choices: ['a1', 'a2'] }] },
    ],
    [
      'a split that keeps A still asks',
      ['a'],
      [split('a', ['a', 'a2'])],
      { labels: [], needsReview: true, review: [{ label: 'a', choices: ['a', 'a2'] }] },
    ],
    [
      'labels the mappings do not touch pass through',
      ['x'],
      [split('a', ['a1', 'a2']), merge(['b', 'c'], 'd')],
      { labels: ['x'], needsReview: false, review: [] },
    ],
    [
      'later merges update the choices',
      ['a'],
      [split('a', ['a1', 'a2']), merge(['a1', 'z'], 'c')],
      { labels: [], needsReview: true, review: [{ label: 'a', choices: ['c', 'a2'] }] },
    ],
    [
      'later splits widen the choices',
      ['a'],
      [split('a', ['a1', 'a2']), split('a2', ['p', 'q'])],
      { labels: [], needsReview: true, review: [{ label: 'a', choices: ['a1', 'p', 'q'] }] },
    ],
    [
      'a review whose parts are merged back resolves itself',
      ['a'],
      [split('a', ['a1', 'a2']), merge(['a1', 'a2'], 'a')],
      { labels: ['a'], needsReview: false, review: [] },
    ],
    [
      'a merge then a split of the result',
      ['a', 'b'],
      [merge(['a', 'b'], 'c'), split('c', ['c1', 'c2'])],
      { labels: [], needsReview: true, review: [{ label: 'c', choices: ['c1', 'c2'] }] },
    ],
  ])('%s', (_case, labels, mappings, expected) => {
    expect(migrateLabels(labels, mappings)).toEqual(expected);
  });

  test('works on the mappings the edits record', () => {
    const merged = must(
      mergeCodes(smallCodebook(), { from: ['docs', 'oom'], into: { id: 'usage', name: 'Usage' } }, META),
    );
    const split = must(
      splitCode(
        merged.codebook,
        {
          id: 'reuse',
          into: [
            { id: 'speed', name: 'Speed' },
            { id: 'quality', name: 'Quality' },
          ],
        },
        META,
      ),
    );
    const mappings = [...merged.change.mappings, ...split.change.mappings];
    expect(migrateLabels(['oom', 'reuse', 'docs'], mappings)).toEqual({
      labels: ['usage'],
      needsReview: true,
      review: [{ label: 'reuse', choices: ['speed', 'quality'] }],
    });
  });
});
