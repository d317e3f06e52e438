// A small element tree from XML text with saxes, for reading a .qdpx's project.qde: element
// names as written (this app writes no prefixes), attributes, direct text and the line.
import { SaxesParser } from 'saxes';
import { AppError } from '../http/errors.ts';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
  line: number;
}

// project.qde nests codes and selections a few levels; far deeper is no project of ours.
const MAX_DEPTH = 64;

export function xmlTree(text: string, file: string): XmlNode {
  if (/<!DOCTYPE/i.test(text))
    throw new AppError('qdpx.invalid_xml', 400, `${file} declares a DOCTYPE; a project file has none.`, { file });
  const parser = new SaxesParser({ position: true });
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  let error: AppError | undefined;
  parser.on('error', (e) => {
    error ??= new AppError('qdpx.invalid_xml', 400, `${file} is not well-formed XML: ${e.message}`, {
      file,
      line: parser.line,
    });
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, attrs: {}, children: [], text: '', line: parser.line };
    for (const [k, v] of Object.entries(tag.attributes)) node.attrs[k] = typeof v === 'string' ? v : v.value;
    if (stack.length >= MAX_DEPTH)
      error ??= new AppError('qdpx.invalid_xml', 400, `${file} nests elements too deeply.`, {
        file,
        line: parser.line,
      });
    else (stack.at(-1)?.children ?? []).push(node);
    root ??= node;
    stack.push(node);
  });
  parser.on('closetag', () => stack.pop());
  parser.on('text', (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack.at(-1);
    if (top) top.text += t;
  });
  parser.write(text).close();
  if (error) throw error;
  if (!root) throw new AppError('qdpx.invalid_xml', 400, `${file} has no root element.`, { file });
  return root;
}

export const childrenNamed = (node: XmlNode, name: string) => node.children.filter((c) => c.name === name);
export const childNamed = (node: XmlNode, name: string) => node.children.find((c) => c.name === name);
