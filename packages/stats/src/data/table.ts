// The reliability table: codings turned into integer indices, one row per unit, so every
// statistic works on typed arrays instead of strings. Rows are stored sparsely (CSR): a unit
// coded by 2 of 40 coders costs 2 entries, and missing codings simply have no entry.
import { kindOf, type Coding, type CodingValue, type ValueKind } from './coding.ts';

/** A distinct value: a category, a number, or a set of codes (sorted, without duplicates). */
export type CategoryValue = string | number | readonly string[];

export interface ReliabilityTable {
  readonly kind: ValueKind;
  /** Coder names, sorted. Entry coder indices point here. */
  readonly coders: readonly string[];
  /** Distinct values, sorted (strings by code unit, numbers ascending, sets element-wise). */
  readonly categories: readonly CategoryValue[];
  /** For number data, `categories` as numbers; empty otherwise. */
  readonly numeric: Float64Array;
  /** Codes per-code agreement looks at: the categories (category data), every code (set data), none (numbers). */
  readonly codes: readonly string[];
  /** For set data, each category's codes as sorted indices into `codes`; empty otherwise. */
  readonly members: readonly Int32Array[];
  /** Row r holds entries rowStart[r] .. rowStart[r + 1] - 1, sorted by coder. */
  readonly rowStart: Int32Array;
  readonly entryCoder: Int32Array;
  readonly entryValue: Int32Array;
  /** How many units row r stands for: 1 per unit, more after compression (see compress.ts). */
  readonly weight: Float64Array;
  readonly rows: number;
  /** Number of units: the sum of the weights. */
  readonly units: number;
  /** Unit name of each row while rows are units; null once rows stand for several units. */
  readonly unitNames: readonly string[] | null;
}

export interface TableOptions {
  /** Categories the codebook allows but nobody used (category data only); they count for Gwet's q. */
  readonly categories?: readonly string[];
}

function compareValues(a: CategoryValue, b: CategoryValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = a as readonly string[];
  const y = b as readonly string[];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

function normaliseValue(value: CodingValue, index: number): { key: string | number; value: CategoryValue } {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`codings[${index}].value must be a finite number`);
    return { key: value === 0 ? 0 : value, value: value === 0 ? 0 : value };
  }
  if (typeof value === 'string') return { key: value, value };
  if (!Array.isArray(value) || value.some((code) => typeof code !== 'string')) {
    throw new TypeError(`codings[${index}].value must be a string, a number or an array of strings`);
  }
  const set = [...new Set(value as string[])].sort();
  return { key: JSON.stringify(set), value: set };
}

/** Interns strings/values to dense indices in order of first appearance. */
class Interner<K, V> {
  readonly ids = new Map<K, number>();
  readonly values: V[] = [];
  id(key: K, value: V): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(key, id);
      this.values.push(value);
    }
    return id;
  }
}

/** Old index -> rank after sorting `values` with `compare`. */
function ranks<V>(values: readonly V[], compare: (a: V, b: V) => number): { order: V[]; rank: Int32Array } {
  const idx = values.map((_, i) => i).sort((i, j) => compare(values[i]!, values[j]!));
  const rank = new Int32Array(values.length);
  idx.forEach((old, r) => {
    rank[old] = r;
  });
  return { order: idx.map((i) => values[i]!), rank };
}

/**
 * Turns codings into a table. Throws on input that breaks the contract (mixed value kinds,
 * non-finite numbers, two codings by one coder for one unit); input/ validates untrusted data first.
 */
export function buildTable(codings: readonly Coding[], options: TableOptions = {}): ReliabilityTable {
  const total = codings.length;
  const kind: ValueKind = total > 0 ? kindOf(codings[0]!.value) : 'category';
  const units = new Interner<string, string>();
  const coders = new Interner<string, string>();
  const values = new Interner<string | number, CategoryValue>();
  const unitOf = new Int32Array(total);
  const coderOf = new Int32Array(total);
  const valueIdOf = new Int32Array(total);
  // Codings of one unit usually arrive together: remember the last unit and coder to skip most lookups.
  let lastUnit: string | undefined,
    lastUnitId = -1,
    lastCoder: string | undefined,
    lastCoderId = -1;
  for (let i = 0; i < total; i++) {
    const c = codings[i]!;
    if (kindOf(c.value) !== kind) {
      throw new TypeError(`codings[${i}].value is a ${kindOf(c.value)} value but codings[0].value is a ${kind} value`);
    }
    if (c.unit !== lastUnit) {
      lastUnit = c.unit;
      lastUnitId = units.id(c.unit, c.unit);
    }
    if (c.coder !== lastCoder) {
      lastCoder = c.coder;
      lastCoderId = coders.id(c.coder, c.coder);
    }
    unitOf[i] = lastUnitId;
    coderOf[i] = lastCoderId;
    if (typeof c.value === 'string') valueIdOf[i] = values.id(c.value, c.value);
    else {
      const v = normaliseValue(c.value, i);
      valueIdOf[i] = values.id(v.key, v.value);
    }
  }
  if (kind === 'category') for (const extra of options.categories ?? []) values.id(extra, extra);

  const coderSort = ranks(coders.values, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const valueSort = ranks(values.values, compareValues);
  const rows = units.values.length;
  const rowStart = new Int32Array(rows + 1);
  for (let i = 0; i < total; i++) rowStart[unitOf[i]! + 1]!++;
  for (let r = 0; r < rows; r++) rowStart[r + 1]! += rowStart[r]!;
  const fill = rowStart.slice(0, rows);
  const entryCoder = new Int32Array(total);
  const entryValue = new Int32Array(total);
  const entrySource = new Int32Array(total);
  for (let i = 0; i < total; i++) {
    const at = fill[unitOf[i]!]!++;
    entryCoder[at] = coderSort.rank[coderOf[i]!]!;
    entryValue[at] = valueSort.rank[valueIdOf[i]!]!;
    entrySource[at] = i;
  }
  sortRowsByCoder(rowStart, entryCoder, entryValue, entrySource, codings);

  const categories = valueSort.order;
  const codes =
    kind === 'category'
      ? (categories as string[])
      : kind === 'set'
        ? [...new Set((categories as string[][]).flat())].sort()
        : [];
  const codeIndex = new Map(codes.map((code, i) => [code, i]));
  return {
    kind,
    coders: coderSort.order,
    categories,
    numeric: kind === 'number' ? Float64Array.from(categories as number[]) : new Float64Array(0),
    codes,
    members:
      kind === 'set'
        ? (categories as string[][]).map((set) => Int32Array.from(set, (code) => codeIndex.get(code)!))
        : [],
    rowStart,
    entryCoder,
    entryValue,
    weight: new Float64Array(rows).fill(1),
    rows,
    units: rows,
    unitNames: units.values,
  };
}

/** Insertion sort inside each row (rows are short); rejects a coder appearing twice in a unit. */
function sortRowsByCoder(
  start: Int32Array,
  coder: Int32Array,
  value: Int32Array,
  source: Int32Array,
  codings: readonly Coding[],
): void {
  for (let r = 0; r + 1 < start.length; r++) {
    for (let i = start[r]! + 1; i < start[r + 1]!; i++) {
      const c = coder[i]!,
        v = value[i]!,
        s = source[i]!;
      let j = i - 1;
      while (j >= start[r]! && coder[j]! > c) {
        coder[j + 1] = coder[j]!;
        value[j + 1] = value[j]!;
        source[j + 1] = source[j]!;
        j--;
      }
      coder[j + 1] = c;
      value[j + 1] = v;
      source[j + 1] = s;
    }
    for (let i = start[r]! + 1; i < start[r + 1]!; i++) {
      if (coder[i] === coder[i - 1]) {
        const [a, b] = [source[i - 1]!, source[i]!].sort((x, y) => x - y);
        const c = codings[b!]!;
        throw new RangeError(`codings[${b}] repeats codings[${a}]: coder "${c.coder}" coded unit "${c.unit}" twice`);
      }
    }
  }
}
