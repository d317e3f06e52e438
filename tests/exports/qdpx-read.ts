import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** An element of the parsed XML: its name, attributes, child elements in document order and its text. */
export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function toEl(node: Ordered): El | null {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text' || name.startsWith('?')) return null;
  const kids = (node[name] as Ordered[]) ?? [];
  return {
    name,
    attrs: node[':@'] ?? {},
    children: kids.map(toEl).filter((e): e is El => e !== null),
    text: kids
      .filter((k) => '#text' in k)
      .map((k) => String(k['#text']))
      .join(''),
  };
}

/** Parses XML (with entity decoding) into an element tree, after checking it is well-formed. */
export function parseXml(xml: string): El {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`not well-formed: ${JSON.stringify(valid)}`);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
  });
  const nodes = parser.parse(xml) as Ordered[];
  const root = nodes.map(toEl).find((e) => e !== null);
  if (!root) throw new Error('no root element');
  return root;
}

export function* walk(el: El): Generator<El> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

export const child = (el: El, name: string) => el.children.find((c) => c.name === name);
export const childrenNamed = (el: El, name: string) => el.children.filter((c) => c.name === name);

export interface Qdpx {
  files: Record<string, Uint8Array>;
  xml: string;
  project: El;
}

export function readQdpx(bytes: Uint8Array): Qdpx {
  const files = unzipSync(bytes);
  const qde = files['project.qde'];
  if (!qde) throw new Error('no project.qde in the zip');
  const xml = strFromU8(qde);
  return { files, xml, project: parseXml(xml) };
}
