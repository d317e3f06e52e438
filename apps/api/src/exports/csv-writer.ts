// Tidy CSV as every export writes it (codings, final labels, counts, the analysis tables):
// UTF-8 without a byte-order mark, a header row, CRLF line ends and quoting per RFC 4180
// (a field holding a comma, a quote, CR or LF is quoted, quotes inside doubled). Dates are
// the ISO-8601 text the database stores. A text cell a spreadsheet would run as a formula
// gets a leading apostrophe (spreadsheetSafe, shared with the codebook and agreement CSVs);
// numbers are written as numbers, negative ones included.
import { csvField, spreadsheetSafe } from '@threadcoder/taxonomy';

export type Cell = string | number | null | undefined;

function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return csvField(spreadsheetSafe(value));
}

export function writeCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
