// REFI-QDA gives a code one Description. Threadcoder keeps definition,
// include and exclude notes, examples and its own id, shortcut and status in
// it with a layout a person can read in any QDA tool and this module can read
// back without loss:
//
//   Definition: first line
//     continuation lines are indented by two spaces
//   Include: ...
//   Exclude: ...
//   Examples:
//   - "a quote as a JSON string" (post 12)
//   Id: docs
//   Shortcut: 1
//   Status: deprecated
//
// Only labels at the start of a line open a section, and every value line after
// the first is indented, so no text inside a value can be mistaken for a label.
// A description from another tool, which does not start with a label, is read
// whole as the definition.
import type { Code, Example } from '../schema.ts';

export type DescribedFields = Pick<Code, 'definition' | 'includeNote' | 'excludeNote' | 'examples'> & {
  id?: string;
  shortcut?: string;
  status?: Code['status'];
};

const TEXT_LABELS = [
  ['Definition', 'definition'],
  ['Include', 'includeNote'],
  ['Exclude', 'excludeNote'],
] as const;
const LABEL = /^(Definition|Include|Exclude|Examples|Id|Shortcut|Status):(?: ([^\n]*))?$/;
const QUOTED_EXAMPLE = /^- ("(?:[^"\\]|\\.)*")(?: \(post (\d+)\))?$/;

export function encodeDescription(code: Code): string {
  const lines: string[] = [];
  for (const [label, field] of TEXT_LABELS) {
    if (code[field] === '') continue;
    const [first, ...rest] = code[field].split('\n');
    lines.push(`${label}: ${first}`, ...rest.map((line) => `  ${line}`));
  }
  if (code.examples.length > 0) {
    lines.push('Examples:');
    for (const example of code.examples) {
      lines.push(
        `- ${JSON.stringify(example.quote)}${example.postId === undefined ? '' : ` (post ${example.postId})`}`,
      );
    }
  }
  lines.push(`Id: ${code.id}`);
  if (code.shortcut !== null) lines.push(`Shortcut: ${code.shortcut}`);
  if (code.status !== 'active') lines.push(`Status: ${code.status}`);
  return lines.join('\n');
}

export function decodeDescription(text: string): DescribedFields {
  const out: DescribedFields = { definition: '', includeNote: '', excludeNote: '', examples: [] };
  // Split on LF only: the XML reader already turned literal CRLF into LF, so a CR left here is part of a value.
  const lines = text.split('\n');
  if (!LABEL.test(lines.find((line) => line.trim() !== '') ?? '')) return { ...out, definition: text.trim() };
  let section = '';
  let value: string[] = [];
  const flush = () => {
    const field = TEXT_LABELS.find(([label]) => label === section)?.[1];
    if (field) out[field] = value.join('\n');
  };
  for (const line of lines) {
    const label = LABEL.exec(line);
    if (label) {
      flush();
      section = label[1] as string;
      value = [label[2] ?? ''];
      if (section === 'Id' || section === 'Shortcut')
        out[section === 'Id' ? 'id' : 'shortcut'] = (label[2] ?? '').trim();
      if (section === 'Status') out.status = (label[2] ?? '').trim() === 'deprecated' ? 'deprecated' : 'active';
    } else if (section === 'Examples') {
      readExampleLine(line, out.examples);
    } else {
      value.push(line.startsWith('  ') ? line.slice(2) : line);
    }
  }
  flush();
  return out;
}

/** `- "json quote" (post N)` as written; any other `- text` as typed by hand; other lines continue the last quote. */
function readExampleLine(line: string, examples: Example[]): void {
  const quoted = QUOTED_EXAMPLE.exec(line);
  const quote = quoted ? parseJsonString(quoted[1] as string) : null;
  if (quoted && quote !== null) {
    const example: Example = { quote };
    if (quoted[2] !== undefined) example.postId = Number(quoted[2]);
    examples.push(example);
  } else if (line.startsWith('- ') && line.trim().length > 2) {
    examples.push({ quote: line.slice(2).trim() });
  } else if (line.trim() !== '' && examples.length > 0) {
    const last = examples[examples.length - 1] as Example;
    last.quote = `${last.quote}\n${line.trim()}`;
  }
}

function parseJsonString(text: string): string | null {
  try {
    return JSON.parse(text) as string;
  } catch {
    return null; // e.g. a bad \u escape typed by hand: read the line as plain text instead
  }
}
