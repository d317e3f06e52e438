// Tidy CSV as every export writes it: UTF-8 without a byte-order mark, a header row, CRLF
// line ends and quoting per RFC 4180 (a field holding a comma, a quote, CR or LF is quoted,
// quotes inside doubled). Dates are the ISO-8601 text the database stores.
// Like the agreement and analysis CSVs, a text cell a spreadsheet would run as a formula
// (=, +, -, @, tab or CR first) gets a leading apostrophe; ids and numbers never start so.
export type Cell = string | number | null | undefined;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function writeCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
