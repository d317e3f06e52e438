// A Markdown table of the codebook for a paper's appendix. One row per code in
// tree order; the dimension gets its own column and nested codes show their
// path below it. Cell text is escaped so no value can break the table: pipes
// and backslashes are backslash-escaped, line breaks become <br>, and & < >
// are written as entities so quoted HTML shows as text.
import type { Codebook } from '../schema.ts';
import { exampleText, exportRows, type ExportOptions } from './text.ts';

const HEADER = ['Dimension', 'Code', 'Definition', 'Include', 'Exclude', 'Examples'];

export function toMarkdown(codebook: Codebook, options: ExportOptions = {}): string {
  const lines = [row(HEADER), row(HEADER.map(() => '---'))];
  for (const { code, path } of exportRows(codebook, options)) {
    // Path segments are escaped one by one so the " > " between them stays readable.
    lines.push(row([
      markdownCell(path[0] ?? ''), path.slice(1).map(markdownCell).join(' > '),
      ...[code.definition, code.includeNote, code.excludeNote, code.examples.map(exampleText).join('\n')].map(markdownCell),
    ]));
  }
  return `${lines.join('\n')}\n`;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
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
