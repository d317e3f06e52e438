import { describe, expect, test } from 'vitest';
import { buildTable, codeAgreement, codingsFromCoderRows, perCodeAgreement, presenceTable } from '@threadcoder/stats';

const _ = null;

describe('per-code agreement (present/absent)', () => {
  // Multi-label, two coders, four units.
  //   unit 1: {bug} vs {bug};  unit 2: {bug, docs} vs {docs};  unit 3: {} vs {docs};  unit 4: {perf} vs {perf}
  const t = buildTable(
    codingsFromCoderRows({ A: [['bug'], ['bug', 'docs'], [], ['perf']], B: [['bug'], ['docs'], ['docs'], ['perf']] }),
  );

  test('codes come sorted, one entry each', () => {
    expect(perCodeAgreement(t).map((c) => c.code)).toEqual(['bug', 'docs', 'perf']);
  });

  test('bug: A = 1 1 0 0, B = 1 0 0 0 → kappa 0.5, prevalence 3/8', () => {
    const bug = codeAgreement(t, 'bug');
    expect(bug.kappa).toEqual({ value: 0.5 });
    // binary alpha: n = 8, n_1 = 3, n_0 = 5, one disagreement: 1 - 7 * 2 / 30
    expect(bug.alpha.value).toBeCloseTo(1 - 14 / 30, 12);
    expect(bug.prevalence).toBe(3 / 8);
  });

  test('perf: perfect agreement on a rare code → kappa 1, alpha 1', () => {
    const perf = codeAgreement(t, 'perf');
    expect(perf.kappa).toEqual({ value: 1 });
    expect(perf.alpha).toEqual({ value: 1 });
    expect(perf.prevalence).toBe(2 / 8);
  });

  test('presence table keeps units and coders, values become absent/present', () => {
    const docs = presenceTable(t, 'docs');
    expect(docs.categories).toEqual(['absent', 'present']);
    expect(Array.from(docs.entryValue)).toEqual([0, 0, 1, 1, 0, 1, 0, 0]);
  });

  test('single-label data: each category is a code', () => {
    const single = buildTable(
      codingsFromCoderRows({ A: ['x', 'x', 'y', 'y'], B: ['x', 'y', 'y', 'y'], C: ['x', 'x', 'y', _] }),
    );
    const x = codeAgreement(single, 'x');
    // Present/absent is the same split as x/y here: pairs A-B 0.5, A-C 1, B-C (2/3 - 4/9)/(5/9) = 0.4.
    expect(x.kappa.value).toBeCloseTo((0.5 + 1 + 0.4) / 3, 12);
    expect(x.prevalence).toBe(5 / 11);
  });

  test('a declared code nobody used: prevalence 0, kappa and alpha not defined', () => {
    const declared = buildTable(codingsFromCoderRows({ A: ['x', 'y'], B: ['x', 'y'] }), { categories: ['z'] });
    const z = codeAgreement(declared, 'z');
    expect(z.prevalence).toBe(0);
    expect(z.kappa.value).toBeNull();
    expect(z.alpha.value).toBeNull();
  });

  test('numbers have no codes', () => {
    expect(perCodeAgreement(buildTable(codingsFromCoderRows({ A: [1, 2], B: [1, 2] })))).toEqual([]);
  });
});
