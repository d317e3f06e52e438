import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { fromQdc } from '@threadcoder/taxonomy';
import { must } from './fixtures.ts';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../fixtures/taxonomy/${name}`, import.meta.url)), 'utf8');
const row = (c: {
  id: string;
  parentId: string | null;
  name: string;
  codable: boolean;
  color: string | null;
  definition: string;
}) => [c.id, c.parentId, c.name, c.codable, c.color, c.definition];

describe('fromQdc on files from other tools', () => {
  test('reads prefixes, free-text and CDATA descriptions, #RGB colors, extra attributes and Sets', () => {
    const result = fromQdc(fixture('other-tool.qdc'), { name: 'From SomeQDA' });
    const codebook = must(result);
    const g = (n: string) => `6f1c1e2a-7b1d-4c8e-9a51-0d3c2b1a0f0${n}`;
    expect(codebook.codes.map(row)).toEqual([
      [g('1'), null, 'Problems', false, null, 'Everything that went wrong.\nSecond line & more.'],
      [g('2'), g('1'), 'Install', true, '#00aa00', ''],
      [g('3'), g('1'), 'Runtime <errors>', true, '#FF8800', ''],
      [g('4'), g('3'), 'CUDA', true, null, 'GPU <only> & co'],
      [
        'imported-codes',
        null,
        'Imported codes',
        false,
        null,
        'Top-level codes of the imported file: Threadcoder keeps codable codes under a dimension.',
      ],
      [g('5'), 'imported-codes', 'Praise', true, null, ''],
    ]);
    expect(codebook.name).toBe('From SomeQDA');
    expect(codebook.description).toBe('Imported from a REFI-QDA codebook written by SomeQDA 24.1.');
    expect(result.ok && result.warnings.map((w) => w.code)).toEqual([
      'codebook_file.sets_ignored',
      'codebook_file.dimension_added',
    ]);
  });

  test('a flat list of codes gets one dimension, and codes keep their guids as ids', () => {
    const codebook = must(fromQdc(fixture('flat.qdc')));
    expect(codebook.codes.map((c) => [c.id, c.parentId, c.position, c.dimension])).toEqual([
      ['imported-codes', null, 0, 'imported-codes'],
      ['0b7d1f6e-2c1a-4f38-8d0e-5a9c3e2f1b01', 'imported-codes', 0, 'imported-codes'],
      ['0b7d1f6e-2c1a-4f38-8d0e-5a9c3e2f1b02', 'imported-codes', 1, 'imported-codes'],
    ]);
    expect(codebook.name).toBe('Imported codebook');
  });

  test('the added dimension does not clash with a root already named "Imported codes"', () => {
    const xml =
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="0b7d1f6e-2c1a-4f38-8d0e-5a9c3e2f1b09" name="Imported codes" isCodable="false"/><Code guid="0b7d1f6e-2c1a-4f38-8d0e-5a9c3e2f1b08" name="A" isCodable="true"/></Codes></CodeBook>';
    expect(must(fromQdc(xml)).codes.map((c) => c.name)).toEqual(['Imported codes', 'Imported codes 2', 'A']);
  });

  test('a codebook rule broken in the file is reported with its line', () => {
    const result = fromQdc(fixture('duplicate-guid.qdc'));
    expect(result.ok ? [] : result.errors.map((e) => [e.code, e.where.line])).toEqual([['codebook.duplicate_id', 6]]);
  });
});
