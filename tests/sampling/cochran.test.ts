import { describe, expect, test } from 'vitest';
import { cochranSampleSize, normalQuantile } from '../../apps/api/src/sampling/cochran.ts';

describe('normalQuantile', () => {
  test.each([
    [0.975, 1.959964],
    [0.995, 2.575829],
    [0.95, 1.644854],
    [0.5, 0],
    [0.01, -2.326348],
  ])('Φ⁻¹(%s) = %s', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 5);
  });
});

describe("Cochran's sample size", () => {
  test('95% confidence, ±5%, p = 0.5 without a population: n0 = 384.15, n = 385', () => {
    const s = cochranSampleSize({ confidence: 0.95, margin: 0.05 });
    expect(s.n0).toBeCloseTo(384.146, 3);
    expect(s.n).toBe(385);
    expect(s.inputs).toEqual({ confidence: 0.95, margin: 0.05, proportion: 0.5, population: null });
  });

  test('the finite-population correction for N = 1,000 gives 278', () => {
    // 384.146 / (1 + 383.146 / 1000) = 277.73 → 278
    const s = cochranSampleSize({ confidence: 0.95, margin: 0.05, population: 1000 });
    expect(s.corrected).toBeCloseTo(277.73, 2);
    expect(s.n).toBe(278);
  });

  test('99% confidence, ±3%, p = 0.3, N = 20,000', () => {
    // n0 = 2.5758² · 0.21 / 0.0009 = 1548.1; n = 1548.1 / (1 + 1547.1 / 20000) = 1436.98
    const s = cochranSampleSize({ confidence: 0.99, margin: 0.03, proportion: 0.3, population: 20000 });
    expect(s.n0).toBeCloseTo(1548.12, 1);
    expect(s.n).toBe(1437);
  });

  test('never more than the population', () => {
    expect(cochranSampleSize({ confidence: 0.95, margin: 0.05, population: 40 }).n).toBe(37);
    expect(cochranSampleSize({ confidence: 0.95, margin: 0.01, population: 10 }).n).toBe(10);
  });

  test.each([
    [{ confidence: 1, margin: 0.05 }, 'The confidence level must lie between 0 and 1, e.g. 0.95.'],
    [{ confidence: 0.95, margin: 0 }, 'The margin of error must lie between 0 and 1, e.g. 0.05.'],
    [{ confidence: 0.95, margin: 0.05, proportion: 1 }, 'The expected proportion must lie between 0 and 1.'],
    [{ confidence: 0.95, margin: 0.05, population: 2.5 }, 'The population must be a whole number.'],
  ])('refuses %o', (input, message) => {
    expect(() => cochranSampleSize(input)).toThrow(message);
  });
});
