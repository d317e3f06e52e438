// A test-side check of the REFI-QDA Codebook.xsd rules our .qdc output must
// meet. No XSD validator and no copy of the schema can be had from the npm
// registry, so the rules are checked element by element here instead:
// CodeBook(origin?) > Codes > Code+ (guid, name, isCodable required; color
// #RGB/#RRGGBB optional; nothing else), Description at most once and first,
// then child Codes; Sets, when present, non-empty.
import { XMLParser } from 'fast-xml-parser';

type Node = Record<string, unknown>;
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
});
const GUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$|^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}$/;
const RGB = /^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$/;

const nameOf = (node: Node) => Object.keys(node).find((key) => key !== ':@') as string;
const attrs = (node: Node) => (node[':@'] ?? {}) as Record<string, string>;
const elements = (node: Node) => (node[nameOf(node)] as Node[]).filter((child) => nameOf(child) !== '#text');
const strayText = (node: Node) =>
  (node[nameOf(node)] as Node[]).some((child) => nameOf(child) === '#text' && String(child['#text']).trim() !== '');

/** The list of rule violations ([] for a valid codebook document). */
export function codebookSchemaViolations(xml: string): string[] {
  const out: string[] = [];
  const roots = (parser.parse(xml) as Node[]).filter((node) => nameOf(node) !== '#text');
  const root = roots[0];
  if (roots.length !== 1 || !root || nameOf(root) !== 'CodeBook') return ['root must be one CodeBook element'];
  if (attrs(root).xmlns !== 'urn:QDA-XML:codebook:1.0') out.push('CodeBook must be in urn:QDA-XML:codebook:1.0');
  for (const key of Object.keys(attrs(root)))
    if (key !== 'xmlns' && key !== 'origin') out.push(`CodeBook has unknown attribute ${key}`);
  const top = elements(root).map(nameOf);
  if (top[0] !== 'Codes' || top.length > 2 || (top.length === 2 && top[1] !== 'Sets'))
    out.push(`CodeBook children must be Codes, Sets?; got ${top.join(', ')}`);
  const codes = elements(root)[0];
  if (codes) checkCodeList(codes, 'Codes', true, out);
  const sets = elements(root)[1];
  if (sets && elements(sets).length === 0) out.push('Sets must not be empty');
  return out;
}

function checkCodeList(parent: Node, where: string, atLeastOne: boolean, out: string[]): void {
  const children = elements(parent);
  if (strayText(parent)) out.push(`${where} holds text outside Description`);
  const codes = children.filter((child) => nameOf(child) === 'Code');
  if (atLeastOne && codes.length === 0) out.push(`${where} must hold at least one Code`);
  children.forEach((child, index) => {
    const name = nameOf(child);
    if (name === 'Description' && (where === 'Codes' || index !== 0))
      out.push(`Description must come first in ${where}`);
    if (name !== 'Code' && name !== 'Description') out.push(`${where} holds an unexpected ${name}`);
  });
  for (const code of codes) {
    const a = attrs(code);
    const label = `Code ${a.name ?? '?'}`;
    for (const key of ['guid', 'name', 'isCodable']) if (a[key] === undefined) out.push(`${label} lacks ${key}`);
    for (const key of Object.keys(a))
      if (!['guid', 'name', 'isCodable', 'color'].includes(key)) out.push(`${label} has unknown attribute ${key}`);
    if (a.guid !== undefined && !GUID.test(a.guid)) out.push(`${label} has a malformed guid`);
    if (a.isCodable !== undefined && !['true', 'false', '1', '0'].includes(a.isCodable))
      out.push(`${label} has a non-boolean isCodable`);
    if (a.color !== undefined && !RGB.test(a.color)) out.push(`${label} has a malformed color`);
    checkCodeList(code, label, false, out);
  }
}
