import { describe, expect, test } from 'vitest';
import { addCode, deprecateCode, moveCode, restoreCode, updateCode, type Codebook } from '@threadcoder/taxonomy';
import { META, errorCodes, must, smallCodebook } from './fixtures.ts';

const shape = (codebook: Codebook) => codebook.codes.map((c) => `${c.parentId ?? '-'}/${c.position}/${c.id}`);

describe('addCode', () => {
  test('makes the next version with who, when and why, and puts the code where asked', () => {
    const { codebook, change } = must(
      addCode(smallCodebook(), { id: 'cuda', name: 'CUDA errors', parentId: 'memory', position: 0 }, META),
    );
    expect(change).toEqual({
      version: 2,
      kind: 'add',
      codeIds: ['cuda'],
      mappings: [],
      by: 7,
      at: '2026-03-01T10:00:00.000Z',
      why: 'Calibration round 1',
    });
    expect(codebook.version).toBe(2);
    expect(shape(codebook).slice(2, 5)).toEqual(['challenge/1/memory', 'memory/0/cuda', 'memory/1/oom']);
    const cuda = codebook.codes.find((c) => c.id === 'cuda');
    expect(cuda).toMatchObject({
      dimension: 'challenge',
      codable: true,
      status: 'active',
      shortcut: null,
      definition: '',
    });
    expect(codebook.codes.filter((c) => c.color === cuda?.color)).toHaveLength(1);
  });

  test('a root code is a dimension and not codable', () => {
    const { codebook } = must(addCode(smallCodebook(), { id: 'trend', name: 'Trend', parentId: null }, META));
    expect(codebook.codes.at(-1)).toMatchObject({
      id: 'trend',
      parentId: null,
      position: 2,
      dimension: 'trend',
      codable: false,
    });
  });

  test('leaves the input untouched', () => {
    const before = smallCodebook();
    addCode(before, { id: 'cuda', name: 'CUDA', parentId: 'memory' }, META);
    expect(before).toEqual(smallCodebook());
  });

  test.each([
    ['a taken id', { id: 'oom', name: 'Other', parentId: 'memory' }, META, 'codebook.duplicate_id'],
    ['a sibling name', { id: 'x', name: 'out of memory', parentId: 'memory' }, META, 'codebook.duplicate_name'],
    ['an unknown parent', { id: 'x', name: 'X', parentId: 'nowhere' }, META, 'codebook.missing_parent'],
    [
      'a taken shortcut',
      { id: 'x', name: 'X', parentId: 'memory', shortcut: '1' },
      META,
      'codebook.duplicate_shortcut',
    ],
    ['no reason given', { id: 'x', name: 'X', parentId: 'memory' }, { ...META, why: '  ' }, 'edit.invalid_meta'],
    ['a bad timestamp', { id: 'x', name: 'X', parentId: 'memory' }, { ...META, at: 'yesterday' }, 'edit.invalid_meta'],
  ])('refuses %s', (_what, input, meta, code) => {
    expect(errorCodes(addCode(smallCodebook(), input, meta))).toEqual([code]);
  });
});

describe('updateCode', () => {
  test('a rename keeps the id and the place', () => {
    const { codebook, change } = must(updateCode(smallCodebook(), 'docs', { name: 'Docs and tutorials' }, META));
    expect(codebook.codes[1]).toMatchObject({
      id: 'docs',
      name: 'Docs and tutorials',
      parentId: 'challenge',
      position: 0,
    });
    expect(change.kind).toBe('update');
  });

  test.each([
    ['an unknown code', 'nope', { name: 'X' }, 'edit.unknown_code'],
    ['a change that changes nothing', 'docs', { name: 'Documentation gaps' }, 'edit.no_change'],
    ['a bad color', 'docs', { color: 'red' }, 'codebook.invalid_field'],
    ['a codable dimension', 'challenge', { codable: true }, 'codebook.codable_dimension'],
  ])('refuses %s', (_what, id, patch, code) => {
    expect(errorCodes(updateCode(smallCodebook(), id, patch, META))).toEqual([code]);
  });
});

describe('moveCode', () => {
  test('reorders among siblings', () => {
    const { codebook } = must(moveCode(smallCodebook(), 'memory', { parentId: 'challenge', position: 0 }, META));
    expect(shape(codebook).slice(0, 4)).toEqual([
      '-/0/challenge',
      'challenge/0/memory',
      'memory/0/oom',
      'challenge/1/docs',
    ]);
  });

  test('reparents the subtree into another dimension, which follows', () => {
    const { codebook, change } = must(moveCode(smallCodebook(), 'memory', { parentId: 'benefit', position: 1 }, META));
    expect(shape(codebook)).toEqual([
      '-/0/challenge',
      'challenge/0/docs',
      '-/1/benefit',
      'benefit/0/reuse',
      'benefit/1/memory',
      'memory/0/oom',
      'benefit/2/old',
    ]);
    expect(codebook.codes.find((c) => c.id === 'oom')?.dimension).toBe('benefit');
    expect(change).toMatchObject({ kind: 'move', codeIds: ['memory'] });
  });

  test.each([
    ['under itself', 'memory', { parentId: 'memory' }, 'edit.cycle'],
    ['under its own child', 'memory', { parentId: 'oom' }, 'edit.cycle'],
    ['to an unknown parent', 'memory', { parentId: 'nope' }, 'edit.unknown_code'],
    ['to where it already is', 'docs', { parentId: 'challenge', position: 0 }, 'edit.no_change'],
    ['a codable code to the root', 'docs', { parentId: null }, 'codebook.codable_dimension'],
  ])('refuses moving %s', (_what, id, target, code) => {
    expect(errorCodes(moveCode(smallCodebook(), id, target, META))).toEqual([code]);
  });
});

describe('deprecateCode and restoreCode', () => {
  test('deprecating keeps the code in place; restoring undoes it', () => {
    const deprecated = must(deprecateCode(smallCodebook(), 'docs', META));
    expect(deprecated.codebook.codes[1]).toMatchObject({ id: 'docs', status: 'deprecated', position: 0 });
    expect(deprecated.change.kind).toBe('deprecate');
    const restored = must(restoreCode(deprecated.codebook, 'docs', META));
    expect(restored.codebook.codes).toEqual(smallCodebook().codes);
    expect(restored.codebook.version).toBe(3);
  });

  test('refuses to deprecate twice', () => {
    expect(errorCodes(deprecateCode(smallCodebook(), 'old', META))).toEqual(['edit.no_change']);
  });
});
