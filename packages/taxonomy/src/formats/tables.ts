// The human-readable exports: a CSV file (one row per code, for spreadsheets
// and analysis scripts) and a Markdown table (for a paper's appendix). Both
// list codes in tree order with their name paths.
//
// CSV follows RFC 4180: CRLF line ends, a field is quoted when it holds a
// comma, a quote, CR or LF, and quotes inside are doubled. A cell a spreadsheet
// would run as a formula gets a leading apostrophe (spreadsheetSafe), as in every
// CSV the app writes; nothing reads this file back, so no exact text is lost.
//
// Markdown cells are escaped so no value can break the table: pipes and
// backslashes are backslash-escaped, line breaks become <br>, and & < > are
// written as entities so quoted HTML shows as text.
import type { Code, Codebook, Example } from '../schema.ts';
import { indexById, namePath, preorder } from '../tree.ts';

export interface ExportOptions {
  /** Leave out deprecated codes and codes under them (e.g. for a paper's appendix). */
  activeOnly?: boolean;
}

export const CSV_COLUMNS = ['path', 'id', 'name', 'definition', 'include', 'exclude', 'examples'] as const;

/** Path segments are the names from the dimension down, joined with " > ". */
export function toCsv(codebook: Codebook, options: ExportOptions = {}): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { code, path } of exportRows(codebook, options)) {
    const cells = [
      path.join(' > '),
      code.id,
      code.name,
      code.definition,
      code.includeNote,
      code.excludeNote,
      code.examples.map(exampleText).join('\n'),
    ];
    lines.push(cells.map((cell) => csvField(spreadsheetSafe(cell))).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Text a spreadsheet would run as a formula (first character = + - @, tab or CR, per OWASP's
 * CSV injection advice) gets a leading apostrophe, which spreadsheets show as plain text.
 * Only for text: numbers are written as numbers, negative ones included.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const MARKDOWN_HEADER = ['Dimension', 'Code', 'Definition', 'Include', 'Exclude', 'Examples'];

/** The dimension gets its own column; nested codes show their path below it. */
export function toMarkdown(codebook: Codebook, options: ExportOptions = {}): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const lines = [row(MARKDOWN_HEADER), row(MARKDOWN_HEADER.map(() => '---'))];
  for (const { code, path } of exportRows(codebook, options)) {
    // Path segments are escaped one by one so the " > " between them stays readable.
    lines.push(
      row([
        markdownCell(path[0] ?? ''),
        path.slice(1).map(markdownCell).join(' > '),
        ...[code.definition, code.includeNote, code.excludeNote, code.examples.map(exampleText).join('\n')].map(
          markdownCell,
        ),
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function markdownCell(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n?|\n/g, '<br>');
}

/** `"quote" (post 12)`: how an example reads in a cell. */
function exampleText(example: Example): string {
  return example.postId === undefined ? `"${example.quote}"` : `"${example.quote}" (post ${example.postId})`;
}

function exportRows(codebook: Codebook, options: ExportOptions): { code: Code; path: string[] }[] {
  const byId = indexById(codebook.codes);
  const retired = new Set<string>();
  const rows: { code: Code; path: string[] }[] = [];
  for (const code of preorder(codebook.codes)) {
    const parentRetired = code.parentId !== null && retired.has(code.parentId);
    if (code.status === 'deprecated' || parentRetired) retired.add(code.id);
    if (options.activeOnly && retired.has(code.id)) continue;
    rows.push({ code, path: namePath(byId, code.id) });
  }
  return rows;
}
