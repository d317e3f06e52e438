// Drawing a sample of units from the study's population: simple random, or
// stratified with proportional allocation (largest-remainder rounding, so the
// strata add up to exactly n). The draw picks places (ranks) in each stratum's
// canonical order, so the same population, size and seed always give the same
// sample: by id for drawSample, by thread, month, date and id for a study's
// population (db/population-cells.ts), which is id order where posts were
// imported thread by thread.
import { pickRanks } from './pick-ranks.ts';
import { seededRandom } from './prng.ts';

export interface Candidate {
  id: number;
  stratum: string;
}

export interface DrawPlan {
  size: number;
  seed: string;
  stratified: boolean;
}

export interface StratumCount {
  stratum: string;
  population: number;
  sampled: number;
}

export function allocate(sizes: Map<string, number>, n: number): Map<string, number> {
  const total = [...sizes.values()].reduce((a, b) => a + b, 0);
  const take = Math.min(n, total);
  const quotas = [...sizes].map(([stratum, size]) => {
    const exact = total === 0 ? 0 : (take * size) / total;
    return { stratum, floor: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = take - quotas.reduce((a, q) => a + q.floor, 0);
  // Ties in the remainder go to the stratum whose name sorts first, for reproducibility.
  for (const q of [...quotas].sort((a, b) => b.rest - a.rest || a.stratum.localeCompare(b.stratum))) {
    if (left === 0) break;
    q.floor++;
    left--;
  }
  return new Map(quotas.map((q) => [q.stratum, q.floor]));
}

/**
 * Which ranks to take from each stratum, given only the strata's sizes: the quotas by proportional
 * allocation, then each stratum's picks (strata in name order, one seeded stream). A rank is a
 * place in the stratum's canonical order, so the caller reads only the units drawn.
 */
export function drawRanks(
  sizes: ReadonlyMap<string, number>,
  plan: Omit<DrawPlan, 'stratified'>,
): { ranks: Map<string, number[]>; strata: StratumCount[] } {
  const random = seededRandom(plan.seed);
  const names = [...sizes.keys()].sort();
  const quotas = allocate(new Map(names.map((s) => [s, sizes.get(s)!])), plan.size);
  const ranks = new Map<string, number[]>();
  const strata: StratumCount[] = [];
  for (const stratum of names) {
    const picked = pickRanks(sizes.get(stratum)!, quotas.get(stratum) ?? 0, random);
    ranks.set(stratum, picked);
    strata.push({ stratum, population: sizes.get(stratum)!, sampled: picked.length });
  }
  return { ranks, strata };
}

/**
 * A sample of the candidates, each stratum in ascending id order (one stratum, "all", unless
 * stratified): the same candidates, size and seed give the same sample whatever their order.
 */
export function drawSample(
  candidates: readonly Candidate[],
  plan: DrawPlan,
): { ids: number[]; strata: StratumCount[] } {
  const groups = new Map<string, number[]>(plan.stratified ? [] : [['all', []]]);
  for (const c of [...candidates].sort((a, b) => a.id - b.id)) {
    const stratum = plan.stratified ? c.stratum : 'all';
    const group = groups.get(stratum);
    if (group) group.push(c.id);
    else groups.set(stratum, [c.id]);
  }
  const drawn = drawRanks(new Map([...groups].map(([stratum, ids]) => [stratum, ids.length])), plan);
  const ids = [...drawn.ranks].flatMap(([stratum, ranks]) => ranks.map((rank) => groups.get(stratum)![rank]!));
  return { ids, strata: drawn.strata };
}
