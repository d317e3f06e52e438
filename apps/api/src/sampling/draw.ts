// Drawing a sample of units from the study's population: simple random, or
// stratified with proportional allocation (largest-remainder rounding, so the
// strata add up to exactly n). Input order is made canonical (by id) first, so
// the same population, size and seed always give the same sample.
import { pickRandom, seededRandom } from './prng.ts';

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

export function drawSample(
  candidates: readonly Candidate[],
  plan: DrawPlan,
): { ids: number[]; strata: StratumCount[] } {
  const groups = new Map<string, number[]>();
  for (const c of [...candidates].sort((a, b) => a.id - b.id)) {
    const group = groups.get(c.stratum);
    if (group) group.push(c.id);
    else groups.set(c.stratum, [c.id]);
  }
  return drawFromStrata(groups, plan);
}

/** drawSample from the candidates' ids grouped by stratum, each group in ascending order. */
export function drawFromStrata(
  groups: ReadonlyMap<string, readonly number[]>,
  plan: DrawPlan,
): { ids: number[]; strata: StratumCount[] } {
  const random = seededRandom(plan.seed);
  if (!plan.stratified) {
    const all = [...groups.values()].flat().sort((a, b) => a - b);
    const ids = pickRandom(all, plan.size, random);
    return { ids, strata: [{ stratum: 'all', population: all.length, sampled: ids.length }] };
  }
  const names = [...groups.keys()].sort();
  const quotas = allocate(new Map(names.map((s) => [s, groups.get(s)!.length])), plan.size);
  const ids: number[] = [];
  const strata: StratumCount[] = [];
  for (const stratum of names) {
    const picked = pickRandom(groups.get(stratum)!, quotas.get(stratum) ?? 0, random);
    ids.push(...picked);
    strata.push({ stratum, population: groups.get(stratum)!.length, sampled: picked.length });
  }
  return { ids, strata };
}
