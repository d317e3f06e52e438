// REFI-QDA codebook (.qdc) import. Reads what Threadcoder writes without loss
// and what other tools write as far as the model allows: no Description, no
// color, #RGB colors, extra attributes, Sets (ignored, with a warning), and
// top-level codable codes, which go under one added dimension because in
// Threadcoder only dimensions sit at the root. The wrong root element or
// namespace is refused naming the element found; nothing partial is returned.
import { checkCodebook } from '../check.ts';
import { MAX_CODES } from '../limits.ts';
import { fail, issue, ok, type Result, type TaxonomyIssue } from '../issues.ts';
import type { Codebook } from '../schema.ts';
import { normalize } from '../tree.ts';
import { checkSize } from './input.ts';
import { readCodes, type ReadCode } from './qdc-codes.ts';
import { QDC_NAMESPACE } from './qdc-write.ts';
import { parseXml, type XmlElement } from './qdc-xml.ts';

export interface QdcReadOptions {
  /** The codebook's name; a .qdc file has none of its own. */
  name?: string;
}

export function fromQdc(text: string, options: QdcReadOptions = {}): Result<Codebook> {
  const tooLarge = checkSize(text);
  if (tooLarge) return fail(tooLarge);
  const parsed = parseXml(text);
  if ('error' in parsed) return fail(parsed.error);
  const { root } = parsed;
  const rootError = checkRoot(root);
  if (rootError) return fail(rootError);
  const codesElement = root.children.find((child) => child.namespace === QDC_NAMESPACE && child.local === 'Codes');
  if (!codesElement)
    return fail(issue('codebook_file.no_codes', 'The <CodeBook> element has no <Codes> element.', { line: root.line }));
  const read = readCodes(codesElement);
  if ('error' in read) return fail(read.error);
  if (read.codes.length > MAX_CODES) {
    return fail(
      issue(
        'codebook_file.too_many_codes',
        `The file holds ${read.codes.length} codes; a codebook may hold at most ${MAX_CODES}.`,
      ),
    );
  }
  const warnings: TaxonomyIssue[] = [];
  if (root.children.some((child) => child.namespace === QDC_NAMESPACE && child.local === 'Sets')) {
    warnings.push(
      issue('codebook_file.sets_ignored', 'The file has code sets; Threadcoder does not use them and left them out.'),
    );
  }
  // Normalizing keeps each code's `line`, so an issue about codes[i] can name its line.
  const codes = normalize(wrapLooseCodes(read.codes, warnings));
  const origin = root.attributes.origin?.trim().slice(0, 100);
  const checked = checkCodebook({
    name: options.name ?? 'Imported codebook',
    description: origin
      ? `Imported from a REFI-QDA codebook written by ${origin}.`
      : 'Imported from a REFI-QDA codebook.',
    templateId: null,
    version: 1,
    codes: codes.map(({ line: _line, ...code }) => code),
  });
  if (!checked.ok) return { ok: false, errors: checked.errors.map((each) => withLine(each, codes)) };
  return ok(checked.value, warnings);
}

function checkRoot(root: XmlElement): TaxonomyIssue | null {
  const where = { line: root.line };
  const found = `<${root.local}>${root.namespace ? ` in namespace "${root.namespace}"` : ' without a namespace'}`;
  if (root.local !== 'CodeBook') {
    return issue(
      'codebook_file.wrong_root',
      `The root element is ${found}; a REFI-QDA codebook starts with <CodeBook> in "${QDC_NAMESPACE}".`,
      where,
    );
  }
  if (root.namespace !== QDC_NAMESPACE) {
    return issue(
      'codebook_file.wrong_namespace',
      `The root element is ${found}; a REFI-QDA codebook uses the namespace "${QDC_NAMESPACE}".`,
      where,
    );
  }
  return null;
}

/** Codable codes at the top level go under one added, non-codable dimension, placed last. */
function wrapLooseCodes(codes: ReadCode[], warnings: TaxonomyIssue[]): ReadCode[] {
  const loose = codes.filter((code) => code.parentId === null && code.codable);
  if (loose.length === 0) return codes;
  // A fresh id and root name, in case the file already uses "Imported codes".
  const ids = new Set(codes.map((code) => code.id));
  const rootNames = new Set(
    codes.filter((code) => code.parentId === null).map((code) => code.name.trim().toLowerCase()),
  );
  let n = 1;
  const id = () => (n === 1 ? 'imported-codes' : `imported-codes-${n}`);
  const name = () => (n === 1 ? 'Imported codes' : `Imported codes ${n}`);
  while (ids.has(id()) || rootNames.has(name().toLowerCase())) n += 1;
  const dimension: ReadCode = {
    id: id(),
    parentId: null,
    position: codes.length,
    dimension: id(),
    name: name(),
    definition: 'Top-level codes of the imported file: Threadcoder keeps codable codes under a dimension.',
    includeNote: '',
    excludeNote: '',
    examples: [],
    color: null,
    shortcut: null,
    status: 'active',
    codable: false,
  };
  warnings.push(
    issue(
      'codebook_file.dimension_added',
      `${loose.length} top-level code(s) were codable and now sit under a new dimension "${dimension.name}".`,
    ),
  );
  const looseIds = new Set(loose.map((code) => code.id));
  return [...codes.map((code) => (looseIds.has(code.id) ? { ...code, parentId: dimension.id } : code)), dimension];
}

/** Adds the file line of the code an issue is about (`where.field` = codes[i]...). */
function withLine(each: TaxonomyIssue, codes: readonly ReadCode[]): TaxonomyIssue {
  const index = /^codes\[(\d+)\]/.exec(each.where.field ?? '')?.[1];
  const line = index === undefined ? undefined : codes[Number(index)]?.line;
  return line === undefined ? each : { ...each, where: { ...each.where, line } };
}
