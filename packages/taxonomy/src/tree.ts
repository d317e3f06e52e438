// Tree helpers over the flat code list. The list is the storage shape (one row
// per code, like the `codes` table); these functions give it its tree meaning.
// None of them loops forever on a cyclic list: validation must be able to use
// them on input it has not yet checked.
import type { Code } from './schema.ts';

export function indexById(codes: readonly Code[]): Map<string, Code> {
  const byId = new Map<string, Code>();
  for (const code of codes) if (!byId.has(code.id)) byId.set(code.id, code);
  return byId;
}

/** Children of each parent (null = the roots), ordered by position, ties by list order. */
export function childrenByParent<T extends Code>(codes: readonly T[]): Map<string | null, T[]> {
  const groups = new Map<string | null, T[]>();
  for (const code of codes) {
    const siblings = groups.get(code.parentId) ?? [];
    siblings.push(code);
    groups.set(code.parentId, siblings);
  }
  for (const siblings of groups.values()) siblings.sort((a, b) => a.position - b.position);
  return groups;
}

/** Parents first, siblings by position. Codes not reachable from a root (a cycle,
 * a missing parent) come last in list order, so nothing is ever dropped. */
export function preorder(codes: readonly Code[]): Code[] {
  const { reached } = walk(codes);
  return [...reached, ...codes.filter((code) => !reached.has(code))];
}

function walk<T extends Code>(codes: readonly T[]): { reached: Set<T>; groups: Map<string | null, T[]> } {
  const groups = childrenByParent(codes);
  const reached = new Set<T>();
  const stack = [...(groups.get(null) ?? [])].reverse();
  while (stack.length > 0) {
    const code = stack.pop() as T;
    if (reached.has(code)) continue;
    reached.add(code);
    stack.push(...[...(groups.get(code.id) ?? [])].reverse());
  }
  return { reached, groups };
}

/** Ids from the parent up to the root; stops at a missing parent or a cycle. */
export function ancestorIds(byId: ReadonlyMap<string, Code>, id: string): string[] {
  const out: string[] = [];
  const seen = new Set([id]);
  let parentId = byId.get(id)?.parentId ?? null;
  while (parentId !== null && !seen.has(parentId)) {
    out.push(parentId);
    seen.add(parentId);
    parentId = byId.get(parentId)?.parentId ?? null;
  }
  return out;
}

/** The code and everything below it. */
export function subtreeIds(codes: readonly Code[], id: string): Set<string> {
  const groups = childrenByParent(codes);
  const out = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    if (out.has(current)) continue;
    out.add(current);
    for (const child of groups.get(current) ?? []) stack.push(child.id);
  }
  return out;
}

/** Names from the root down to the code, e.g. ['Challenge', 'Documentation gaps']. */
export function namePath(byId: ReadonlyMap<string, Code>, id: string): string[] {
  const ids = [...ancestorIds(byId, id)].reverse();
  ids.push(id);
  return ids.map((each) => byId.get(each)?.name ?? each);
}

/**
 * The canonical form every operation and importer hands back: preorder,
 * positions renumbered 0..n-1 among siblings, `dimension` set to the root's id.
 * Codes outside the tree keep their fields so validation can still report them.
 */
export function normalize<T extends Code>(codes: readonly T[]): T[] {
  const { reached, groups } = walk(codes);
  const byId = indexById(codes);
  const ordered = [...reached, ...codes.filter((code) => !reached.has(code))];
  return ordered.map((code) => {
    if (!reached.has(code)) return code;
    const siblings = groups.get(code.parentId) ?? [];
    const root = ancestorIds(byId, code.id).pop() ?? code.id;
    return { ...code, position: siblings.indexOf(code), dimension: root };
  });
}
