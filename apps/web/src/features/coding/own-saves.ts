import type { QueryClient } from '@tanstack/react-query';

// The versions this tab's own saves produced, per unit: "version 3 became 4 here". A save queued
// while an earlier one was on its way was based on the earlier one's version; by the time it is
// sent, its base is the version that earlier save produced, not a change from elsewhere.
// Kept per QueryClient: one per page, and a fresh one per test.
const producedBy = new WeakMap<QueryClient, Map<string, number>>();
const key = (studyId: number, unitId: number, from: number) => `${studyId}:${unitId}:${from}`;

function produced(queryClient: QueryClient): Map<string, number> {
  const known = producedBy.get(queryClient);
  if (known) return known;
  const fresh = new Map<string, number>();
  producedBy.set(queryClient, fresh);
  return fresh;
}

export function recordOwnSave(
  queryClient: QueryClient,
  studyId: number,
  unitId: number,
  from: number | undefined,
  to: number,
): void {
  if (from !== undefined && to > from) produced(queryClient).set(key(studyId, unitId, from), to);
}

/** The version a save based on `base` builds on, after this tab's own saves since. */
export function followOwnSaves(
  queryClient: QueryClient,
  studyId: number,
  unitId: number,
  base: number | undefined,
): number | undefined {
  const map = produced(queryClient);
  let version = base;
  while (version !== undefined && map.has(key(studyId, unitId, version)))
    version = map.get(key(studyId, unitId, version));
  return version;
}
