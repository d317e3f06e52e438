import { describe, expect, test } from 'vitest';
import { addCode, mergeCodes, splitCode, type Codebook } from '@threadcoder/taxonomy';
import { META, errorCodes, must, smallCodebook } from './fixtures.ts';

const shape = (codebook: Codebook) => codebook.codes.map((c) => `${c.parentId ?? '-'}/${c.position}/${c.id}`);

describe('mergeCodes', () => {
  test("A and B into a new C: C takes A's place, gets their children and quotes, and the mapping is recorded", () => {
    const { codebook, change } = must(
      mergeCodes(
        smallCodebook(),
        {
          from: ['docs', 'memory'],
          into: { id: 'usage', name: 'Usage problems', definition: 'Anything that blocks use.' },
        },
        META,
      ),
    );
    expect(shape(codebook)).toEqual([
      '-/0/challenge',
      'challenge/0/usage',
      'usage/0/oom',
      '-/1/benefit',
      'benefit/0/reuse',
      'benefit/1/old',
    ]);
    expect(codebook.codes[1]?.examples).toEqual([{ quote: 'The model card says nothing', postId: 12 }]);
    expect(change).toMatchObject({
      version: 2,
      kind: 'merge',
      codeIds: ['docs', 'memory', 'usage'],
      mappings: [{ kind: 'merge', from: ['docs', 'memory'], to: ['usage'] }],
    });
  });

  test("A into B, where B is one of them: B keeps its id and fields and adopts A's children", () => {
    const { codebook, change } = must(mergeCodes(smallCodebook(), { from: ['memory', 'docs'], into: 'docs' }, META));
    expect(shape(codebook)).toEqual([
      '-/0/challenge',
      'challenge/0/docs',
      'docs/0/oom',
      '-/1/benefit',
      'benefit/0/reuse',
      'benefit/1/old',
    ]);
    expect(codebook.codes[1]).toMatchObject({ name: 'Documentation gaps', shortcut: '1' });
    expect(change.mappings).toEqual([{ kind: 'merge', from: ['memory', 'docs'], to: ['docs'] }]);
  });

  test('into an existing code outside the list, across dimensions', () => {
    const { codebook, change } = must(mergeCodes(smallCodebook(), { from: ['oom'], into: 'reuse' }, META));
    expect(codebook.codes.some((c) => c.id === 'oom')).toBe(false);
    expect(change.mappings).toEqual([{ kind: 'merge', from: ['oom'], to: ['reuse'] }]);
  });

  test.each([
    ['one code into itself', { from: ['docs'], into: 'docs' }, 'edit.merge_too_few'],
    ['an unknown code', { from: ['docs', 'nope'], into: 'docs' }, 'edit.unknown_code'],
    ['an unknown target', { from: ['docs', 'oom'], into: 'nope' }, 'edit.unknown_code'],
    ['into a child of a merged code', { from: ['memory', 'docs'], into: 'oom' }, 'edit.merge_target_inside'],
    ['into a deprecated code', { from: ['reuse'], into: 'old' }, 'edit.merge_into_deprecated'],
    [
      'into a new code with the id of a code outside the merge',
      { from: ['docs', 'oom'], into: { id: 'reuse', name: 'New' } },
      'codebook.duplicate_id',
    ],
    [
      'into a new code with a taken name',
      { from: ['docs', 'oom'], into: { id: 'new', name: 'Memory, performance' } },
      'codebook.duplicate_name',
    ],
  ])('refuses %s', (_what, input, code) => {
    expect(errorCodes(mergeCodes(smallCodebook(), input, META))).toEqual([code]);
  });
});

describe('splitCode', () => {
  test("A into A1/A2: the parts take A's place in order and the mapping is recorded", () => {
    const { codebook, change } = must(
      splitCode(
        smallCodebook(),
        {
          id: 'docs',
          into: [
            { id: 'docs-missing', name: 'Missing docs' },
            { id: 'docs-outdated', name: 'Outdated docs' },
          ],
        },
        META,
      ),
    );
    expect(shape(codebook).slice(0, 4)).toEqual([
      '-/0/challenge',
      'challenge/0/docs-missing',
      'challenge/1/docs-outdated',
      'challenge/2/memory',
    ]);
    expect(change).toMatchObject({
      kind: 'split',
      codeIds: ['docs', 'docs-missing', 'docs-outdated'],
      mappings: [{ kind: 'split', from: ['docs'], to: ['docs-missing', 'docs-outdated'] }],
    });
    const [a1, a2] = codebook.codes.slice(1, 3);
    expect(a1?.color).not.toBe(a2?.color);
  });

  test("A may stay as one part; A's children go to the part named", () => {
    const { codebook } = must(
      splitCode(
        smallCodebook(),
        {
          id: 'memory',
          into: [
            { id: 'memory', name: 'Memory' },
            { id: 'speed', name: 'Speed', codable: false },
          ],
          childrenTo: 'speed',
        },
        META,
      ),
    );
    expect(shape(codebook).slice(1, 5)).toEqual([
      'challenge/0/docs',
      'challenge/1/memory',
      'challenge/2/speed',
      'speed/0/oom',
    ]);
    expect(codebook.codes.find((c) => c.id === 'memory')).toMatchObject({ name: 'Memory', color: '#FF7F0E' });
  });

  test.each([
    ['into one part', { id: 'docs', into: [{ id: 'a', name: 'A' }] }, 'edit.split_too_few'],
    [
      'into parts with one id',
      {
        id: 'docs',
        into: [
          { id: 'a', name: 'A' },
          { id: 'a', name: 'B' },
        ],
      },
      'edit.split_too_few',
    ],
    [
      'children to a code that is not a part',
      {
        id: 'memory',
        into: [
          { id: 'a', name: 'A' },
          { id: 'b', name: 'B' },
        ],
        childrenTo: 'docs',
      },
      'edit.split_heir',
    ],
    [
      'an unknown code',
      {
        id: 'nope',
        into: [
          { id: 'a', name: 'A' },
          { id: 'b', name: 'B' },
        ],
      },
      'edit.unknown_code',
    ],
    [
      'into a taken id',
      {
        id: 'docs',
        into: [
          { id: 'a', name: 'A' },
          { id: 'oom', name: 'B' },
        ],
      },
      'codebook.duplicate_id',
    ],
  ])('refuses splitting %s', (_what, input, code) => {
    expect(errorCodes(splitCode(smallCodebook(), input, META))).toEqual([code]);
  });
});

test('versions count up across a chain of edits', () => {
  const added = must(addCode(smallCodebook(), { id: 'cuda', name: 'CUDA', parentId: 'memory' }, META));
  const merged = must(
    mergeCodes(added.codebook, { from: ['cuda', 'oom'], into: 'oom' }, { ...META, why: 'Same thing' }),
  );
  const split = must(
    splitCode(
      merged.codebook,
      {
        id: 'oom',
        into: [
          { id: 'gpu-oom', name: 'GPU OOM' },
          { id: 'cpu-oom', name: 'CPU OOM' },
        ],
      },
      META,
    ),
  );
  expect([added, merged, split].map((e) => [e.change.version, e.change.kind, e.change.why])).toEqual([
    [2, 'add', 'Calibration round 1'],
    [3, 'merge', 'Same thing'],
    [4, 'split', 'Calibration round 1'],
  ]);
});
