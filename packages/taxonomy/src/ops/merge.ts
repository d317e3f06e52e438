// Merging codes: A and B into C, where C is new or one of the existing codes.
// The merged-away codes leave the tree (older versions keep them); their
// children and example quotes move to C, and the mapping lets every coder's
// labels follow automatically (see migrateLabels).
import { fail, issue, type Result } from '../issues.ts';
import type { ChangeMeta, Code, Codebook, Example, MergeInput } from '../schema.ts';
import { indexById, subtreeIds } from '../tree.ts';
import { commit, refuse, type Edit } from './commit.ts';
import { atEnd, before, codeFromDraft } from './draft.ts';

export function mergeCodes(codebook: Codebook, input: MergeInput, meta: ChangeMeta): Result<Edit> {
  const byId = indexById(codebook.codes);
  const from = [...new Set(input.from)];
  const missing =
    from.find((id) => !byId.has(id)) ??
    (typeof input.into === 'string' && !byId.has(input.into) ? input.into : undefined);
  if (missing !== undefined) return fail(refuse.unknown(missing));
  const targetId = typeof input.into === 'string' ? input.into : input.into.id;
  // A new C may reuse the id of a code it replaces, never that of a bystander.
  if (typeof input.into !== 'string' && byId.has(targetId) && !from.includes(targetId)) {
    return fail(
      issue('codebook.duplicate_id', `The id "${targetId}" is already used by another code.`, {
        codeId: targetId,
        field: 'into.id',
      }),
    );
  }
  const removed = from.filter((id) => id !== targetId);
  if (removed.length === 0) {
    return fail(
      issue(
        'edit.merge_too_few',
        'A merge needs at least two codes: name the codes to merge and the code they become.',
        { field: 'from' },
      ),
    );
  }
  const inside = removed.find((id) => subtreeIds(codebook.codes, id).has(targetId));
  if (inside !== undefined) {
    return fail(
      issue(
        'edit.merge_target_inside',
        `"${targetId}" lies inside "${inside}", which the merge removes; merge into a code outside it.`,
        { codeId: targetId, field: 'into' },
      ),
    );
  }
  const first = byId.get(from[0] as string) as Code;
  let target =
    typeof input.into === 'string'
      ? (byId.get(targetId) as Code)
      : codeFromDraft(input.into, first.parentId, before(first.position), codebook.codes);
  if (target.status === 'deprecated') {
    return fail(
      issue('edit.merge_into_deprecated', `"${target.name}" is deprecated; restore it before merging into it.`, {
        codeId: targetId,
        field: 'into',
      }),
    );
  }
  const gone = new Set(removed);
  target = {
    ...target,
    examples: mergeExamples(
      target,
      removed.map((id) => byId.get(id) as Code),
    ),
  };
  const kept = codebook.codes.filter((code) => !gone.has(code.id) && code.id !== targetId);
  // Children of merged-away codes keep their order, after C's own children.
  const adopted = kept.map((code, rank) =>
    code.parentId !== null && gone.has(code.parentId)
      ? { ...code, parentId: targetId, position: atEnd - kept.length + rank }
      : code,
  );
  return commit(
    codebook,
    {
      kind: 'merge',
      codes: [...adopted, target],
      codeIds: [...new Set([...from, targetId])],
      mappings: [{ kind: 'merge', from, to: [targetId] }],
    },
    meta,
  );
}

/** C's quotes first, then the merged codes' quotes it does not already have. */
function mergeExamples(target: Code, sources: readonly Code[]): Example[] {
  const key = (example: Example) => `${example.postId ?? ''}\u0000${example.quote}`;
  const seen = new Set(target.examples.map(key));
  const out = [...target.examples];
  for (const example of sources.flatMap((code) => code.examples)) {
    if (seen.has(key(example))) continue;
    seen.add(key(example));
    out.push(example);
  }
  return out;
}
