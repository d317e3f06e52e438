// docs/agreement.md promises that the same data, number of resamples and seed always give the
// same interval: the order in which the codings arrive (database row order, a shuffled CSV) must
// not move it. Units are put in a canonical order before resampling.
import { describe, expect, test } from 'vitest';
import {
  agreementReport,
  bootstrapIntervals,
  buildTable,
  codingsFromCoderRows,
  preparePercentAgreement,
  type Coding,
} from '@threadcoder/stats';

const _ = null;

/** Krippendorff's example C (nominal), twelve units of four coders with gaps. */
const exampleC = codingsFromCoderRows({
  A: ['1', '2', '3', '3', '2', '1', '4', '1', '2', _, _, _],
  B: ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', _, '3'],
  C: [_, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', _],
  D: ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', _],
});

/** Label sets of three coders over 30 units, varied enough that resamples differ. */
function labelSets(): Coding[] {
  const codes = ['docs', 'install', 'perf', 'usage'];
  const out: Coding[] = [];
  for (let u = 0; u < 30; u++)
    for (const [c, coder] of ['ann', 'ben', 'cat'].entries())
      out.push({ unit: `u${u}`, coder, value: codes.filter((_, k) => (u * (k + 1) + c * (u % 3)) % 4 < 2) });
  return out;
}

/** A fixed permutation (a seeded Fisher–Yates), so the test is the same every run. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 48271) % 2147483647;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The same codings with units renamed in another order: u0 becomes the last name, and so on. */
function renamedUnits(codings: readonly Coding[]): Coding[] {
  const names = [...new Set(codings.map((c) => c.unit))];
  const renamed = new Map(names.map((n, i) => [n, `unit-${String(names.length - i).padStart(3, '0')}`]));
  return codings.map((c) => ({ ...c, unit: renamed.get(c.unit)! }));
}

describe('bootstrap intervals do not depend on the order of the codings', () => {
  test.each([
    ['example C', exampleC],
    ['label sets', labelSets()],
  ])('%s: shuffled, reversed or with units renamed, the same seed gives the same intervals', (_, codings) => {
    const options = { bootstrap: { resamples: 500, seed: 42 } };
    const { ci95 } = agreementReport(codings, options).report;
    expect(Object.values(ci95!).some((ci) => ci !== null)).toBe(true);
    for (const variant of [shuffled(codings, 1), shuffled(codings, 2), [...codings].reverse(), renamedUnits(codings)])
      expect(agreementReport(variant, options).report.ci95).toEqual(ci95);
  });

  test('bootstrapIntervals on tables built from reordered units', () => {
    const stats = { pa: preparePercentAgreement };
    const a = bootstrapIntervals(buildTable(exampleC), stats, { resamples: 300, seed: 3 });
    const b = bootstrapIntervals(buildTable(shuffled(exampleC, 9)), stats, { resamples: 300, seed: 3 });
    expect(b).toEqual(a);
  });
});
