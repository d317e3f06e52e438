import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fileURLToPath } from 'node:url';
import { FLAT_STATISTICS, statisticKeys } from '@threadcoder/stats';
import { run } from '../../apps/api/src/cli/agreement.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/agreement/${name}`, import.meta.url));

let stdout = '';
let stderr = '';
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  vi.spyOn(console, 'log').mockImplementation((...args) => {
    stdout += `${args.join(' ')}\n`;
  });
  vi.spyOn(console, 'error').mockImplementation((...args) => {
    stderr += `${args.join(' ')}\n`;
  });
});
afterEach(() => vi.restoreAllMocks());

// The CLI prints the report as packages/stats builds it: the statistics in the registry's order
// (pinned literally in tests/stats/report.test.ts), so a new statistic needs no line here.
const REPORT_KEYS = ['units', 'coders', ...FLAT_STATISTICS, 'krippendorff_alpha', 'per_code'];

describe('threadcoder agreement <file>', () => {
  test('JSON, two coders, categories: the full report', async () => {
    expect(await run([fixture('two-coders.json')])).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(REPORT_KEYS);
    expect(report).toEqual({
      units: 4,
      coders: ['ann', 'ben'],
      percent_agreement: 0.75,
      cohen_kappa: 0.5,
      mean_pairwise_cohen_kappa: 0.5,
      fleiss_kappa: expect.closeTo(7 / 15, 12),
      scott_pi: expect.closeTo(7 / 15, 12),
      gwet_ac1: expect.closeTo(9 / 17, 12),
      krippendorff_alpha: { nominal: expect.closeTo(8 / 15, 12), ordinal: null, interval: null, ratio: null },
      per_code: {
        bug: { kappa: 0.5, alpha: expect.closeTo(8 / 15, 12), prevalence: 0.375 },
        question: { kappa: 0.5, alpha: expect.closeTo(8 / 15, 12), prevalence: 0.625 },
      },
    });
    expect(stderr).toBe(
      'note: krippendorff_alpha.ordinal: ordinal alpha needs numeric values, and these codings are categories\n' +
        'note: krippendorff_alpha.interval: interval alpha needs numeric values, and these codings are categories\n' +
        'note: krippendorff_alpha.ratio: ratio alpha needs numeric values, and these codings are categories\n',
    );
  });

  test('CSV with numbers: Krippendorff (2011) example C gives .743 / .815 / .849 / .797', async () => {
    expect(await run([fixture('krippendorff-2011.csv')])).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(REPORT_KEYS);
    expect(report.units).toBe(12);
    expect(report.coders).toEqual(['A', 'B', 'C', 'D']);
    expect(report.percent_agreement).toBeCloseTo(9 / 11, 12);
    expect(report.cohen_kappa).toBeNull();
    // Units have 1 to 4 codings: Fleiss' generalized kappa as irrCAC fleiss.kappa.raw computes it (docs/agreement.md).
    expect(report.fleiss_kappa).toBeCloseTo(0.7611693, 7);
    expect(report.scott_pi).toBeCloseTo(0.76117, 5);
    expect(report.gwet_ac1).toBeCloseTo(0.77544, 5);
    const { nominal, ordinal, interval, ratio } = report.krippendorff_alpha;
    expect([nominal, ordinal, interval, ratio].map((x: number) => x.toFixed(3))).toEqual([
      '0.743',
      '0.815',
      '0.849',
      '0.797',
    ]);
    expect(report.per_code).toEqual({});
    expect(stderr).not.toContain('note: fleiss_kappa');
  });

  test.each(['multi-label.csv', 'multi-label.json'])(
    '%s: sets get MASI and Jaccard alpha and per-code entries',
    async (name) => {
      expect(await run([fixture(name)])).toBe(0);
      const report = JSON.parse(stdout);
      expect(Object.keys(report)).toEqual(REPORT_KEYS);
      // Units: {bug}/{bug}, {bug,docs}/{docs}, {perf}/{docs}, {perf}/{perf}; values {bug} x2, {bug,docs} x1,
      // {docs} x2, {perf} x3, n = 8. Jaccard: observed 2 (1/2 + 1) = 3, expected 2 (1 + 4 + 6 + 1 + 3 + 6) = 42,
      // alpha = 1 - 7 * 3 / 42 = 1/2. MASI: observed 2 (2/3 + 1) = 10/3, expected 2 (19 + 8/3) = 130/3, alpha = 6/13.
      expect(report.krippendorff_alpha).toEqual({ masi: expect.closeTo(6 / 13, 12), jaccard: expect.closeTo(0.5, 12) });
      expect(report.per_code).toEqual({
        bug: { kappa: 0.5, alpha: expect.closeTo(8 / 15, 12), prevalence: 0.375 },
        docs: { kappa: 0.5, alpha: expect.closeTo(8 / 15, 12), prevalence: 0.375 },
        perf: { kappa: 0.5, alpha: expect.closeTo(8 / 15, 12), prevalence: 0.375 },
      });
      expect(report.percent_agreement).toBe(0.5);
    },
  );

  test('one non-numeric CSV value keeps every value a category', async () => {
    expect(await run([fixture('mixed-numeric.csv')])).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.krippendorff_alpha.interval).toBeNull();
    expect(Object.keys(report.per_code)).toEqual(['1', '2', '3', 'n/a']);
  });

  test('--bootstrap N --seed S adds reproducible ci95 intervals', async () => {
    expect(await run([fixture('krippendorff-2011.csv'), '--bootstrap', '300', '--seed', '7'])).toBe(0);
    const first = JSON.parse(stdout);
    stdout = '';
    expect(await run([fixture('krippendorff-2011.csv'), '--bootstrap=300', '--seed=7'])).toBe(0);
    const second = JSON.parse(stdout);
    expect(Object.keys(first)).toEqual([...REPORT_KEYS, 'ci95']);
    expect(Object.keys(first.ci95)).toEqual(statisticKeys(false));
    expect(first.ci95).toEqual(second.ci95);
    expect(first.ci95.cohen_kappa).toBeNull();
    const [lo, hi] = first.ci95.krippendorff_alpha_nominal;
    expect(lo).toBeLessThan(first.krippendorff_alpha.nominal);
    expect(hi).toBeGreaterThan(first.krippendorff_alpha.nominal);
    expect(hi).toBeLessThanOrEqual(1);
  });
});

describe('bad input exits with 2 and names file, line and field', () => {
  test.each([
    ['nope.json', 'nope.json: no such file'],
    // The rest of the message is V8's and varies between Node versions.
    ['malformed.json', 'malformed.json, line 3: malformed JSON: '],
    [
      'wrong-type.json',
      'wrong-type.json, line 7, field [2].value: value must be a string, a number or an array of strings, got a boolean',
    ],
    [
      'mixed-kinds.json',
      'mixed-kinds.json, line 3, field [1].value: value is a number, but the first value is a string; all values must be of one kind',
    ],
    ['empty-array.json', 'empty-array.json, line 1: there are no codings'],
    ['empty.csv', 'empty.csv: the file is empty'],
    ['wrong-header.csv', 'wrong-header.csv, line 1: the header must be "unit,coder,value", got "unit,coder"'],
    ['header-only.csv', 'header-only.csv, line 1: there are no codings (the header has no rows under it)'],
    ['missing-field.csv', 'missing-field.csv, line 3: expected 3 fields (unit,coder,value), got 2'],
    ['empty-value.csv', 'empty-value.csv, line 3, field value: value is empty; leave out the row for a missing coding'],
    ['unclosed-quote.csv', 'unclosed-quote.csv, line 4: malformed CSV: Quote Not Closed'],
  ])('%s', async (name, message) => {
    expect(await run([fixture(name)])).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`error: ${fixture(name).replace(name, '')}`);
    expect(stderr).toContain(message);
  });

  test.each([
    [[], 'name one file of codings'],
    [['a.json', 'b.json'], 'name one file, got 2'],
    [['a.json', '--bootstrap'], "Option '--bootstrap <value>' argument missing"],
    [['a.json', '--bootstrap', 'many'], '--bootstrap must be an integer from 2 to 1000000, got "many"'],
    [['a.json', '--seed', '3'], '--seed only applies with --bootstrap N'],
    [['a.json', '--bootstrap', '10', '--seed', '1.5'], '--seed must be an integer'],
    [['a.json', '--verbose'], "Unknown option '--verbose'"],
    [['a.json', '--bootstrap', '10', '--seed=-3', 'b.json'], 'name one file, got 2'],
  ])('usage: %j', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: threadcoder agreement');
  });

  test('--help prints usage and exits 0', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(stdout).toContain('Usage: threadcoder agreement');
  });
});
