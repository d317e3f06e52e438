// Which labelled units must stay together when the data are split into folds. Units of one
// thread share its title (part of every unit's text), and a text posted twice is the same
// example twice: if such units fall into different folds, a model is scored on what it was
// trained on. So units are grouped by thread and by normalised text (transitively), and whole
// groups are dealt into folds.
import { createHash } from 'node:crypto';
import { mulberry32, shuffledIndexes } from '@threadcoder/stats';

/** What ties a unit to others: its thread and its own text (a post unit's post, a thread unit's opening post). */
export interface UnitKeys {
  thread: number;
  body: string;
}

/** The grouping the folds follow, as the evaluation states it. */
export const GROUPING = 'thread-and-duplicate-text';

/**
 * A unit's own text reduced to what makes it the same text: Unicode-normalised (NFKC),
 * lower-cased, letters and digits only, single spaces; '' for a text without any.
 */
export function normalizedText(body: string): string {
  return body
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A short stable key of a normalised text (what the stored model keeps instead of the text); null for an empty one. */
export function textKey(body: string): string | null {
  const text = normalizedText(body);
  return text === '' ? null : createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

/** The group number (0, 1, … in order of first unit) of each unit: same thread or same normalised text, transitively. */
export function groupIndexes(units: readonly UnitKeys[]): number[] {
  const parent = units.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const firstWith = new Map<string, number>();
  const join = (key: string, i: number) => {
    const first = firstWith.get(key);
    if (first === undefined) firstWith.set(key, i);
    else parent[root(i)] = root(first);
  };
  units.forEach((u, i) => {
    join(`thread:${u.thread}`, i);
    const key = textKey(u.body);
    if (key !== null) join(`text:${key}`, i);
  });
  const numbers = new Map<number, number>();
  return units.map((_, i) => {
    const r = root(i);
    if (!numbers.has(r)) numbers.set(r, numbers.size);
    return numbers.get(r)!;
  });
}

/**
 * The fold of each unit, given its group: the groups in a seeded order, largest first, each
 * dealt to the fold with the fewest units so far (the lowest-numbered on a tie), so that folds
 * stay near-equal and a group is never split. The same groups and seed give the same folds.
 */
export function foldOf(groups: readonly number[], k: number, seed: number): number[] {
  const count = groups.reduce((n, g) => Math.max(n, g + 1), 0);
  const sizes = new Array<number>(count).fill(0);
  for (const g of groups) sizes[g]!++;
  const order = shuffledIndexes(count, mulberry32(seed)).sort((a, b) => sizes[b]! - sizes[a]!);
  const foldOfGroup = new Array<number>(count);
  const filled = new Array<number>(k).fill(0);
  for (const g of order) {
    const fold = filled.indexOf(Math.min(...filled));
    foldOfGroup[g] = fold;
    filled[fold]! += sizes[g]!;
  }
  return groups.map((g) => foldOfGroup[g]!);
}
