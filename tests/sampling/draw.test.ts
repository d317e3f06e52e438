import { describe, expect, test } from 'vitest';
import { assignUnits } from '../../apps/api/src/sampling/assign.ts';
import { allocate, drawRanks, drawSample } from '../../apps/api/src/sampling/draw.ts';
import { pickRanks } from '../../apps/api/src/sampling/pick-ranks.ts';
import { pickRandom, seededRandom } from '../../apps/api/src/sampling/prng.ts';

const candidates = Array.from({ length: 100 }, (_, i) => ({
  id: i + 1,
  stratum: i < 60 ? '2022' : i < 90 ? '2023' : '2024',
}));

describe('seeded random numbers', () => {
  test('the same seed gives the same sequence, another seed another', () => {
    const a = seededRandom('study-1');
    const b = seededRandom('study-1');
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(seededRandom('study-2')()).not.toBe(first[0]);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  test('pickRandom returns distinct items and leaves its input alone', () => {
    const items = [1, 2, 3, 4, 5];
    const picked = pickRandom(items, 3, seededRandom('x'));
    expect(new Set(picked).size).toBe(3);
    expect(items).toEqual([1, 2, 3, 4, 5]);
    expect(pickRandom(items, 10, seededRandom('x')).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('drawing a sample', () => {
  test('is reproducible from its seed, whatever the input order', () => {
    const one = drawSample(candidates, { size: 20, seed: 'abc', stratified: false });
    const two = drawSample([...candidates].reverse(), { size: 20, seed: 'abc', stratified: false });
    expect(two.ids).toEqual(one.ids);
    expect(new Set(one.ids).size).toBe(20);
    expect(drawSample(candidates, { size: 20, seed: 'abd', stratified: false }).ids).not.toEqual(one.ids);
  });

  test('stratified sampling allocates proportionally to the strata', () => {
    const s = drawSample(candidates, { size: 10, seed: 'abc', stratified: true });
    expect(s.strata).toEqual([
      { stratum: '2022', population: 60, sampled: 6 },
      { stratum: '2023', population: 30, sampled: 3 },
      { stratum: '2024', population: 10, sampled: 1 },
    ]);
    const ids = new Set(s.ids);
    expect(candidates.filter((c) => ids.has(c.id) && c.stratum === '2024')).toHaveLength(1);
  });

  test('a stratified draw picks the same units, whatever the input order (the ids drawn before strata were grouped in one pass)', () => {
    const shuffled = [...candidates].sort((a, b) => ((a.id * 37) % 101) - ((b.id * 37) % 101));
    const s = drawSample(shuffled, { size: 10, seed: 'abc', stratified: true });
    expect(s.ids).toEqual([31, 40, 3, 55, 45, 32, 88, 79, 83, 94]);
  });

  test('largest remainders settle the rounding, and the total is exact', () => {
    // 7 of 3+3+3: quotas 2.33 each → 2, 2, 2, then one more to the first name
    expect([
      ...allocate(
        new Map([
          ['b', 3],
          ['a', 3],
          ['c', 3],
        ]),
        7,
      ),
    ]).toEqual([
      ['b', 2],
      ['a', 3],
      ['c', 2],
    ]);
    expect([...allocate(new Map([['x', 5]]), 50)]).toEqual([['x', 5]]);
  });
});

describe('assigning units to coders', () => {
  const units = Array.from({ length: 10 }, (_, i) => i + 1);

  test('full overlap: every coder codes every unit', () => {
    const a = assignUnits(units, [7, 3], 1, 's');
    expect([...a.values()].every((coders) => coders.join() === '3,7')).toBe(true);
  });

  test('30% overlap: 3 units for both, the other 7 dealt out alternately', () => {
    const a = assignUnits(units, [3, 7], 0.3, 's');
    const shared = [...a.values()].filter((c) => c.length === 2);
    expect(shared).toHaveLength(3);
    const single = [...a.values()].filter((c) => c.length === 1).map((c) => c[0]);
    expect(single.filter((c) => c === 3)).toHaveLength(4);
    expect(single.filter((c) => c === 7)).toHaveLength(3);
    expect(assignUnits(units, [3, 7], 0.3, 's')).toEqual(a);
  });

  test('refuses no coders and an overlap outside [0, 1]', () => {
    expect(() => assignUnits(units, [], 1, 's')).toThrow('A sample needs at least one coder to assign units to.');
    expect(() => assignUnits(units, [1], 1.5, 's')).toThrow('The overlap is a share between 0 and 1.');
  });
});

describe('the draw is pinned (issue #20 made it read ranks, not lists; the samples must not change)', () => {
  // Ids out of order and strata interleaved; the expected ids were drawn by drawSample before the change.
  const mixed = Array.from({ length: 100 }, (_, i) => ({
    id: 1000 - i * 7,
    stratum: ['2022-01', '2022-02', '2023-07'][(i * i) % 3]!,
  }));

  test.each([
    [true, 9, [328, 916, 748, 342, 986, 587, 314, 755, 839]],
    [false, 5, [342, 909, 734, 356, 993]],
  ])('stratified %s, size %i', (stratified, size, expected) => {
    expect(drawSample(mixed, { size, seed: 'pin', stratified }).ids).toEqual(expected);
  });

  test('drawRanks names the places drawSample takes: strata by name, one seeded stream', () => {
    const byStratum = new Map<string, number[]>();
    for (const c of [...mixed].sort((a, b) => a.id - b.id))
      byStratum.set(c.stratum, [...(byStratum.get(c.stratum) ?? []), c.id]);
    const sizes = new Map([...byStratum].reverse().map(([stratum, ids]) => [stratum, ids.length]));
    const { ranks, strata } = drawRanks(sizes, { size: 9, seed: 'pin' });
    expect(strata).toEqual([
      { stratum: '2022-01', population: 34, sampled: 3 },
      { stratum: '2022-02', population: 66, sampled: 6 },
    ]);
    expect([...ranks].flatMap(([stratum, r]) => r.map((rank) => byStratum.get(stratum)![rank]))).toEqual([
      328, 916, 748, 342, 986, 587, 314, 755, 839,
    ]);
  });
});

describe('pickRanks: Fisher–Yates without the array', () => {
  test.each([
    [1, 1, 'a'],
    [5, 3, 'b'],
    [5, 9, 'c'],
    [100, 0, 'd'],
    [100, 100, 'e'],
    [1000, 37, 'f'],
  ])('n %i, k %i: the positions pickRandom takes with the same numbers', (n, k, seed) => {
    const positions = Array.from({ length: n }, (_, i) => i);
    expect(pickRanks(n, k, seededRandom(seed))).toEqual(pickRandom(positions, k, seededRandom(seed)));
  });

  test('uniform: over every equally likely sequence of numbers, each ordered pair of 4 is drawn exactly once', () => {
    // Fisher–Yates reads floor(r · (n − i)); feeding the middle of each of those cells enumerates its 4 · 3 paths.
    const drawn: string[] = [];
    for (let a = 0; a < 4; a++)
      for (let b = 0; b < 3; b++) {
        const numbers = [(a + 0.5) / 4, (b + 0.5) / 3];
        drawn.push(pickRanks(4, 2, () => numbers.shift()!).join(''));
      }
    expect(drawn.sort()).toEqual(['01', '02', '03', '10', '12', '13', '20', '21', '23', '30', '31', '32']);
  });
});
