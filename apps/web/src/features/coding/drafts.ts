import { useMemo, useSyncExternalStore } from 'react';
import type { CodingBody } from '../../api/coding.ts';
import { thisTab } from './this-tab.ts';

// Codings not yet confirmed by the server, per study and unit. They live in localStorage so a
// reload (or a crash while offline) restores them; a memory copy stands in where storage fails.
// A draft is cleared once the server has saved exactly it, or has refused it.
// Each draft remembers the version of the saved coding it started from (`base`, sent as
// baseVersion) and the tab that wrote it: tabs of one browser share localStorage, and one tab
// must not show or build on another live tab's unsaved edits (see useResendDrafts for orphans).

const prefix = 'threadcoder:coding-draft:';
const key = (studyId: number, unitId: number) => `${prefix}${studyId}:${unitId}`;
const memory = new Map<string, string>();
const listeners = new Set<() => void>();

interface Stored extends CodingBody {
  base?: number;
  tab?: string;
}

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

const body = (s: Stored): CodingBody => ({ codeIds: s.codeIds, memo: s.memo, unsure: s.unsure, quotes: s.quotes });

/** This tab's draft (or one no tab owns: written before drafts had owners, or claimed). */
function readOwn(k: string): Stored | null {
  const raw = read(k);
  const stored = raw === null ? null : (JSON.parse(raw) as Stored);
  return stored && (stored.tab === undefined || stored.tab === thisTab()) ? stored : null;
}

export const sameCoding = (a: CodingBody | null, b: CodingBody | null) => JSON.stringify(a) === JSON.stringify(b);

export function readDraft(studyId: number, unitId: number): CodingBody | null {
  const stored = readOwn(key(studyId, unitId));
  return stored && body(stored);
}

/** The saved coding's version the draft started from; undefined for drafts older than versions. */
export function draftBase(studyId: number, unitId: number): number | undefined {
  return readOwn(key(studyId, unitId))?.base;
}

/** Writes this tab's draft; a draft that continues an earlier one keeps that one's base version. */
export function writeDraft(studyId: number, unitId: number, coding: CodingBody, base: number): void {
  const earlier = readOwn(key(studyId, unitId));
  const stored: Stored = { ...body(coding), base: earlier ? earlier.base : base, tab: thisTab() };
  write(key(studyId, unitId), JSON.stringify(stored));
}

/** Clears the draft, but only if it is still `coding` (a newer edit must survive an older save). */
export function clearDraft(studyId: number, unitId: number, coding: CodingBody): void {
  if (sameCoding(readDraft(studyId, unitId), coding)) write(key(studyId, unitId), null);
}

/** Drops this tab's draft whatever it holds: the coder chose the saved version over it. */
export function dropDraft(studyId: number, unitId: number): void {
  if (readOwn(key(studyId, unitId))) write(key(studyId, unitId), null);
}

/** After this tab saved version `from` as `to`, a newer draft of it continues from `to`. */
export function rebaseDraft(studyId: number, unitId: number, from: number | undefined, to: number): void {
  const stored = readOwn(key(studyId, unitId));
  if (stored && (stored.base === from || from === undefined))
    write(key(studyId, unitId), JSON.stringify({ ...stored, base: to }));
}

/** The coder chose their draft over the saved version `base`: it now continues from that one. */
export function keepDraftOver(studyId: number, unitId: number, coding: CodingBody, base: number): void {
  write(key(studyId, unitId), JSON.stringify({ ...body(coding), base, tab: thisTab() }));
}

/**
 * Every unsaved coding of a study, e.g. to send again after a reload, made this tab's own
 * (a draft left by a closed tab would otherwise never be cleared).
 */
export function claimDrafts(studyId: number): { unitId: number; coding: CodingBody; base: number | undefined }[] {
  const mine = `${prefix}${studyId}:`;
  const keys = new Set(memory.keys());
  try {
    for (let i = 0; i < window.localStorage.length; i++) keys.add(window.localStorage.key(i) ?? '');
  } catch {
    // Only the memory copies, then.
  }
  const drafts = [];
  for (const k of keys) {
    if (!k.startsWith(mine)) continue;
    const stored = JSON.parse(read(k) ?? 'null') as Stored | null;
    if (stored === null) continue;
    if (stored.tab !== thisTab()) write(k, JSON.stringify({ ...stored, tab: thisTab() }));
    drafts.push({ unitId: Number(k.slice(mine.length)), coding: body(stored), base: stored.base });
  }
  return drafts;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The unit's unsaved coding, re-rendering when it changes. */
export function useDraft(studyId: number, unitId: number): CodingBody | null {
  const raw = useSyncExternalStore(subscribe, () => {
    const stored = readOwn(key(studyId, unitId));
    return stored && JSON.stringify(body(stored));
  });
  return useMemo(() => (raw === null ? null : (JSON.parse(raw) as CodingBody)), [raw]);
}
