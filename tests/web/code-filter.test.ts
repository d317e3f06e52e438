import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templateFileSchema, templateToCodebook } from '@threadcoder/taxonomy';
import { describe, expect, test } from 'vitest';
import { foldText, matchScore } from '../../apps/web/src/features/coding/code-filter.ts';
import { codeGroups, shownCodes, topMatch } from '../../apps/web/src/features/coding/codebook-tree.ts';

// The coding screen's type-to-filter on the shipped 84-code Hugging Face forum codebook.
const file = templateFileSchema.parse(
  JSON.parse(readFileSync(join(import.meta.dirname, '../../data/templates/taxonomy-templates.json'), 'utf8')),
);
const made = templateToCodebook(file.templates.find((t) => t.id === 'hf-forum-ptm-reuse'));
if (!made.ok) throw new Error('the shipped template does not convert');
const codes = made.value.codes;

describe('foldText', () => {
  test('drops case, accents and punctuation', () => {
    expect(foldText('  Ónboarding: Loading/Saving & Co. ')).toBe('onboarding loading saving co');
  });
});

describe('matchScore', () => {
  const tokenization = { id: 'tp-tok', name: 'Tokenization', definition: 'Splitting text.', shortcut: null };
  test.each([
    ['', 1],
    ['tok', 14],
    ['TOKÉN', 14],
    ['ization', 3],
    ['pipe tok', 6],
    ['split', 1],
    ['tok nothing', 0],
  ])('%j scores %i', (query, score) => {
    expect(matchScore(tokenization, query, 'Training Pipeline')).toBe(score);
  });
  test('a shortcut typed alone wins', () => {
    expect(matchScore({ ...tokenization, shortcut: '7' }, '7')).toBe(100);
  });
});

describe('the filter on the complete template', () => {
  test.each([
    ['tokeniz', 'training-pipeline-tokenization'],
    ['colab google', 'external-platforms-and-libraries-google-colab'],
    ['onnx', 'model-usage-and-understanding-model-converting-onnx-library'],
    ['ONBOÁRDING', 'onboarding'],
    ['memory', 'memory-and-performance'],
    ['thanks sol', 'acknowledgement-of-help-thanks-for-solution'],
    ['pric', 'website-and-pricing-pricing'],
  ])('%j puts %s on top, for Enter to apply', (query, id) => {
    expect(topMatch(codeGroups(codes, [], query))?.id).toBe(id);
  });

  test('sub-codes are listed under their category, which is marked as a category one can apply', () => {
    const items = codeGroups(codes, [], 'Loading/Saving').flatMap((g) => g.items);
    expect(items.map((i) => [i.code.id, i.heading, i.category])).toEqual([
      ['model-usage-and-understanding', true, true],
      ['model-usage-and-understanding-loading-saving-models', false, false],
      ['dataset-acquisition-and-usage', false, true],
      ['dataset-acquisition-and-usage-loading-saving-datasets', false, false],
    ]);
    const all = codeGroups(codes, []).flatMap((g) => g.items);
    expect(all.filter((i) => i.category)).toHaveLength(15);
    expect(shownCodes(codeGroups(codes, []))).toHaveLength(84);
  });
});
