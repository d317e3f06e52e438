import { ancestorIds, indexById, preorder } from '@threadcoder/taxonomy';
import type { CodebookCode } from '../../api/codebook-read.ts';

// The codebook as the coding screen lists it: one group per dimension, in tree order, each code
// with its depth below the dimension. Grouping codes (not codable) become subheadings.

export interface ListedCode {
  code: CodebookCode;
  depth: number;
  heading: boolean;
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

function matches(code: CodebookCode, filter: string): boolean {
  const q = filter.trim().toLowerCase();
  if (!q) return true;
  return [code.name, code.id, code.definition].some((text) => text.toLowerCase().includes(q)) || code.shortcut === q;
}

/**
 * Groups for display. Retired codes are left out unless applied (so they can be removed);
 * a filter keeps matching codes and the grouping headings above them.
 */
export function codeGroups(codes: readonly CodebookCode[], applied: readonly string[], filter = ''): CodeGroup[] {
  const byId = indexById(codes);
  const usable = applicable(codes);
  const shown = codes.filter((c) => c.codable && (usable.has(c.id) || applied.includes(c.id)) && matches(c, filter));
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
    groups.at(-1)?.items.push({ code, depth, heading });
  }
  return groups.filter((g) => g.items.some((i) => !i.heading));
}

export const shownCodes = (groups: readonly CodeGroup[]) =>
  groups.flatMap((g) => g.items.filter((i) => !i.heading).map((i) => i.code));

/** A shortcut press in a single-label study replaces the label; in a multi-label study it toggles. */
export function toggleLabel(codeIds: readonly string[], id: string, mode: 'single' | 'multi'): string[] {
  if (codeIds.includes(id)) return codeIds.filter((c) => c !== id);
  return mode === 'single' ? [id] : [...codeIds, id];
}
