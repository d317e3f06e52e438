// Edits of one code that leave the tree's shape alone: adding a code, changing
// its fields, retiring it and bringing it back.
// Renames go through updateCode and keep the id, so codings made under the old
// name still point at the same code. A deprecated code stays in the tree, so
// old codings still show their label, but checkLabels refuses it (and every
// code below it) for new codings; restoring undoes exactly that.
import { fail, type Result } from '../issues.ts';
import type { ChangeMeta, Codebook, CodePatch, CodeStatus, NewCode } from '../schema.ts';
import { commit, refuse, type Edit } from './commit.ts';
import { applyDraft, atEnd, before, codeFromDraft } from './draft.ts';

/** Adds a code under `parentId` (null adds a dimension) at `position` among its siblings, or last. */
export function addCode(codebook: Codebook, input: NewCode, meta: ChangeMeta): Result<Edit> {
  const { parentId, position, ...draft } = input;
  const code = codeFromDraft(draft, parentId, position === undefined ? atEnd : before(position), codebook.codes);
  return commit(codebook, { kind: 'add', codes: [...codebook.codes, code], codeIds: [code.id] }, meta);
}

/** Changes a code's name, notes, examples, color, shortcut or codability; refuses an edit that changes nothing. */
export function updateCode(codebook: Codebook, id: string, patch: CodePatch, meta: ChangeMeta): Result<Edit> {
  const code = codebook.codes.find((each) => each.id === id);
  if (!code) return fail(refuse.unknown(id));
  const updated = applyDraft(code, patch);
  if (JSON.stringify(updated) === JSON.stringify(code)) return fail(refuse.noChange(id));
  const codes = codebook.codes.map((each) => (each === code ? updated : each));
  return commit(codebook, { kind: 'update', codes, codeIds: [id] }, meta);
}

export function deprecateCode(codebook: Codebook, id: string, meta: ChangeMeta): Result<Edit> {
  return setStatus(codebook, id, 'deprecated', meta);
}

export function restoreCode(codebook: Codebook, id: string, meta: ChangeMeta): Result<Edit> {
  return setStatus(codebook, id, 'active', meta);
}

function setStatus(codebook: Codebook, id: string, status: CodeStatus, meta: ChangeMeta): Result<Edit> {
  const code = codebook.codes.find((each) => each.id === id);
  if (!code) return fail(refuse.unknown(id));
  if (code.status === status) return fail(refuse.noChange(id));
  const codes = codebook.codes.map((each) => (each === code ? { ...each, status } : each));
  return commit(codebook, { kind: status === 'deprecated' ? 'deprecate' : 'restore', codes, codeIds: [id] }, meta);
}
