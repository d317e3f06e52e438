// Splitting a code: A into A1 and A2. The parts take A's place in the tree; A
// itself may stay as one of the parts (with narrowed fields). A's children go
// to one part. The mapping marks A's old labels for review, since only the
// coder can say which part a unit belongs to (see migrateLabels).
import { fail, issue, type Result } from '../issues.ts';
import type { ChangeMeta, Code, Codebook, SplitInput } from '../schema.ts';
import { commit, refuse, type Edit } from './commit.ts';
import { applyDraft, codeFromDraft } from './draft.ts';

export function splitCode(codebook: Codebook, input: SplitInput, meta: ChangeMeta): Result<Edit> {
  const source = codebook.codes.find((code) => code.id === input.id);
  if (!source) return fail(refuse.unknown(input.id));
  const partIds = input.into.map((part) => part.id);
  if (new Set(partIds).size < 2 || partIds.length !== new Set(partIds).size) {
    return fail(
      issue('edit.split_too_few', 'A split needs at least two parts with distinct ids.', {
        codeId: input.id,
        field: 'into',
      }),
    );
  }
  const heir = input.childrenTo ?? (partIds[0] as string);
  if (!partIds.includes(heir)) {
    return fail(
      issue('edit.split_heir', `The children of "${input.id}" can only go to one of the parts, not "${heir}".`, {
        codeId: input.id,
        field: 'childrenTo',
      }),
    );
  }
  const others = codebook.codes.filter((code) => code !== source);
  // Parts fill A's slot in order: fractions between A's position and the next sibling's.
  const parts: Code[] = [];
  input.into.forEach((draft, rank) => {
    const position = source.position - 0.5 + rank / (input.into.length + 1);
    parts.push(
      draft.id === source.id
        ? { ...applyDraft(source, draft), position }
        : codeFromDraft(draft, source.parentId, position, [...codebook.codes, ...parts]),
    );
  });
  const codes = others.map((code) => (code.parentId === source.id ? { ...code, parentId: heir } : code));
  return commit(
    codebook,
    {
      kind: 'split',
      codes: [...codes, ...parts],
      codeIds: [...new Set([input.id, ...partIds])],
      mappings: [{ kind: 'split', from: [input.id], to: partIds }],
    },
    meta,
  );
}
