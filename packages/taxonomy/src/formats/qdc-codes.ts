// Turns the <Codes> element of a .qdc file into flat codes (document order,
// which is tree order). Field rules of REFI-QDA apply here; the codebook rules
// (unique names, shortcuts, ...) are checked afterwards on the whole.
import { issue, type TaxonomyIssue } from '../issues.ts';
import type { Code } from '../schema.ts';
import { normalizeGuid } from '../uuid.ts';
import { decodeDescription } from './qdc-description.ts';
import { QDC_NAMESPACE } from './qdc-write.ts';
import type { XmlElement } from './qdc-xml.ts';

/** A code with the file line it came from, for error messages. */
export type ReadCode = Code & { line?: number };

const isQdc = (local: string) => (element: XmlElement) =>
  element.namespace === QDC_NAMESPACE && element.local === local;

export function readCodes(codes: XmlElement): { codes: ReadCode[] } | { error: TaxonomyIssue } {
  const out: ReadCode[] = [];
  // Depth-first in document order; depth is already bounded by the parser.
  const stack: { element: XmlElement; parentId: string | null; position: number }[] = [];
  const pushChildren = (parent: XmlElement, parentId: string | null) => {
    const children = parent.children.filter(isQdc('Code'));
    for (let i = children.length - 1; i >= 0; i -= 1)
      stack.push({ element: children[i] as XmlElement, parentId, position: i });
  };
  pushChildren(codes, null);
  while (stack.length > 0) {
    const { element, parentId, position } = stack.pop() as (typeof stack)[number];
    const code = readCode(element, parentId, position);
    if ('error' in code) return code;
    out.push(code);
    pushChildren(element, code.id);
  }
  return { codes: out };
}

function readCode(element: XmlElement, parentId: string | null, position: number): ReadCode | { error: TaxonomyIssue } {
  const where = { line: element.line };
  const { guid, name, isCodable, color } = element.attributes;
  if (name === undefined || name.trim() === '') {
    return { error: issue('codebook_file.missing_name', 'A <Code> element has no name attribute.', where) };
  }
  const description = decodeDescription(element.children.find(isQdc('Description'))?.text ?? '');
  // Threadcoder's own id if the description carries one, else the guid (codes of other tools keep theirs).
  const id = description.id || (guid === undefined ? '' : (normalizeGuid(guid) ?? guid.trim()));
  if (id === '')
    return { error: issue('codebook_file.missing_guid', `The code "${name}" has no guid attribute.`, where) };
  const codable = ({ true: true, '1': true, false: false, '0': false } as Record<string, boolean>)[
    isCodable?.trim() ?? 'true'
  ];
  if (codable === undefined) {
    return {
      error: issue(
        'codebook_file.invalid_attribute',
        `The code "${name}" has isCodable="${isCodable}"; it must be true or false.`,
        where,
      ),
    };
  }
  const hex = readColor(color);
  if (hex === undefined) {
    return {
      error: issue(
        'codebook_file.invalid_color',
        `The code "${name}" has color "${color}"; REFI-QDA colors are #RRGGBB (or #RGB).`,
        where,
      ),
    };
  }
  return {
    id,
    parentId,
    position,
    dimension: parentId ?? id,
    name,
    definition: description.definition,
    includeNote: description.includeNote,
    excludeNote: description.excludeNote,
    examples: description.examples,
    color: hex,
    shortcut: description.shortcut || null,
    status: description.status ?? 'active',
    codable,
    line: element.line,
  };
}

/** null when absent, #RRGGBB when valid (#RGB widened), undefined when invalid. */
function readColor(color: string | undefined): string | null | undefined {
  if (color === undefined) return null;
  const value = color.trim();
  if (/^#[0-9A-Fa-f]{6}$/.test(value)) return value;
  if (/^#[0-9A-Fa-f]{3}$/.test(value)) return `#${[...value.slice(1)].map((digit) => digit + digit).join('')}`;
  return undefined;
}
