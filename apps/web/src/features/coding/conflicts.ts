import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import type { Coding, CodingBody } from '../../api/coding.ts';

/** A save refused as stale: the coding saved elsewhere (null: none) and the one this tab tried to save. */
export interface Conflict {
  theirs: Coding | null;
  mine: CodingBody;
}

// Unresolved conflicts of this page (per QueryClient: one per page, a fresh one per test).
interface Store {
  conflicts: Map<string, Conflict>;
  listeners: Set<() => void>;
}
const stores = new WeakMap<QueryClient, Store>();
const key = (studyId: number, unitId: number) => `${studyId}:${unitId}`;

function store(queryClient: QueryClient): Store {
  const known = stores.get(queryClient);
  if (known) return known;
  const fresh: Store = { conflicts: new Map(), listeners: new Set() };
  stores.set(queryClient, fresh);
  return fresh;
}

export function setConflict(queryClient: QueryClient, studyId: number, unitId: number, conflict: Conflict): void {
  const s = store(queryClient);
  s.conflicts.set(key(studyId, unitId), conflict);
  for (const listener of s.listeners) listener();
}

export function clearConflict(queryClient: QueryClient, studyId: number, unitId: number): void {
  const s = store(queryClient);
  if (s.conflicts.delete(key(studyId, unitId))) for (const listener of s.listeners) listener();
}

/** The unit's unresolved conflict in this tab, if any. */
export function useConflict(studyId: number, unitId: number): Conflict | undefined {
  const s = store(useQueryClient());
  const subscribe = useCallback(
    (listener: () => void) => {
      s.listeners.add(listener);
      return () => s.listeners.delete(listener);
    },
    [s],
  );
  return useSyncExternalStore(subscribe, () => s.conflicts.get(key(studyId, unitId)));
}
