// Every hostile file, generated from the valid bases by seeded mutators: the same seed gives
// the same files, so a failure can be reproduced by its file name alone.
import type { HostileCase } from './case.ts';
import { csvCases } from './mutators/csv.ts';
import { encodingCases } from './mutators/encoding.ts';
import { hugeCases } from './mutators/huge.ts';
import { nestingCases } from './mutators/nesting.ts';
import { truncationCases } from './mutators/truncate.ts';
import { wrongTypeCases } from './mutators/wrong-types.ts';
import { xmlCases } from './mutators/xml.ts';
import { zipCases } from './mutators/zip.ts';
import { Random } from './random.ts';

const HOSTILE_SEED = 20261205;

export function generateHostileCases(seed = HOSTILE_SEED): HostileCase[] {
  const rng = new Random(seed);
  const cases = [
    ...truncationCases(rng),
    ...wrongTypeCases(rng),
    ...encodingCases(rng),
    ...nestingCases(),
    ...hugeCases(),
    ...zipCases(),
    ...xmlCases(),
    ...csvCases(),
  ];
  const names = new Set<string>();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`two hostile files are named ${c.name}`);
    names.add(c.name);
  }
  return cases;
}
