import { useMemo, useSyncExternalStore } from 'react';
import type { CodingBody } from '../../api/coding.ts';

// Codings not yet confirmed by the server, per study and unit. They live in localStorage so a
// reload (or a crash while offline) restores them; a memory copy stands in where storage fails.
// A draft is cleared once the server has saved exactly it, or has refused it.

const prefix = 'threadcoder:coding-draft:';
const key = (studyId: number, unitId: number) => `${prefix}${studyId}:${unitId}`;
const memory = new Map<string, string>();
const listeners = new Set<() => void>();

function read(k: string): string | null {
  try {
    return window.localStorage.getItem(k) ?? memory.get(k) ?? null;
  } catch {
    return memory.get(k) ?? null;
  }
}

function write(k: string, value: string | null): void {
  if (value === null) memory.delete(k);
  else memory.set(k, value);
  try {
    if (value === null) window.localStorage.removeItem(k);
    else window.localStorage.setItem(k, value);
    memory.delete(k);
  } catch {
    // Storage is full or disabled: the memory copy still survives until the page closes.
  }
  for (const listener of listeners) listener();
}

export const sameCoding = (a: CodingBody | null, b: CodingBody | null) => JSON.stringify(a) === JSON.stringify(b);

export function readDraft(studyId: number, unitId: number): CodingBody | null {
  const raw = read(key(studyId, unitId));
  return raw === null ? null : (JSON.parse(raw) as CodingBody);
}

export function writeDraft(studyId: number, unitId: number, coding: CodingBody): void {
  write(key(studyId, unitId), JSON.stringify(coding));
}

/** Clears the draft, but only if it is still `coding` (a newer edit must survive an older save). */
export function clearDraft(studyId: number, unitId: number, coding: CodingBody): void {
  if (sameCoding(readDraft(studyId, unitId), coding)) write(key(studyId, unitId), null);
}

/** Every unsaved coding of a study, e.g. to send again after a reload. */
export function listDrafts(studyId: number): { unitId: number; coding: CodingBody }[] {
  const mine = `${prefix}${studyId}:`;
  const keys = new Set(memory.keys());
  try {
    for (let i = 0; i < window.localStorage.length; i++) keys.add(window.localStorage.key(i) ?? '');
  } catch {
    // Only the memory copies, then.
  }
  return [...keys]
    .filter((k) => k.startsWith(mine))
    .map((k) => ({ unitId: Number(k.slice(mine.length)), coding: JSON.parse(read(k) ?? 'null') as CodingBody }))
    .filter((d) => d.coding !== null);
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The unit's unsaved coding, re-rendering when it changes. */
export function useDraft(studyId: number, unitId: number): CodingBody | null {
  const raw = useSyncExternalStore(subscribe, () => read(key(studyId, unitId)));
  return useMemo(() => (raw === null ? null : (JSON.parse(raw) as CodingBody)), [raw]);
}
