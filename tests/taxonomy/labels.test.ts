import { describe, expect, test } from 'vitest';
import { checkLabels } from '@threadcoder/taxonomy';
import { errorCodes, smallCodebook } from './fixtures.ts';

describe('checkLabels', () => {
  test.each([
    ['one codable code, single mode', ['docs'], 'single', []],
    ['two codes, multi mode', ['docs', 'reuse'], 'multi', []],
    ['nothing at all (a memo-only coding)', [], 'single', []],
    ['two codes in single mode', ['docs', 'reuse'], 'single', ['labels.too_many']],
    ['an unknown code', ['nope'], 'multi', ['labels.unknown_code']],
    ['a dimension', ['challenge'], 'multi', ['labels.not_codable']],
    ['a grouping code', ['memory'], 'multi', ['labels.not_codable']],
    ['a deprecated code', ['old'], 'multi', ['labels.deprecated']],
    ['the same code twice', ['docs', 'docs'], 'multi', ['labels.duplicate']],
    [
      'several problems at once',
      ['docs', 'nope', 'old'],
      'single',
      ['labels.too_many', 'labels.unknown_code', 'labels.deprecated'],
    ],
  ] as const)('%s', (_case, ids, mode, expected) => {
    expect(errorCodes(checkLabels(smallCodebook(), ids, mode))).toEqual(expected);
  });

  test('a code under a deprecated parent is refused, and the message says why', () => {
    const base = smallCodebook();
    const codebook = {
      ...base,
      codes: base.codes.map((c) => (c.id === 'memory' ? { ...c, status: 'deprecated' as const } : c)),
    };
    const result = checkLabels(codebook, ['oom'], 'multi');
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          code: 'labels.deprecated',
          message: '"Out of memory" lies under the deprecated "Memory, performance" and can no longer be applied.',
          where: { codeId: 'oom', field: 'codeIds[0]' },
        },
      ],
    });
  });

  test('a valid set comes back as given', () => {
    expect(checkLabels(smallCodebook(), ['reuse', 'oom'], 'multi')).toEqual({
      ok: true,
      value: ['reuse', 'oom'],
      warnings: [],
    });
  });
});
