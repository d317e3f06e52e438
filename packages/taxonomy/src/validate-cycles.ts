// Finds parent cycles in a flat code list. Each cycle is reported once, not
// once per member, and codes that merely hang below a cycle are not in it.
import type { Code } from './schema.ts';

export interface Cycle {
  /** Members in parent order, starting with the one listed first in the codebook. */
  ids: string[];
  /** List index of that first member, for `where.field`. */
  index: number;
}

export function findCycles(codes: readonly Code[], byId: ReadonlyMap<string, Code>): Cycle[] {
  const done = new Set<string>();
  const cycles: Cycle[] = [];
  for (const start of codes) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let id: string | null = start.id;
    while (id !== null && !done.has(id) && !onPath.has(id)) {
      path.push(id);
      onPath.add(id);
      id = byId.get(id)?.parentId ?? null;
    }
    if (id !== null && onPath.has(id)) cycles.push(describe(path.slice(path.indexOf(id)), codes));
    path.forEach((each) => {
      done.add(each);
    });
  }
  return cycles;
}

function describe(members: string[], codes: readonly Code[]): Cycle {
  const index = codes.findIndex((code) => members.includes(code.id));
  const first = members.indexOf(codes[index]?.id ?? members[0] ?? '');
  return { ids: [...members.slice(first), ...members.slice(0, first)], index };
}
