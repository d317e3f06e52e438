// Who codes which unit. A share `overlap` of the sample (rounded) is coded by
// every coder, for agreement; the rest is dealt out one coder per unit in turn,
// so the workload differs by at most one unit. Which units overlap is random
// (from the same seed), not the first ones drawn.
import { pickRandom, seededRandom } from './prng.ts';

export function assignUnits(
  unitIds: readonly number[],
  coderIds: readonly number[],
  overlap: number,
  seed: string,
): Map<number, number[]> {
  if (coderIds.length === 0) throw new RangeError('A sample needs at least one coder to assign units to.');
  if (!(overlap >= 0 && overlap <= 1)) throw new RangeError('The overlap is a share between 0 and 1.');
  const random = seededRandom(`${seed}:assign`);
  const shuffled = pickRandom(unitIds, unitIds.length, random);
  const shared = Math.round(overlap * unitIds.length);
  const coders = [...coderIds].sort((a, b) => a - b);
  const out = new Map<number, number[]>();
  shuffled.forEach((unitId, index) => {
    out.set(unitId, index < shared ? coders : [coders[(index - shared) % coders.length]!]);
  });
  return out;
}
