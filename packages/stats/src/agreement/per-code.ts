// Per-code agreement: each code read as present/absent in every coding, then
//   kappa  = Cohen's kappa when there are exactly two coders, else the mean of pairwise
//            Cohen's kappas (mean-pairwise-cohen-kappa.ts), on the present/absent data;
//   alpha  = nominal Krippendorff's alpha on the present/absent data (binary alpha);
//   prevalence = share of all codings (units x coders that coded, single-coded units
//            included) in which the code is present.
// For single-label data a coding "has" exactly its one category; for multi-label data, each
// code in its set. Numeric data have no codes. A code nobody used has prevalence 0 and
// kappa/alpha not defined (no variation) — declared codebook categories show up this way.
import type { ReliabilityTable } from '../data/table.ts';
import type { Stat } from '../result.ts';
import { cohenKappa } from './cohen-kappa.ts';
import { krippendorffAlpha } from './krippendorff-alpha.ts';
import { meanPairwiseCohenKappa } from './mean-pairwise-cohen-kappa.ts';

export interface CodeAgreement {
  readonly code: string;
  readonly kappa: Stat;
  readonly alpha: Stat;
  readonly prevalence: number;
}

/** The table with every value replaced by "absent" or "present" for one code. */
export function presenceTable(table: ReliabilityTable, code: string): ReliabilityTable {
  const index = table.codes.indexOf(code);
  if (index < 0) throw new RangeError(`unknown code "${code}"`);
  const has = Uint8Array.from(table.categories, (_, c) =>
    table.kind === 'set' ? (table.members[c]!.includes(index) ? 1 : 0) : c === index ? 1 : 0,
  );
  return {
    ...table,
    kind: 'category',
    categories: ['absent', 'present'],
    numeric: new Float64Array(0),
    codes: ['absent', 'present'],
    members: [],
    entryValue: table.entryValue.map((v) => has[v]!),
  };
}

export function codeAgreement(table: ReliabilityTable, code: string): CodeAgreement {
  const binary = presenceTable(table, code);
  let present = 0;
  let codings = 0;
  for (let r = 0; r < binary.rows; r++) {
    for (let e = binary.rowStart[r]!; e < binary.rowStart[r + 1]!; e++) {
      codings += binary.weight[r]!;
      present += binary.weight[r]! * binary.entryValue[e]!;
    }
  }
  return {
    code,
    kappa: binary.coders.length === 2 ? cohenKappa(binary) : meanPairwiseCohenKappa(binary),
    alpha: krippendorffAlpha(binary, 'nominal'),
    prevalence: codings > 0 ? present / codings : 0,
  };
}

/** One entry per code, in the table's code order (sorted). */
export function perCodeAgreement(table: ReliabilityTable): CodeAgreement[] {
  return table.codes.map((code) => codeAgreement(table, code));
}
