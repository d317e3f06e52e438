// Published reliability data used by several test files, with their sources.
import { buildTable, codingsFromCoderRows, type Coding, type ReliabilityTable } from '@threadcoder/stats';

const _ = null;

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: 4 observers,
 * 12 units, values 1-5, missing data. Published: nominal .743, ordinal .815, interval .849, ratio .797.
 */
export const krippendorffC: ReliabilityTable = buildTable(
  codingsFromCoderRows({
    A: [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    C: [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  }),
);

/** The same data with the values as category names (for statistics that take nominal data). */
export const krippendorffCNominal: ReliabilityTable = buildTable(
  codingsFromCoderRows({
    A: ['1', '2', '3', '3', '2', '1', '4', '1', '2', _, _, _],
    B: ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', _, '3'],
    C: [_, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', _],
    D: ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', _],
  }),
);

/** Krippendorff (2011) example A: binary data, two observers, 10 units. Published alpha .095. */
export const krippendorffA: ReliabilityTable = buildTable(
  codingsFromCoderRows({
    A: ['0', '1', '0', '0', '0', '0', '0', '0', '1', '0'],
    B: ['1', '1', '1', '0', '0', '1', '0', '0', '0', '0'],
  }),
);

/** Krippendorff (2011) example B: nominal data, two observers, 12 units, no missing. Published alpha .692. */
export const krippendorffB: ReliabilityTable = buildTable(
  codingsFromCoderRows({ A: [...'aabbdcccedda'], B: [...'babbbccceddd'] }),
);

/** Two coders' codings from a confusion matrix: counts[i][j] units where A said categories[i] and B categories[j]. */
export function codingsFromConfusion(categories: readonly string[], counts: readonly (readonly number[])[]): Coding[] {
  const codings: Coding[] = [];
  let unit = 0;
  counts.forEach((row, i) => {
    row.forEach((n, j) => {
      for (let k = 0; k < n; k++) {
        unit++;
        codings.push(
          { unit: `u${unit}`, coder: 'A', value: categories[i]! },
          { unit: `u${unit}`, coder: 'B', value: categories[j]! },
        );
      }
    });
  });
  return codings;
}

/**
 * Codings from a subjects x categories table of counts (Fleiss' layout): the raters of one
 * subject are named r1, r2, … in category order; Fleiss' kappa ignores who they are.
 */
export function codingsFromCounts(categories: readonly string[], counts: readonly (readonly number[])[]): Coding[] {
  const codings: Coding[] = [];
  counts.forEach((row, i) => {
    let rater = 0;
    row.forEach((n, j) => {
      for (let k = 0; k < n; k++) codings.push({ unit: `s${i + 1}`, coder: `r${++rater}`, value: categories[j]! });
    });
  });
  return codings;
}
