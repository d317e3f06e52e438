// Which model may score a unit. A labelled unit was trained on by every model but its fold's,
// and so, through the shared title or the same text, were the units of its thread and the
// copies of its text: those are scored by that fold's model. A unit tied to no labelled unit
// is scored by the model trained on all of them. A unit tied to labelled units of two folds
// (its thread in one, a copy of its text in another) has no model that saw neither: no scores.
import { textKey, type UnitKeys } from './groups.ts';

/** Thread ids and text keys of the labelled units, each with its fold (stored as JSON). */
export interface FoldRoutes {
  threads: [number, number][];
  texts: [string, number][];
}

export function foldRoutes(units: readonly UnitKeys[], folds: readonly number[]): FoldRoutes {
  const threads = new Map<number, number>();
  const texts = new Map<string, number>();
  units.forEach((u, i) => {
    threads.set(u.thread, folds[i]!);
    const key = textKey(u.body);
    if (key !== null) texts.set(key, folds[i]!);
  });
  return { threads: [...threads], texts: [...texts] };
}

export interface RouteTable {
  threads: Map<number, number>;
  texts: Map<string, number>;
}

export const routeTable = (r: FoldRoutes): RouteTable => ({ threads: new Map(r.threads), texts: new Map(r.texts) });

/** The fold whose model scores the unit, 'full' for the model trained on every labelled unit, or 'none'. */
export function modelFor(table: RouteTable, unit: UnitKeys): number | 'full' | 'none' {
  const byThread = table.threads.get(unit.thread);
  const key = textKey(unit.body);
  const byText = key === null ? undefined : table.texts.get(key);
  if (byThread !== undefined && byText !== undefined && byThread !== byText) return 'none';
  return byThread ?? byText ?? 'full';
}
