// Reparenting and reordering. The subtree travels with the code, and its
// dimension follows the new root. Moving a code under itself is refused here
// with its own message, before the tree is rebuilt.
import { fail, issue, type Result } from '../issues.ts';
import type { ChangeMeta, Codebook, MoveTarget } from '../schema.ts';
import { subtreeIds } from '../tree.ts';
import { commit, refuse, type Edit } from './commit.ts';
import { atEnd, before } from './draft.ts';

export function moveCode(codebook: Codebook, id: string, target: MoveTarget, meta: ChangeMeta): Result<Edit> {
  const code = codebook.codes.find((each) => each.id === id);
  if (!code) return fail(refuse.unknown(id));
  if (target.parentId !== null && !codebook.codes.some((each) => each.id === target.parentId)) {
    return fail(refuse.unknown(target.parentId));
  }
  if (target.parentId !== null && subtreeIds(codebook.codes, id).has(target.parentId)) {
    return fail(
      issue('edit.cycle', `Code "${id}" cannot move under "${target.parentId}", which is itself or lies below it.`, {
        codeId: id,
        field: 'parentId',
      }),
    );
  }
  const siblings = codebook.codes
    .filter((each) => each.parentId === target.parentId && each.id !== id)
    .sort((a, b) => a.position - b.position);
  const index = Math.min(target.position ?? siblings.length, siblings.length);
  const current = codebook.codes
    .filter((each) => each.parentId === code.parentId)
    .sort((a, b) => a.position - b.position);
  if (target.parentId === code.parentId && current.indexOf(code) === index) return fail(refuse.noChange(id));
  // Siblings keep their order; the moved code slots in before the one now at `index`.
  const ranked = new Map(siblings.map((each, rank) => [each.id, rank]));
  const codes = codebook.codes.map((each) => {
    if (each.id === id)
      return { ...each, parentId: target.parentId, position: index === siblings.length ? atEnd : before(index) };
    const rank = ranked.get(each.id);
    return rank === undefined ? each : { ...each, position: rank };
  });
  return commit(codebook, { kind: 'move', codes, codeIds: [id] }, meta);
}
