import { describe, expect, test } from 'vitest';
import { MAX_CODES, MAX_IMPORT_BYTES, fromJson, fromQdc, toJson, type Result } from '@threadcoder/taxonomy';
import { smallCodebook } from './fixtures.ts';

const NS = 'urn:QDA-XML:codebook:1.0';
const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const qdc = (inner: string, root = `CodeBook xmlns="${NS}"`) =>
  `<?xml version="1.0"?>\n<${root}>\n<Codes>\n${inner}\n</Codes>\n</${root.split(' ')[0]}>`;
const dim = (inner = '') => `<Code guid="${guid(1)}" name="Dim" isCodable="false">${inner}</Code>`;

function jsonWith(edit: (codes: Record<string, unknown>[]) => void): string {
  const file = JSON.parse(toJson(smallCodebook())) as { codebook: { codes: Record<string, unknown>[] } };
  edit(file.codebook.codes);
  return JSON.stringify(file, null, 2);
}

/** Refused as a whole: no value, and every error has the documented shape. */
function refusal(result: Result<unknown>): [string, { line?: number; field?: string; codeId?: string }][] {
  expect(result.ok).toBe(false);
  expect('value' in result).toBe(false);
  if (result.ok) return [];
  for (const error of result.errors) expect(typeof error.message).toBe('string');
  return result.errors.map((error) => [error.code, error.where]);
}

describe('bad codebook files are refused with a structured error', () => {
  test.each([
    ['malformed JSON', '{\n  "format": "threadcoder.codebook",\n  oops\n}', 'codebook_file.invalid_json', { line: 3 }],
    ['JSON that is not a codebook file', '[1, 2, 3]', 'codebook_file.wrong_format', { field: 'format' }],
    [
      'a cycle',
      jsonWith((codes) => {
        (codes[2] as { parentId: string }).parentId = 'oom';
      }),
      'codebook.cycle',
      { codeId: 'memory', field: 'codebook.codes[2].parentId' },
    ],
    [
      'duplicate ids',
      jsonWith((codes) => {
        (codes[6] as { id: string }).id = 'reuse';
      }),
      'codebook.duplicate_id',
      { codeId: 'reuse', field: 'codebook.codes[6].id' },
    ],
    [
      'a missing name',
      jsonWith((codes) => {
        delete (codes[3] as { name?: string }).name;
      }),
      'codebook.invalid_field',
      { codeId: 'oom', field: 'codebook.codes[3].name' },
    ],
  ])('JSON: %s', (_what, text, code, where) => {
    expect(refusal(fromJson(text))[0]).toEqual([code, where]);
  });

  test.each([
    [
      'malformed XML',
      `<CodeBook xmlns="${NS}">\n<Codes>\n<Code name="a">\n</Codes>`,
      'codebook_file.malformed_xml',
      { line: 4 },
    ],
    ['not XML at all', 'name,id\nfoo,bar', 'codebook_file.malformed_xml', { line: 1 }],
    [
      'a wrong namespace',
      qdc(dim(), 'CodeBook xmlns="urn:QDA-XML:codebook:2.0"'),
      'codebook_file.wrong_namespace',
      { line: 2 },
    ],
    ['no namespace', qdc(dim(), 'CodeBook'), 'codebook_file.wrong_namespace', { line: 2 }],
    [
      'a project file instead of a codebook',
      qdc(dim(), 'Project xmlns="urn:QDA-XML:project:1.0" name="p"'),
      'codebook_file.wrong_root',
      { line: 2 },
    ],
    [
      'a DOCTYPE',
      `<?xml version="1.0"?>\n<!DOCTYPE CodeBook [<!ENTITY x "y">]>\n${qdc(dim())}`,
      'codebook_file.doctype',
      { line: 2 },
    ],
    [
      'a code without a name',
      qdc(dim(`\n<Code guid="${guid(2)}" isCodable="true"/>`)),
      'codebook_file.missing_name',
      { line: 5 },
    ],
    [
      'a code without a guid',
      qdc(dim(`\n<Code name="A" isCodable="true"/>`)),
      'codebook_file.missing_guid',
      { line: 5 },
    ],
    [
      'an rgb() color',
      qdc(dim(`\n<Code guid="${guid(2)}" name="A" isCodable="true" color="rgb(1,2,3)"/>`)),
      'codebook_file.invalid_color',
      { line: 5 },
    ],
    [
      'isCodable that is not a boolean',
      qdc(dim(`\n<Code guid="${guid(2)}" name="A" isCodable="maybe"/>`)),
      'codebook_file.invalid_attribute',
      { line: 5 },
    ],
    [
      'two siblings with one name',
      qdc(
        dim(
          `\n<Code guid="${guid(2)}" name="A" isCodable="true"/>\n<Code guid="${guid(3)}" name="a" isCodable="true"/>`,
        ),
      ),
      'codebook.duplicate_name',
      { codeId: guid(3), field: 'codes[2].name', line: 6 },
    ],
    ['no Codes element', `<CodeBook xmlns="${NS}"/>`, 'codebook_file.no_codes', { line: 1 }],
  ])('.qdc: %s', (_what, text, code, where) => {
    expect(refusal(fromQdc(text))[0]).toEqual([code, where]);
  });

  test('the messages name the element and namespace found', () => {
    const result = fromQdc(qdc(dim(), 'Project xmlns="urn:QDA-XML:project:1.0"'));
    expect(result.ok ? '' : result.errors[0]?.message).toBe(
      'The root element is <Project> in namespace "urn:QDA-XML:project:1.0"; a REFI-QDA codebook starts with <CodeBook> in "urn:QDA-XML:codebook:1.0".',
    );
  });

  test('files over the size limit are refused before parsing', () => {
    const padding = 'x'.repeat(MAX_IMPORT_BYTES);
    expect(refusal(fromJson(`{"pad":"${padding}"}`))).toEqual([['codebook_file.too_large', {}]]);
    expect(refusal(fromQdc(`<!-- ${padding} -->`))).toEqual([['codebook_file.too_large', {}]]);
  });

  test('the size is counted in UTF-8 bytes', () => {
    const twoByteChars = 'é'.repeat(MAX_IMPORT_BYTES / 2 + 1);
    expect(refusal(fromJson(`"${twoByteChars}"`))[0]?.[0]).toBe('codebook_file.too_large');
  });

  test(`more than ${MAX_CODES} codes are refused`, () => {
    const many = Array.from(
      { length: MAX_CODES + 1 },
      (_, i) => `<Code guid="${guid(i + 10)}" name="C${i}" isCodable="true"/>`,
    ).join('\n');
    expect(refusal(fromQdc(qdc(dim(many))))).toEqual([['codebook_file.too_many_codes', {}]]);
    const json = jsonWith((codes) => {
      for (let i = 0; i < MAX_CODES; i += 1)
        codes.push({ ...codes[1], id: `c${i}`, name: `C${i}`, position: i + 10, shortcut: null });
    });
    expect(refusal(fromJson(json))).toEqual([['codebook_file.too_many_codes', { field: 'codebook.codes' }]]);
  });

  test('nesting deeper than the parser allows is refused, not a crash', () => {
    const deep = `${'<Code guid="00000000-0000-4000-8000-000000000001" name="x" isCodable="false">'.repeat(80)}${'</Code>'.repeat(80)}`;
    expect(refusal(fromQdc(qdc(deep)))).toEqual([['codebook_file.too_deep', {}]]);
  });
});
