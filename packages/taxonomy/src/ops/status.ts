// Retiring a code without losing it. A deprecated code stays in the tree, so
// old codings still show their label, but checkLabels refuses it (and every
// code below it) for new codings. Restoring undoes exactly that.
import { fail, type Result } from '../issues.ts';
import type { ChangeMeta, Codebook, CodeStatus } from '../schema.ts';
import { commit, refuse, type Edit } from './commit.ts';

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
