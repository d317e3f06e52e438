// REFI-QDA codebook (.qdc) export, following Codebook.xsd (QDA-XML codebook 1.0):
// CodeBook (origin) > Codes > Code+, each Code with guid, name, isCodable and an
// optional #RRGGBB color, holding at most one Description first and then its
// child Codes. Sets are optional and an empty <Sets/> is invalid, so none is
// written. Codes carries at least one Code: a valid codebook always has one.
import type { Code, Codebook } from '../schema.ts';
import { childrenByParent } from '../tree.ts';
import { codeGuid } from '../uuid.ts';
import { encodeDescription } from './qdc-description.ts';
import { escapeAttribute, escapeText } from './xml-text.ts';

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

export interface QdcOptions {
  /** The writing program, shown by other tools; defaults to "Threadcoder". */
  origin?: string;
}

export function toQdc(codebook: Codebook, options: QdcOptions = {}): string {
  const groups = childrenByParent(codebook.codes);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<CodeBook xmlns="${QDC_NAMESPACE}" origin="${escapeAttribute(options.origin ?? 'Threadcoder')}">`,
    '  <Codes>',
  ];
  // Depth-first with an explicit stack: a closing tag is queued behind the children.
  const stack: (Code | string)[] = [...(groups.get(null) ?? [])].reverse();
  let depth = 2;
  while (stack.length > 0) {
    const next = stack.pop() as Code | string;
    if (typeof next === 'string') {
      depth -= 1;
      lines.push(next);
      continue;
    }
    const pad = '  '.repeat(depth);
    const children = groups.get(next.id) ?? [];
    const description = `${pad}  <Description>${escapeText(encodeDescription(next))}</Description>`;
    lines.push(`${pad}<Code ${attributes(next)}>`, description);
    stack.push(`${pad}</Code>`, ...[...children].reverse());
    depth += 1;
  }
  lines.push('  </Codes>', '</CodeBook>');
  return `${lines.join('\n')}\n`;
}

function attributes(code: Code): string {
  const pairs: [string, string][] = [
    ['guid', codeGuid(code.id)],
    ['name', code.name],
    ['isCodable', String(code.codable)],
  ];
  if (code.color !== null) pairs.push(['color', code.color]);
  return pairs.map(([key, value]) => `${key}="${escapeAttribute(value)}"`).join(' ');
}
