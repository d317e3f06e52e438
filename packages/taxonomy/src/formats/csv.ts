// CSV export, one row per code in tree order, for spreadsheets and scripts.
// RFC 4180: CRLF line ends, a field is quoted when it holds a comma, a quote,
// CR or LF, and quotes inside are doubled. Cells stay verbatim: nothing is
// prefixed to defuse spreadsheet formulas, since this file is read back by
// analysis scripts that need the exact text.
import type { Codebook } from '../schema.ts';
import { exampleText, exportRows, type ExportOptions } from './text.ts';

export const CSV_COLUMNS = ['path', 'id', 'name', 'definition', 'include', 'exclude', 'examples'] as const;

/** Path segments are the names from the dimension down, joined with " > ". */
export function toCsv(codebook: Codebook, options: ExportOptions = {}): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { code, path } of exportRows(codebook, options)) {
    const cells = [
      path.join(' > '), code.id, code.name, code.definition, code.includeNote, code.excludeNote,
      code.examples.map(exampleText).join('\n'),
    ];
    lines.push(cells.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
