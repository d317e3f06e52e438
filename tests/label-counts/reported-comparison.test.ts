import { templateSchema, templateToCodebook } from '@threadcoder/taxonomy';
import { describe, expect, test } from 'vitest';
import { reportedComparison } from '../../apps/api/src/label-counts/reported-comparison.ts';

const template = templateSchema.parse({
  id: 'tiny-replication',
  name: 'Tiny replication',
  source: 'Someone et al., A study (VENUE 2024)',
  dimensions: [
    { id: 'challenge', name: 'Challenge' },
    { id: 'benefit', name: 'Benefit' },
  ],
  codes: [
    { id: 'a', dimension: 'challenge', name: 'A', definition: '', reportedCount: 60 },
    { id: 'b', dimension: 'challenge', name: 'B', definition: '', reportedCount: 30 },
    { id: 'c', dimension: 'challenge', name: 'C', definition: '', reportedCount: 10 },
    { id: 'c1', dimension: 'challenge', name: 'C one', definition: '', parent: 'c' },
    { id: 'x', dimension: 'benefit', name: 'X', definition: '', reportedCount: 50 },
    { id: 'y', dimension: 'benefit', name: 'Y', definition: '', reportedCount: 50 },
  ],
});
const made = templateToCodebook(template);
if (!made.ok) throw new Error('fixture template');
const codebook = made.value;
// Rolled-up units per code: c counts its sub-code's units too.
const units = new Map([
  ['a', 50],
  ['b', 40],
  ['c', 10],
  ['c1', 4],
  ['x', 30],
  ['y', 10],
]);

describe('reportedComparison', () => {
  test('our shares beside theirs per dimension, with the goodness-of-fit test (scipy chi2.sf)', () => {
    const cmp = reportedComparison(template, codebook, units)!;
    expect(cmp.source).toBe('Someone et al., A study (VENUE 2024)');
    const [challenge, benefit] = cmp.dimensions;
    expect(challenge).toMatchObject({ dimension: 'challenge', name: 'Challenge', reportedTotal: 100, total: 100 });
    // X² = 100/60 + 100/30 + 0 = 5, df 2: p = e^(-2.5) = 0.0820850.
    expect(challenge!.test).toMatchObject({ df: 2, pooled: [] });
    expect(challenge!.test.statistic).toBeCloseTo(5, 12);
    expect('p' in challenge!.test && challenge!.test.p).toBeCloseTo(0.0820849986, 9);
    expect(challenge!.rows.map((r) => [r.codeId, r.reported, r.reportedShare, r.units, r.share])).toEqual([
      ['a', 60, 0.6, 50, 0.5],
      ['b', 30, 0.3, 40, 0.4],
      ['c', 10, 0.1, 10, 0.1],
    ]);
    expect(challenge!.rows[0]!.shareDifference).toBeCloseTo(-0.1, 12);
    expect(challenge!.rows[0]!.residual).toBeCloseTo(-10 / Math.sqrt(24), 12);
    // 30 vs 10 against halves: X² = 10, df 1, p = 0.0015654.
    expect(benefit!.test).toMatchObject({ df: 1 });
    expect('p' in benefit!.test && benefit!.test.p).toBeCloseTo(0.0015654023, 9);
  });

  test('too few instances to test: the reason is given, the rows still shown', () => {
    const few = new Map([
      ['a', 3],
      ['b', 1],
    ]);
    const [challenge, benefit] = reportedComparison(template, codebook, few)!.dimensions;
    expect(challenge!.test).toEqual({
      statistic: null,
      reason: 'after pooling categories with expected counts below 5 only 1 bin is left',
    });
    expect(challenge!.rows.map((r) => r.share)).toEqual([0.75, 0.25, 0]);
    expect(benefit!.test).toEqual({
      statistic: null,
      reason: 'there are no observations to compare with the reference',
    });
    expect(benefit!.rows.map((r) => r.share)).toEqual([null, null]);
  });

  test('no template, or one without reported counts, gives null; codes merged away drop out', () => {
    expect(reportedComparison(null, codebook, units)).toBeNull();
    const bare = { ...template, codes: template.codes.map(({ reportedCount: _r, ...c }) => c) };
    expect(reportedComparison(bare, codebook, units)).toBeNull();
    const withoutB = { ...codebook, codes: codebook.codes.filter((c) => c.id !== 'b') };
    const cmp = reportedComparison(template, withoutB, units)!;
    expect(cmp.dimensions[0]!.rows.map((r) => r.codeId)).toEqual(['a', 'c']);
    expect(cmp.dimensions[0]!.reportedTotal).toBe(70);
  });
});
