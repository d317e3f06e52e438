import { describe, expect, test } from 'vitest';
import { codeGuid, toQdc, type Codebook } from '@threadcoder/taxonomy';
import { code, smallCodebook } from './fixtures.ts';
import { codebookSchemaViolations } from './qdc-schema.ts';

const tiny = (name: string, definition = ''): Codebook => ({
  name: 'T',
  description: '',
  templateId: null,
  version: 1,
  codes: [
    code({ id: 'dim', name: 'Dim', codable: false }),
    code({ id: 'c', name, parentId: 'dim', dimension: 'dim', definition, color: '#A1B2C3' }),
  ],
});

describe('toQdc', () => {
  test('writes the documented structure, exactly', () => {
    expect(toQdc(tiny('Plain', 'One line.'))).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Threadcoder">',
        '  <Codes>',
        `    <Code guid="${codeGuid('dim')}" name="Dim" isCodable="false">`,
        '      <Description>Id: dim</Description>',
        `      <Code guid="${codeGuid('c')}" name="Plain" isCodable="true" color="#A1B2C3">`,
        '        <Description>Definition: One line.',
        'Id: c</Description>',
        '      </Code>',
        '    </Code>',
        '  </Codes>',
        '</CodeBook>',
        '',
      ].join('\n'),
    );
  });

  test('guids are UUID v5 of the id, stable across exports; a GUID id is its own guid', () => {
    expect(codeGuid('docs')).toBe('42512a61-fa1d-5e44-bdc9-c8200981a4c6');
    expect(codeGuid('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
  });

  test('escapes & < > " in names and descriptions', () => {
    const xml = toQdc(tiny('A & <B> "C"', 'x < y & "z" > w'));
    expect(xml).toContain('name="A &amp; &lt;B&gt; &quot;C&quot;"');
    expect(xml).toContain('<Description>Definition: x &lt; y &amp; &quot;z&quot; &gt; w\nId: c</Description>');
  });

  test('keeps a carriage return and drops characters XML cannot carry', () => {
    expect(toQdc(tiny('C', 'a\rb\u0001c'))).toContain('<Description>Definition: a&#13;bc\nId: c</Description>');
  });

  test('writes no Sets element and no color for a code without one', () => {
    const xml = toQdc(tiny('C'));
    expect(xml).not.toContain('Sets');
    expect(xml).toMatch(/name="Dim" isCodable="false">/);
  });

  test.each([
    ['the small codebook', smallCodebook()],
    ['names and notes full of markup', tiny('<&"\'>', 'Include: not a label\n- not an example\n]]>')],
  ])('%s meets the Codebook.xsd rules', (_what, codebook) => {
    expect(codebookSchemaViolations(toQdc(codebook))).toEqual([]);
  });

  test('the schema check itself catches what the XSD forbids', () => {
    const bad =
      '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="x" name="A" isCodable="yes" color="rgb(1,2,3)"><Code guid="2f1e5a1c-0000-4000-8000-000000000000" name="B" isCodable="true"/><Description>late</Description></Code></Codes><Sets/></CodeBook>';
    expect(codebookSchemaViolations(bad)).toEqual([
      'Code A has a malformed guid',
      'Code A has a non-boolean isCodable',
      'Code A has a malformed color',
      'Description must come first in Code A',
      'Sets must not be empty',
    ]);
  });
});
