// The report as Markdown (GitHub-flavoured tables). Every text is escaped so no code name,
// definition or round name can open a tag, break a table or start emphasis: & < > become
// entities, | \ * _ ` [ ] are backslash-escaped and line breaks inside a cell become <br>.
// Charts are HTML-only; the same numbers are in the counts table right after them.
import { markdownCell } from '@threadcoder/taxonomy';
import type { Block } from './report-doc.ts';

const mdText = (s: string) => markdownCell(s).replace(/([*_`[\]])/g, '\\$1');

function table(b: Extract<Block, { kind: 'table' }>): string {
  const row = (cells: string[]) => `| ${cells.map(mdText).join(' | ')} |`;
  const rule = `| ${b.head.map((_, i) => (b.numeric?.includes(i) ? '---:' : '---')).join(' | ')} |`;
  if (b.rows.length === 0) return `*${mdText(b.caption)}*: none yet.`;
  return [`*${mdText(b.caption)}*`, '', row(b.head), rule, ...b.rows.map(row)].join('\n');
}

export function renderMarkdown(blocks: readonly Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'heading') parts.push(`${'#'.repeat(b.level)} ${mdText(b.text)}`);
    else if (b.kind === 'paragraph') parts.push(mdText(b.text));
    else if (b.kind === 'list') parts.push(b.items.map((i) => `- ${mdText(i)}`).join('\n'));
    else if (b.kind === 'table') parts.push(table(b));
  }
  return `${parts.join('\n\n')}\n`;
}
