import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  decodeDescription,
  encodeDescription,
  fromQdc,
  templateFileSchema,
  templateToCodebook,
  toQdc,
  type Code,
  type Codebook,
} from '@threadcoder/taxonomy';
import { code, must, smallCodebook } from './fixtures.ts';

const templates = templateFileSchema.parse(
  JSON.parse(
    readFileSync(fileURLToPath(new URL('../../data/templates/taxonomy-templates.json', import.meta.url)), 'utf8'),
  ),
).templates;

/** A .qdc holds the codes only: the codebook's own name and description stay behind. */
const viaQdc = (codebook: Codebook) => must(fromQdc(toQdc(codebook), { name: codebook.name })).codes;

describe('model -> .qdc -> model', () => {
  test('keeps names, hierarchy, colors, descriptions, ids, shortcuts and status', () => {
    expect(viaQdc(smallCodebook())).toEqual(smallCodebook().codes);
  });

  test.each(templates.map((t) => [t.id, t] as const))('template %s survives', (_id, template) => {
    const codebook = must(templateToCodebook(template));
    expect(viaQdc(codebook)).toEqual(codebook.codes);
  });

  test('text that looks like the layout itself survives', () => {
    const tricky = code({
      id: 'tricky',
      name: 'Tricky',
      parentId: 'dim',
      dimension: 'dim',
      definition: '  leading spaces\nInclude: not a label\n\n- not an example\ntrailing newline\n',
      includeNote: 'Id: not-an-id\r\nwith CRLF',
      excludeNote: 'ends in a backslash \\',
      examples: [
        { quote: 'quote with "quotes", \\ and\na line break', postId: 99 },
        { quote: '(post 5)' },
        { quote: 'Ünïcödé ✓ 👍' },
      ],
      shortcut: 'z',
      status: 'deprecated',
    });
    const codebook: Codebook = {
      ...smallCodebook(),
      codes: [code({ id: 'dim', name: 'Dim', codable: false }), tricky],
    };
    expect(viaQdc(codebook)).toEqual(codebook.codes);
  });
});

describe('the shared Description layout', () => {
  const docs = smallCodebook().codes[1] as Code;

  test('reads as plain labelled text', () => {
    expect(encodeDescription(docs)).toBe(
      [
        'Definition: Docs are missing, outdated or unclear.',
        'Include: Model cards, too.',
        'Exclude: API errors.',
        'Examples:',
        '- "The model card says nothing" (post 12)',
        'Id: docs',
        'Shortcut: 1',
      ].join('\n'),
    );
  });

  test.each([
    [
      'free text from another tool is the definition',
      '  Just a note.\nTwo lines.  ',
      { definition: 'Just a note.\nTwo lines.' },
    ],
    [
      'hand-written examples without JSON quotes',
      'Definition: d\nExamples:\n- first one\n  goes on\n- "bad \\u12 escape"',
      {
        definition: 'd',
        examples: [{ quote: 'first one\ngoes on' }, { quote: '"bad \\u12 escape"' }],
      },
    ],
    ['an empty description', '', { definition: '' }],
  ])('%s', (_what, text, expected) => {
    const empty = { definition: '', includeNote: '', excludeNote: '', examples: [] };
    expect(decodeDescription(text)).toEqual({ ...empty, ...expected });
  });
});
