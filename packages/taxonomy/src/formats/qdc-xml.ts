// Parses XML text into a small element tree with resolved namespaces and line
// numbers, so the .qdc reader can check "which element, in which namespace,
// on which line" without caring how the file spelled its prefixes.
// DOCTYPEs are refused outright: a codebook has no use for one, and refusing it
// rules out entity-expansion tricks. Entities are decoded by xml-text.ts.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MAX_DEPTH } from '../limits.ts';
import { issue, type TaxonomyIssue } from '../issues.ts';
import { lineAt, lineCounter } from './input.ts';
import { decodeAttribute, decodeEntities } from './xml-text.ts';

export interface XmlElement {
  namespace: string | null;
  local: string;
  /** Attribute values, decoded; keys as written (with prefix, if any). */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Direct text content, decoded, CDATA included. */
  text: string;
  line: number;
}

type Parsed = Record<string, unknown>[];
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  captureMetaData: true,
  processEntities: false,
  cdataPropName: '#cdata',
  maxNestedTags: MAX_DEPTH + 10,
});
const META = XMLParser.getMetaDataSymbol() as unknown as string;

export function parseXml(source: string): { root: XmlElement } | { error: TaxonomyIssue } {
  const text = source.replace(/\r\n?/g, '\n');
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype)
    return {
      error: issue('codebook_file.doctype', 'The file declares a DOCTYPE; a codebook file must not have one.', {
        line: lineAt(text, doctype.index),
      }),
    };
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return {
      error: issue('codebook_file.malformed_xml', `The file is not well-formed XML: ${valid.err.msg}`, {
        line: valid.err.line,
      }),
    };
  }
  let parsed: Parsed;
  try {
    parsed = parser.parse(text) as Parsed;
  } catch (error) {
    const message = (error as Error).message;
    if (/nested/i.test(message)) {
      return {
        error: issue(
          'codebook_file.too_deep',
          `Elements are nested too deeply; codes may be at most ${MAX_DEPTH} levels deep.`,
        ),
      };
    }
    return { error: issue('codebook_file.malformed_xml', `The file could not be read as XML: ${message}`) };
  }
  const roots = parsed.filter((node) => elementName(node) !== null);
  if (roots.length !== 1)
    return {
      error: issue(
        'codebook_file.malformed_xml',
        `An XML file has exactly one root element; this one has ${roots.length}.`,
      ),
    };
  return {
    root: toElement(
      roots[0] as Record<string, unknown>,
      new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]),
      lineCounter(text),
    ),
  };
}

function elementName(node: Record<string, unknown>): string | null {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text' && key !== '#cdata') ?? null;
}

function toElement(
  node: Record<string, unknown>,
  inherited: Map<string | null, string>,
  lineOf: (offset: number) => number,
): XmlElement {
  const name = elementName(node) as string;
  const attributes: Record<string, string> = {};
  for (const [key, raw] of Object.entries((node[':@'] ?? {}) as Record<string, string>))
    attributes[key] = decodeAttribute(raw);
  const scope = new Map(inherited);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'xmlns') scope.set(null, value);
    else if (key.startsWith('xmlns:')) scope.set(key.slice(6), value);
  }
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? null : name.slice(0, colon);
  const element: XmlElement = {
    namespace: scope.get(prefix) || null,
    local: name.slice(colon + 1),
    attributes,
    children: [],
    text: '',
    line: lineOf((node[META] as { startIndex?: number } | undefined)?.startIndex ?? 0),
  };
  for (const child of node[name] as Parsed) {
    if ('#text' in child) element.text += decodeEntities(String(child['#text']));
    else if ('#cdata' in child)
      element.text += (child['#cdata'] as Parsed).map((part) => String(part['#text'] ?? '')).join('');
    else if (elementName(child) !== null) element.children.push(toElement(child, scope, lineOf));
  }
  return element;
}
