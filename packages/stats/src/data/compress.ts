// Units with the same codings (same coders, same values) are interchangeable for every
// statistic here, so a table can keep one row per distinct pattern with a weight. Three coders
// and eight categories give at most 9^3 = 729 patterns however many units there are; the
// bootstrap then resamples units by adding 1 to a pattern's weight instead of copying codings.
import type { ReliabilityTable } from './table.ts';

export interface CompressedTable {
  readonly table: ReliabilityTable;
  /** For each row of the input table, its row in the compressed table. */
  readonly rowOf: Int32Array;
}

export function compressTable(table: ReliabilityTable): CompressedTable {
  const { rows, rowStart, entryCoder, entryValue, weight } = table;
  const base = table.categories.length + 1;
  // A numeric key (digit per coder, 0 = missing) while it stays an exact integer; else a string.
  const numericKey = table.coders.length * Math.log2(base) < 52;
  const power = Float64Array.from(table.coders, (_, c) => base ** c);
  const ids = new Map<number | string, number>();
  const rowOf = new Int32Array(rows);
  const firstRow: number[] = [];
  for (let r = 0; r < rows; r++) {
    let key: number | string;
    if (numericKey) {
      let k = 0;
      for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) k += (entryValue[e]! + 1) * power[entryCoder[e]!]!;
      key = k;
    } else {
      let k = '';
      for (let e = rowStart[r]!; e < rowStart[r + 1]!; e++) k += `${entryCoder[e]}:${entryValue[e]},`;
      key = k;
    }
    let id = ids.get(key);
    if (id === undefined) {
      id = firstRow.length;
      ids.set(key, id);
      firstRow.push(r);
    }
    rowOf[r] = id;
  }
  const count = firstRow.length;
  const newWeight = new Float64Array(count);
  for (let r = 0; r < rows; r++) newWeight[rowOf[r]!]! += weight[r]!;
  const newStart = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) {
    const r = firstRow[i]!;
    newStart[i + 1] = newStart[i]! + rowStart[r + 1]! - rowStart[r]!;
  }
  const newCoder = new Int32Array(newStart[count]!);
  const newValue = new Int32Array(newStart[count]!);
  for (let i = 0; i < count; i++) {
    const r = firstRow[i]!;
    newCoder.set(entryCoder.subarray(rowStart[r]!, rowStart[r + 1]!), newStart[i]!);
    newValue.set(entryValue.subarray(rowStart[r]!, rowStart[r + 1]!), newStart[i]!);
  }
  const table2: ReliabilityTable = {
    ...table,
    rowStart: newStart,
    entryCoder: newCoder,
    entryValue: newValue,
    weight: newWeight,
    rows: count,
    unitNames: null,
  };
  return { table: table2, rowOf };
}
