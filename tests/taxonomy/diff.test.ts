import { describe, expect, test } from 'vitest';
import {
  addCode,
  deprecateCode,
  diffCodebooks,
  isEmptyDiff,
  mergeCodes,
  moveCode,
  updateCode,
} from '@threadcoder/taxonomy';
import { META, must, smallCodebook } from './fixtures.ts';

describe('diffCodebooks', () => {
  test('the same codebook has an empty diff', () => {
    expect(isEmptyDiff(diffCodebooks(smallCodebook(), smallCodebook()))).toBe(true);
  });

  test('lists added, removed, renamed, moved and changed codes', () => {
    let codebook = smallCodebook();
    codebook = must(updateCode(codebook, 'docs', { name: 'Docs', definition: 'Short.' }, META)).codebook;
    codebook = must(moveCode(codebook, 'oom', { parentId: 'challenge', position: 0 }, META)).codebook;
    codebook = must(
      mergeCodes(codebook, { from: ['reuse', 'old'], into: { id: 'saves-time', name: 'Saves time' } }, META),
    ).codebook;
    codebook = must(deprecateCode(codebook, 'memory', META)).codebook;
    const diff = diffCodebooks(smallCodebook(), codebook);
    expect(diff.added).toEqual([{ id: 'saves-time', name: 'Saves time', parentId: 'benefit' }]);
    expect(diff.removed).toEqual([
      { id: 'reuse', name: 'Reuse saves time', parentId: 'benefit' },
      { id: 'old', name: 'Old code', parentId: 'benefit' },
    ]);
    expect(diff.renamed).toEqual([{ id: 'docs', from: 'Documentation gaps', to: 'Docs' }]);
    expect(diff.moved).toEqual([
      {
        id: 'oom',
        name: 'Out of memory',
        fromParentId: 'memory',
        toParentId: 'challenge',
        fromPosition: 0,
        toPosition: 0,
      },
    ]);
    expect(diff.changed).toEqual([
      {
        id: 'docs',
        name: 'Docs',
        fields: [{ field: 'definition', from: 'Docs are missing, outdated or unclear.', to: 'Short.' }],
      },
      { id: 'memory', name: 'Memory, performance', fields: [{ field: 'status', from: 'active', to: 'deprecated' }] },
    ]);
  });

  test('inserting a code does not report its younger siblings as moved', () => {
    const after = must(
      addCode(smallCodebook(), { id: 'first', name: 'First', parentId: 'challenge', position: 0 }, META),
    ).codebook;
    const diff = diffCodebooks(smallCodebook(), after);
    expect(diff.added.map((a) => a.id)).toEqual(['first']);
    expect(diff.moved).toEqual([]);
  });

  test('moving one sibling to the front reports only that sibling', () => {
    const after = must(moveCode(smallCodebook(), 'old', { parentId: 'benefit', position: 0 }, META)).codebook;
    expect(diffCodebooks(smallCodebook(), after).moved).toEqual([
      { id: 'old', name: 'Old code', fromParentId: 'benefit', toParentId: 'benefit', fromPosition: 1, toPosition: 0 },
    ]);
  });
});
