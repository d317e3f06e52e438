import { describe, expect, test } from 'vitest';
import { chartPoints } from '../../apps/api/src/series/chart-points.ts';
import { matchPairs, nameKey } from '../../apps/api/src/series/match-pairs.ts';
import { monthly } from '../../apps/api/src/series/monthly.ts';

describe('monthly', () => {
  const weekly = [
    { date: '2024-01-29', value: 4 },
    { date: '2024-01-22', value: 2 },
    { date: '2024-02-05', value: 10 },
  ];
  test('weeks count in the month they start in: summed for counts, averaged for shares', () => {
    expect(monthly(weekly, 'sum')).toEqual([
      { period: '2024-01', value: 6 },
      { period: '2024-02', value: 10 },
    ]);
    expect(monthly(weekly, 'mean')).toEqual([
      { period: '2024-01', value: 3 },
      { period: '2024-02', value: 10 },
    ]);
  });
});

describe('matchPairs', () => {
  test('names match ignoring case and punctuation; the mapping wins; "" leaves one out', () => {
    expect(nameKey('GPT-2 (base)')).toBe('gpt2base');
    expect(matchPairs(['BERT', 'GPT-2', 'T5', 'Phi'], ['bert', 'gpt2', 't5', 'phi3'], { T5: '', Phi: 'phi3' })).toEqual(
      {
        pairs: [
          { left: 'BERT', right: 'bert' },
          { left: 'GPT-2', right: 'gpt2' },
          { left: 'Phi', right: 'phi3' },
        ],
        unmatchedLeft: ['T5'],
        unmatchedRight: ['t5'],
      },
    );
  });
});

describe('chartPoints', () => {
  test('union of months, null for a missing side, running totals', () => {
    expect(
      chartPoints(
        [{ period: '2024-02', value: 2 }],
        [
          { period: '2024-01', value: 5 },
          { period: '2024-02', value: 1 },
        ],
      ),
    ).toEqual([
      { period: '2024-01', left: null, right: 5, leftCumulative: 0, rightCumulative: 5 },
      { period: '2024-02', left: 2, right: 1, leftCumulative: 2, rightCumulative: 6 },
    ]);
  });
});
