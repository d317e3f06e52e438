// The codebook tree as analysis sees it: each code is counted on its own (its "direct"
// labels) and rolled up to every code above it (dimension → category → subcategory), where a
// unit counts once however many codes below it carry. Labels the pinned version lacks (a
// code removed since) are kept as nodes of their own at the end, so no label is dropped.
import { ancestorIds, indexById, preorder, type Code } from '@threadcoder/taxonomy';

export interface CodeNode {
  id: string;
  name: string;
  parentId: string | null;
  dimension: string;
  /** 0 for a dimension (a root). */
  depth: number;
  color: string | null;
  codable: boolean;
  hasChildren: boolean;
  /** False for a label the pinned codebook does not have. */
  known: boolean;
}

export function codeNodes(codes: readonly Code[], labelIds: Iterable<string> = []): CodeNode[] {
  const byId = indexById(codes);
  const parents = new Set(codes.map((c) => c.parentId));
  const nodes: CodeNode[] = preorder(codes).map((c) => ({
    id: c.id,
    name: c.name,
    parentId: c.parentId,
    dimension: c.dimension,
    depth: ancestorIds(byId, c.id).length,
    color: c.color,
    codable: c.codable,
    hasChildren: parents.has(c.id),
    known: true,
  }));
  for (const id of new Set(labelIds)) {
    if (!byId.has(id) && id !== '') {
      nodes.push({
        id,
        name: id,
        parentId: null,
        dimension: id,
        depth: 0,
        color: null,
        codable: true,
        hasChildren: false,
        known: false,
      });
    }
  }
  return nodes;
}

/**
 * Each code's rollup path, itself first, then every code above it to the dimension:
 * { memory: ['memory', 'technical', 'challenge'], … }. SQL reads it with
 * json_each(@nodes, '$."' || code_id || '"'): key 0 is the code itself (a direct label).
 */
export function rollupPaths(codes: readonly Code[]): Record<string, string[]> {
  const byId = indexById(codes);
  return Object.fromEntries(codes.map((c) => [c.id, [c.id, ...ancestorIds(byId, c.id)]]));
}
