import { describe, expect, test } from 'vitest';
import { buildTable, codingsFromCoderRows, confusionMatrix } from '@threadcoder/stats';

const _ = null;

describe('confusion matrix', () => {
  const t = buildTable(
    codingsFromCoderRows({
      A: ['x', 'x', 'y', 'y', 'z', _],
      B: ['x', 'y', 'y', 'y', _, 'x'],
      C: ['x', 'x', 'x', 'x', 'x', 'x'],
    }),
  );

  test('rows are the first coder, columns the second, over units both coded', () => {
    expect(confusionMatrix(t, 'A', 'B')).toEqual({
      coderA: 'A',
      coderB: 'B',
      categories: ['x', 'y', 'z'],
      counts: [
        [1, 1, 0],
        [0, 2, 0],
        [0, 0, 0],
      ],
      units: 4,
      onlyA: 1,
      onlyB: 1,
    });
  });

  test('swapping the coders transposes the matrix', () => {
    expect(confusionMatrix(t, 'B', 'A').counts).toEqual([
      [1, 0, 0],
      [1, 2, 0],
      [0, 0, 0],
    ]);
  });

  test('no overlap gives zeros', () => {
    const apart = buildTable(codingsFromCoderRows({ A: ['x', _], B: [_, 'y'] }));
    expect(confusionMatrix(apart, 'A', 'B')).toMatchObject({
      counts: [
        [0, 0],
        [0, 0],
      ],
      units: 0,
      onlyA: 1,
      onlyB: 1,
    });
  });

  test('unknown coders and self-pairs throw', () => {
    expect(() => confusionMatrix(t, 'A', 'Q')).toThrow('unknown coder "Q"');
    expect(() => confusionMatrix(t, 'A', 'A')).toThrow('cannot be paired with itself');
  });
});
