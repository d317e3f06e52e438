import { describe, expect, test } from 'vitest';
import { checkCodebook, validCodebookSchema, validateCodebook, type Code, type Codebook } from '@threadcoder/taxonomy';
import { code, smallCodebook } from './fixtures.ts';

/** The small codebook with one code replaced (by id) or added. */
function withCode(changed: Code): Codebook {
  const base = smallCodebook();
  const exists = base.codes.some((c) => c.id === changed.id);
  return {
    ...base,
    codes: exists ? base.codes.map((c) => (c.id === changed.id ? changed : c)) : [...base.codes, changed],
  };
}
const docs = smallCodebook().codes[1] as Code;

describe('validateCodebook', () => {
  test('the small codebook is valid', () => {
    expect(validateCodebook(smallCodebook())).toEqual([]);
  });

  test.each([
    [
      'duplicate id',
      {
        ...smallCodebook(),
        codes: [...smallCodebook().codes, { ...docs, id: 'oom', name: 'Another', shortcut: null, position: 5 }],
      },
      'codebook.duplicate_id',
      'oom',
      'codes[7].id',
    ],
    [
      'invalid id',
      withCode(code({ id: 'has space', name: 'X', parentId: 'challenge', position: 5, dimension: 'challenge' })),
      'codebook.invalid_id',
      'has space',
      'codes[7].id',
    ],
    ['missing name', withCode({ ...docs, name: '  ' }), 'codebook.missing_name', 'docs', 'codes[1].name'],
    [
      'name with a line break',
      withCode({ ...docs, name: 'Two\nlines' }),
      'codebook.invalid_name',
      'docs',
      'codes[1].name',
    ],
    [
      'same name as a sibling',
      withCode({ ...docs, name: 'memory, PERFORMANCE ' }),
      'codebook.duplicate_name',
      'memory',
      'codes[2].name',
    ],
    [
      'missing parent',
      withCode({ ...docs, parentId: 'nowhere' }),
      'codebook.missing_parent',
      'docs',
      'codes[1].parentId',
    ],
    ['own parent', withCode({ ...docs, parentId: 'docs' }), 'codebook.cycle', 'docs', 'codes[1].parentId'],
    [
      'color not #RRGGBB',
      withCode({ ...docs, color: 'rgb(1,2,3)' }),
      'codebook.invalid_color',
      'docs',
      'codes[1].color',
    ],
    ['short color', withCode({ ...docs, color: '#abc' }), 'codebook.invalid_color', 'docs', 'codes[1].color'],
    [
      'shortcut of two keys',
      withCode({ ...docs, shortcut: '12' }),
      'codebook.invalid_shortcut',
      'docs',
      'codes[1].shortcut',
    ],
    [
      'shortcut the coding screen keeps',
      withCode({ ...docs, shortcut: 'j' }),
      'codebook.reserved_shortcut',
      'docs',
      'codes[1].shortcut',
    ],
    [
      'shortcut used twice',
      withCode({ ...docs, shortcut: '2' }),
      'codebook.duplicate_shortcut',
      'oom',
      'codes[3].shortcut',
    ],
    [
      'codable dimension',
      withCode({ ...(smallCodebook().codes[0] as Code), codable: true }),
      'codebook.codable_dimension',
      'challenge',
      'codes[0].codable',
    ],
    [
      'wrong dimension',
      withCode({ ...docs, dimension: 'benefit' }),
      'codebook.wrong_dimension',
      'docs',
      'codes[1].dimension',
    ],
    [
      'two codes at one position',
      withCode({ ...docs, position: 1 }),
      'codebook.duplicate_position',
      'memory',
      'codes[2].position',
    ],
  ])('%s', (_case, codebook, errorCode, codeId, field) => {
    expect(validateCodebook(codebook).map((each) => [each.code, each.where.codeId, each.where.field])).toEqual([
      [errorCode, codeId, field],
    ]);
  });

  test('a cycle of two is reported once, naming both codes, and codes below it are not blamed', () => {
    const base = smallCodebook();
    const codes = base.codes.map((c) => (c.id === 'memory' ? { ...c, parentId: 'oom' } : c));
    const issues = validateCodebook({ ...base, codes });
    expect(issues).toEqual([
      {
        code: 'codebook.cycle',
        message: 'Codes "memory" → "oom" are each other\'s ancestors.',
        where: { codeId: 'memory', field: 'codes[2].parentId' },
      },
    ]);
  });

  test('an empty codebook is refused: there is nothing to code with', () => {
    expect(validateCodebook({ ...smallCodebook(), codes: [] }).map((i) => i.code)).toEqual(['codebook.empty']);
  });

  test('messages name the code and the clash', () => {
    const [first] = validateCodebook(withCode({ ...docs, shortcut: '2' }));
    expect(first?.message).toBe('Codes "docs" and "oom" share the shortcut "2".');
  });
});

describe('checkCodebook and validCodebookSchema', () => {
  test('shape errors come with the field path and code id', () => {
    const bad = { ...smallCodebook(), codes: [{ ...docs, examples: [{ quote: '' }] }] };
    const result = checkCodebook(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]?.where).toEqual({ field: 'codes[0].examples[0].quote', codeId: 'docs' });
  });

  test('the zod schema carries the semantic rules, with paths the API can report', () => {
    const parsed = validCodebookSchema.safeParse(withCode({ ...docs, shortcut: 'k' }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path)).toEqual([['codes', 1, 'shortcut']]);
  });
});
