// Reads just the start of a chosen file in the browser, to offer its columns for the mapping
// and to ask for the forum's address when its posts link by relative address.
import { csvDelimiter } from '@threadcoder/api/import/table/delimiter.ts';

export type TableKind = 'csv' | 'jsonl';

/** The first line of a file's start (its first 64 kB), without a byte-order mark. */
export function firstLineOf(text: string): string {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
}

// href="/t/…" or src="/uploads/…" in HTML, or the same escaped inside JSON strings.
const RELATIVE_LINK = /\b(?:href|src)=\\?"\/(?!\/)/;

/** Whether post HTML in this text links to forum pages by relative address (it needs the forum's address). */
export function hasRelativeLinks(text: string): boolean {
  return RELATIVE_LINK.test(text);
}

/**
 * Whether a file left on "detect" is a post table, following the server's detection: .csv/.tsv
 * are CSV; a JSON object per line without a Discourse post_stream is JSONL posts.
 */
export function guessTable(name: string, line: string): TableKind | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  const text = line.trimStart();
  if (text.startsWith('{') && !/"post_stream"\s*:/.test(text)) return 'jsonl';
  return null;
}

/** Column names: a CSV header (quotes respected; the server's delimiter rule) or a JSONL record's keys. */
export function headerColumns(kind: TableKind, fileName: string, line: string): string[] {
  if (kind === 'jsonl') {
    try {
      const record = JSON.parse(line) as unknown;
      return record && typeof record === 'object' && !Array.isArray(record) ? Object.keys(record) : [];
    } catch {
      return [];
    }
  }
  const sep = csvDelimiter(fileName);
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells.filter((c) => c !== '');
}
