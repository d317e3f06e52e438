// Where the keys move: j/k step through the coder's list, Enter goes to the next unit still
// uncoded (after the current one, wrapping round), or else simply the next one.

export interface ListedUnit {
  unitId: number;
  coded: boolean;
}

export function stepUnit(units: readonly ListedUnit[], currentId: number, step: 1 | -1): number | null {
  const at = units.findIndex((u) => u.unitId === currentId);
  if (at === -1) return units[0]?.unitId ?? null;
  return units[at + step]?.unitId ?? null;
}

export function nextUncodedOrNext(units: readonly ListedUnit[], currentId: number): number | null {
  const at = units.findIndex((u) => u.unitId === currentId);
  const rest = [...units.slice(at + 1), ...units.slice(0, Math.max(at, 0))];
  return rest.find((u) => !u.coded && u.unitId !== currentId)?.unitId ?? stepUnit(units, currentId, 1);
}
