import { describe, expect, test } from 'vitest';
import { JSON_FORMAT, fromJson, templateToCodebook, toJson } from '@threadcoder/taxonomy';
import { errorCodes, must, smallCodebook } from './fixtures.ts';

describe('JSON format', () => {
  test('JSON -> model -> JSON gives the same text, and the model back', () => {
    const text = toJson(smallCodebook());
    const model = must(fromJson(text));
    expect(model).toEqual(smallCodebook());
    expect(toJson(model)).toBe(text);
  });

  test('carries a format tag and version', () => {
    const file = JSON.parse(toJson(smallCodebook())) as Record<string, unknown>;
    expect([file.format, file.formatVersion]).toEqual([JSON_FORMAT, 1]);
    expect(Object.keys(file)).toEqual(['format', 'formatVersion', 'codebook']);
  });

  test('a code reads with fixed key order', () => {
    const file = JSON.parse(toJson(smallCodebook())) as { codebook: { codes: Record<string, unknown>[] } };
    expect(Object.keys(file.codebook.codes[1] ?? {})).toEqual([
      'id',
      'parentId',
      'position',
      'dimension',
      'name',
      'definition',
      'includeNote',
      'excludeNote',
      'examples',
      'color',
      'shortcut',
      'status',
      'codable',
    ]);
  });

  test('codes listed out of order come back in tree order', () => {
    const file = JSON.parse(toJson(smallCodebook())) as { codebook: { codes: unknown[] } };
    file.codebook.codes.reverse();
    expect(must(fromJson(JSON.stringify(file)))).toEqual(smallCodebook());
  });

  test('a template codebook survives the round trip', () => {
    const tiny = {
      id: 't',
      name: 'T',
      source: 's',
      dimensions: [{ id: 'd', name: 'D' }],
      codes: [{ id: 'c', dimension: 'd', name: 'C', definition: 'x' }],
    };
    const codebook = must(templateToCodebook(tiny));
    expect(must(fromJson(toJson(codebook)))).toEqual(codebook);
  });

  test('a field error names the field inside the file', () => {
    const file = JSON.parse(toJson(smallCodebook())) as { codebook: { codes: { name: string }[] } };
    (file.codebook.codes[1] as { name: string }).name = '';
    const result = fromJson(JSON.stringify(file));
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.where])).toEqual([
      ['codebook.missing_name', { codeId: 'docs', field: 'codebook.codes[1].name' }],
    ]);
  });

  test('rejects another format with a clear code', () => {
    expect(errorCodes(fromJson('{"format":"something-else","codebook":{}}'))).toEqual(['codebook_file.wrong_format']);
    expect(errorCodes(fromJson(`{"format":"${JSON_FORMAT}","formatVersion":2}`))).toEqual([
      'codebook_file.unsupported_version',
    ]);
  });
});
