// Rows in an order that depends only on what they hold, never on the order the codings came
// in: by their entries (coder index, then value index; both index sorted lists, see table.ts),
// a shorter row before a longer one it begins. The bootstrap draws units by position, so it
// resamples from this order to give the same interval for the same data and seed.
import type { ReliabilityTable } from './table.ts';

function compareRows(t: ReliabilityTable, a: number, b: number): number {
  const [startA, endA, startB, endB] = [t.rowStart[a]!, t.rowStart[a + 1]!, t.rowStart[b]!, t.rowStart[b + 1]!];
  for (let i = 0; i < Math.min(endA - startA, endB - startB); i++) {
    const coder = t.entryCoder[startA + i]! - t.entryCoder[startB + i]!;
    if (coder !== 0) return coder;
    const value = t.entryValue[startA + i]! - t.entryValue[startB + i]!;
    if (value !== 0) return value;
  }
  return endA - startA - (endB - startB);
}

/** The table with its rows in canonical order (unit names dropped: rows may stand for several units). */
export function canonicalRows(table: ReliabilityTable): ReliabilityTable {
  const order = Array.from({ length: table.rows }, (_, r) => r).sort((a, b) => compareRows(table, a, b));
  const rowStart = new Int32Array(table.rows + 1);
  const entryCoder = new Int32Array(table.entryCoder.length);
  const entryValue = new Int32Array(table.entryValue.length);
  const weight = new Float64Array(table.rows);
  order.forEach((r, i) => {
    const [start, end] = [table.rowStart[r]!, table.rowStart[r + 1]!];
    entryCoder.set(table.entryCoder.subarray(start, end), rowStart[i]!);
    entryValue.set(table.entryValue.subarray(start, end), rowStart[i]!);
    rowStart[i + 1] = rowStart[i]! + end - start;
    weight[i] = table.weight[r]!;
  });
  return { ...table, rowStart, entryCoder, entryValue, weight, unitNames: null };
}
