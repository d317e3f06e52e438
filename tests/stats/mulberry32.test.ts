import { mulberry32, pickRandom, shuffledIndexes } from '@threadcoder/stats';
import { expect, test } from 'vitest';

// Recorded seeds (sample draws, suggestion folds) must give the same stream forever: these pin it.
test('mulberry32(42) starts with the same three numbers on every platform', () => {
  const next = mulberry32(42);
  expect([next(), next(), next()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
});

test('a seed is taken modulo 2^32', () => {
  const a = mulberry32(-1);
  const b = mulberry32(2 ** 32 - 1);
  expect([a(), a()]).toEqual([b(), b()]);
});

test('pickRandom takes k distinct items; shuffledIndexes is the same shuffle of 0..n-1', () => {
  expect(pickRandom([1, 2, 3, 4, 5, 6], 3, mulberry32(7))).toEqual([1, 2, 6]);
  expect(shuffledIndexes(6, mulberry32(7))).toEqual([0, 1, 5, 2, 3, 4]);
  expect(pickRandom(['a', 'b'], 5, mulberry32(1)).sort()).toEqual(['a', 'b']);
});
