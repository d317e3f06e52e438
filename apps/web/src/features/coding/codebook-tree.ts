import { ancestorIds, indexById, preorder } from '@threadcoder/taxonomy';
import type { CodebookCode } from '../../api/codebook-read.ts';
import { matchScore } from './code-filter.ts';

// The codebook as the coding screen lists it: one group per dimension, in tree order, each code
// with its depth below the dimension. Grouping codes (not codable) become subheadings.

interface ListedCode {
  code: CodebookCode;
  depth: number;
  heading: boolean;
  /** A category with codable sub-codes that can itself be applied when none of them fits. */
  category: boolean;
  /** How well the code matches the filter (0 for headings). */
  score: number;
}

export interface CodeGroup {
  dimension: CodebookCode;
  items: ListedCode[];
}

/** Codes that may still be applied: codable, and neither deprecated nor under a deprecated code. */
export function applicable(codes: readonly CodebookCode[]): Set<string> {
  const byId = indexById(codes);
  return new Set(
    codes
      .filter(
        (c) => c.codable && [c.id, ...ancestorIds(byId, c.id)].every((id) => byId.get(id)?.status !== 'deprecated'),
      )
      .map((c) => c.id),
  );
}

/**
 * Groups for display. Retired codes are left out unless applied (so they can be removed);
 * a filter keeps matching codes and the grouping headings above them.
 */
export function codeGroups(codes: readonly CodebookCode[], applied: readonly string[], filter = ''): CodeGroup[] {
  const byId = indexById(codes);
  const usable = applicable(codes);
  const scores = new Map(
    codes.map((c) => [c.id, matchScore(c, filter, c.parentId ? (byId.get(c.parentId)?.name ?? '') : '')]),
  );
  const shown = codes.filter(
    (c) => c.codable && (usable.has(c.id) || applied.includes(c.id)) && (scores.get(c.id) ?? 0) > 0,
  );
  const withCodableChildren = new Set(codes.filter((c) => c.codable && c.parentId).map((c) => c.parentId));
  const keep = new Set(shown.flatMap((c) => [c.id, ...ancestorIds(byId, c.id)]));
  const groups: CodeGroup[] = [];
  for (const code of preorder(codes) as CodebookCode[]) {
    if (!keep.has(code.id)) continue;
    if (code.parentId === null) {
      groups.push({ dimension: code, items: [] });
      continue;
    }
    const depth = ancestorIds(byId, code.id).length - 1;
    const heading = !code.codable || !shown.includes(code);
    const category = code.codable && withCodableChildren.has(code.id);
    groups.at(-1)?.items.push({ code, depth, heading, category, score: heading ? 0 : (scores.get(code.id) ?? 0) });
  }
  return groups.filter((g) => g.items.some((i) => !i.heading));
}

export const shownCodes = (groups: readonly CodeGroup[]) =>
  groups.flatMap((g) => g.items.filter((i) => !i.heading).map((i) => i.code));

/** The best match of the filter (the first in tree order among equals): what Enter applies. */
export function topMatch(groups: readonly CodeGroup[]): CodebookCode | undefined {
  let best: ListedCode | undefined;
  for (const item of groups.flatMap((g) => g.items)) if (!item.heading && item.score > (best?.score ?? 0)) best = item;
  return best?.code;
}

/** A shortcut press in a single-label study replaces the label; in a multi-label study it toggles. */
export function toggleLabel(codeIds: readonly string[], id: string, mode: 'single' | 'multi'): string[] {
  if (codeIds.includes(id)) return codeIds.filter((c) => c !== id);
  return mode === 'single' ? [id] : [...codeIds, id];
}
