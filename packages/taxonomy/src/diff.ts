// What changed between two versions of a codebook, for the diff view. Codes
// are matched by id (renames keep ids). A code counts as moved when its parent
// changed, or when it left the longest run of siblings that kept their order,
// so inserting one code does not report all its younger siblings as moved.
import type { Code, Codebook } from './schema.ts';
import { childrenByParent, indexById, preorder } from './tree.ts';
import { stableIds } from './diff-order.ts';

const COMPARED = [
  'definition',
  'includeNote',
  'excludeNote',
  'examples',
  'color',
  'shortcut',
  'status',
  'codable',
] as const;
export type ComparedField = (typeof COMPARED)[number];

export interface FieldChange {
  field: ComparedField;
  from: Code[ComparedField];
  to: Code[ComparedField];
}

export interface CodebookDiff {
  added: { id: string; name: string; parentId: string | null }[];
  removed: { id: string; name: string; parentId: string | null }[];
  renamed: { id: string; from: string; to: string }[];
  moved: {
    id: string;
    name: string;
    fromParentId: string | null;
    toParentId: string | null;
    fromPosition: number;
    toPosition: number;
  }[];
  changed: { id: string; name: string; fields: FieldChange[] }[];
}

/** Lists are in the tree order of `b` (of `a` for removed codes). */
export function diffCodebooks(a: Codebook, b: Codebook): CodebookDiff {
  const before = indexById(a.codes);
  const after = indexById(b.codes);
  const kept = stableIds(childrenByParent(a.codes), childrenByParent(b.codes));
  const diff: CodebookDiff = { added: [], removed: [], renamed: [], moved: [], changed: [] };
  for (const code of preorder(a.codes)) {
    if (!after.has(code.id)) diff.removed.push({ id: code.id, name: code.name, parentId: code.parentId });
  }
  for (const code of preorder(b.codes)) {
    const old = before.get(code.id);
    if (!old) {
      diff.added.push({ id: code.id, name: code.name, parentId: code.parentId });
      continue;
    }
    if (old.name !== code.name) diff.renamed.push({ id: code.id, from: old.name, to: code.name });
    if (old.parentId !== code.parentId || !kept.has(code.id)) {
      diff.moved.push({
        id: code.id,
        name: code.name,
        fromParentId: old.parentId,
        toParentId: code.parentId,
        fromPosition: old.position,
        toPosition: code.position,
      });
    }
    const fields = COMPARED.filter((field) => JSON.stringify(old[field]) !== JSON.stringify(code[field])).map(
      (field) => ({ field, from: old[field], to: code[field] }),
    );
    if (fields.length > 0) diff.changed.push({ id: code.id, name: code.name, fields });
  }
  return diff;
}

/** True when nothing differs (the version number and codebook name are not compared). */
export function isEmptyDiff(diff: CodebookDiff): boolean {
  return Object.values(diff).every((list) => list.length === 0);
}
