import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_TEMPLATE_ID,
  SHORTCUT_KEYS,
  checkLabels,
  reportedCounts,
  reportedTotals,
  templateFileSchema,
  templateToCodebook,
  validateCodebook,
} from '@threadcoder/taxonomy';
import { errorCodes, must } from './fixtures.ts';

// The shipped file is read here, in the test: the library itself does no I/O.
const path = fileURLToPath(new URL('../../data/templates/taxonomy-templates.json', import.meta.url));
const file = templateFileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));

describe('shipped templates', () => {
  test('the file holds templates, the Hugging Face forum one among them', () => {
    expect(file.templates.map((t) => t.id)).toContain(DEFAULT_TEMPLATE_ID);
  });

  test.each(file.templates.map((t) => [t.id, t] as const))('%s loads and validates', (_id, template) => {
    const codebook = must(templateToCodebook(template));
    expect(validateCodebook(codebook)).toEqual([]);
    expect(codebook.templateId).toBe(template.id);
    expect(codebook.version).toBe(1);
    expect(codebook.codes).toHaveLength(template.dimensions.length + template.codes.length);
    const colors = codebook.codes.map((c) => c.color);
    expect(new Set(colors).size).toBe(colors.length);
    const dimensions = codebook.codes.filter((c) => c.parentId === null);
    expect(dimensions.map((d) => d.id)).toEqual(template.dimensions.map((d) => d.id));
    expect(dimensions.every((d) => !d.codable && d.shortcut === null)).toBe(true);
    const codable = codebook.codes.filter((c) => c.codable);
    expect(codable.map((c) => c.shortcut)).toEqual(codable.map((_, i) => SHORTCUT_KEYS[i] ?? null));
  });
});

describe('the complete Hugging Face forum template (SANER 2024 replication package)', () => {
  const template = file.templates.find((t) => t.id === DEFAULT_TEMPLATE_ID)!;
  const codebook = must(templateToCodebook(template));
  const categories = template.codes.filter((c) => c.parent === undefined);

  test('holds 84 codes: 23 categories (17 challenge, 6 benefit) and 61 sub-categories', () => {
    expect(template.codes).toHaveLength(84);
    expect(categories).toHaveLength(23);
    expect(categories.filter((c) => c.dimension === 'challenge')).toHaveLength(17);
    expect(categories.filter((c) => c.dimension === 'benefit')).toHaveLength(6);
    expect(template.codes.filter((c) => c.parent !== undefined)).toHaveLength(61);
  });

  test('every category carries its reported count, summing to 737 challenges and 514 benefits', () => {
    expect(reportedCounts(template).map((r) => r.codeId)).toEqual(categories.map((c) => c.id));
    expect(reportedTotals(template)).toEqual({ challenge: 737, benefit: 514 });
    expect(reportedCounts(template)[0]).toEqual({
      codeId: 'model-usage-and-understanding',
      dimension: 'challenge',
      name: 'Model Usage and Understanding',
      count: 106,
    });
  });

  test('categories are codable themselves, so a unit no sub-category fits can take its category', () => {
    const byId = new Map(codebook.codes.map((c) => [c.id, c]));
    expect(categories.every((c) => byId.get(c.id)?.codable === true)).toBe(true);
    expect(byId.get('training-pipeline-tokenization')?.parentId).toBe('training-pipeline');
  });

  test('cites the study', () => {
    expect(template.source).toMatch(/^Taraghi, Dorcelus, Foundjem, Tambon, Khomh: Deep Learning Model Reuse/);
    expect(template.source).toContain('SANER 2024');
  });
});

describe('templateToCodebook', () => {
  const tiny = {
    id: 'tiny',
    name: 'Tiny',
    source: 'A test',
    dimensions: [
      { id: 'challenge', name: 'Challenge' },
      { id: 'benefit', name: 'Benefit' },
    ],
    codes: [
      { id: 'docs', dimension: 'challenge', name: 'Docs', definition: 'Docs are missing.' },
      { id: 'speed', dimension: 'benefit', name: 'Speed', definition: 'Faster work.' },
      { id: 'model-cards', dimension: 'challenge', name: 'Model cards', definition: 'Cards are thin.', parent: 'docs' },
    ],
  };

  test('puts dimensions first, nests codes under parent or dimension, and keeps template order', () => {
    const codebook = must(templateToCodebook(tiny));
    expect(codebook.codes.map((c) => [c.id, c.parentId, c.position, c.dimension, c.shortcut])).toEqual([
      ['challenge', null, 0, 'challenge', null],
      ['docs', 'challenge', 0, 'challenge', '1'],
      ['model-cards', 'docs', 0, 'challenge', '2'],
      ['benefit', null, 1, 'benefit', null],
      ['speed', 'benefit', 0, 'benefit', '3'],
    ]);
    expect(codebook.name).toBe('Tiny');
    expect(codebook.description).toBe('A test');
  });

  test('shortcuts run 1-9 then a-z without j, k, u, m, q, and stop when keys run out', () => {
    expect(SHORTCUT_KEYS.join('')).toBe('123456789abcdefghilnoprstvwxyz');
    const many = {
      ...tiny,
      codes: Array.from({ length: 33 }, (_, i) => ({
        id: `c${i}`,
        dimension: 'challenge',
        name: `Code ${i}`,
        definition: '',
      })),
    };
    const shortcuts = must(templateToCodebook(many))
      .codes.filter((c) => c.codable)
      .map((c) => c.shortcut);
    expect(shortcuts.slice(8, 12)).toEqual(['9', 'a', 'b', 'c']);
    expect(shortcuts.slice(28)).toEqual(['y', 'z', null, null, null]);
  });

  test('a dimension from the template cannot be coded', () => {
    const codebook = must(templateToCodebook(tiny));
    expect(errorCodes(checkLabels(codebook, ['challenge'], 'multi'))).toEqual(['labels.not_codable']);
  });

  test.each([
    [
      'an unknown dimension',
      { ...tiny, codes: [{ id: 'x', dimension: 'nope', name: 'X', definition: '' }] },
      'template.unknown_dimension',
    ],
    [
      'a parent in another dimension',
      { ...tiny, codes: [...tiny.codes, { id: 'x', dimension: 'benefit', name: 'X', definition: '', parent: 'docs' }] },
      'template.dimension_mismatch',
    ],
    [
      'a code id equal to a dimension id',
      { ...tiny, codes: [{ id: 'benefit', dimension: 'challenge', name: 'X', definition: '' }] },
      'codebook.duplicate_id',
    ],
    [
      'a missing name field',
      { ...tiny, codes: [{ id: 'x', dimension: 'challenge', definition: '' }] },
      'template.invalid',
    ],
    [
      'two codes with one name',
      { ...tiny, codes: [...tiny.codes, { id: 'docs2', dimension: 'challenge', name: 'Docs', definition: '' }] },
      'codebook.duplicate_name',
    ],
  ])('refuses %s', (_what, template, code) => {
    expect(errorCodes(templateToCodebook(template))).toContain(code);
  });
});
