// One edit of a study's codebook becomes its next version. The client names the version
// it edited (baseVersion): if someone saved in between, the edit is refused with 409 so
// nobody's change is silently overwritten. The edit itself is the taxonomy package's
// (addCode, updateCode, …), which refuses an edit without a reason, one that changes
// nothing, or one that would leave an invalid codebook.
import {
  addCode,
  codeIdSchema,
  codePatchSchema,
  deprecateCode,
  MAX_TEXT_LENGTH,
  mergeCodes,
  mergeInputSchema,
  moveCode,
  moveTargetSchema,
  newCodeSchema,
  restoreCode,
  splitCode,
  splitInputSchema,
  updateCode,
  type Change,
  type ChangeMeta,
  type Codebook,
  type Edit,
  type Result,
} from '@threadcoder/taxonomy';
import { z } from 'zod';
import { AppError } from '../http/errors.ts';
import { audit } from './audit.ts';
import { unwrapResult } from './codebook-issues.ts';
import { addVersion, studyLineage, versionIdOf } from './codebooks.ts';
import type { Db } from './open.ts';
import { cachedVersion } from './pinned-codebook.ts';
import { writeTransaction } from './write-transaction.ts';

const base = {
  /** The version the person edited. */
  baseVersion: z.number().int().positive(),
  why: z.string().trim().min(1, 'Say why the codebook changes').max(MAX_TEXT_LENGTH),
};

export const codebookEditSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('add'), ...base, code: newCodeSchema }),
  z.object({ op: z.literal('update'), ...base, id: codeIdSchema, patch: codePatchSchema }),
  z.object({ op: z.literal('move'), ...base, id: codeIdSchema, target: moveTargetSchema }),
  z.object({ op: z.literal('deprecate'), ...base, id: codeIdSchema }),
  z.object({ op: z.literal('restore'), ...base, id: codeIdSchema }),
  z.object({ op: z.literal('merge'), ...base, merge: mergeInputSchema }),
  z.object({ op: z.literal('split'), ...base, split: splitInputSchema }),
]);
export type CodebookEdit = z.infer<typeof codebookEditSchema>;

/** The package's operation for one edit request (pure). */
function applyEdit(codebook: Codebook, edit: CodebookEdit, meta: ChangeMeta): Result<Edit> {
  switch (edit.op) {
    case 'add':
      return addCode(codebook, edit.code, meta);
    case 'update':
      return updateCode(codebook, edit.id, edit.patch, meta);
    case 'move':
      return moveCode(codebook, edit.id, edit.target, meta);
    case 'deprecate':
      return deprecateCode(codebook, edit.id, meta);
    case 'restore':
      return restoreCode(codebook, edit.id, meta);
    case 'merge':
      return mergeCodes(codebook, edit.merge, meta);
    case 'split':
      return splitCode(codebook, edit.split, meta);
  }
}

const staleVersion = (latest: number) =>
  new AppError(
    'codebook.stale_version',
    409,
    `Someone changed the codebook meanwhile (it is now at version ${latest}). Reload it and make your change again.`,
    { field: 'baseVersion' },
  );

/** Applies the edit to the latest version and stores the result as the next one, audited. */
export function saveEdit(
  db: Db,
  studyId: number,
  edit: CodebookEdit,
  userId: number,
): { versionId: number; change: Change } {
  return writeTransaction(db, () => {
    const { codebookId, latestVersion } = studyLineage(db, studyId);
    if (edit.baseVersion !== latestVersion) throw staleVersion(latestVersion);
    const latest = cachedVersion(db, versionIdOf(db, codebookId, latestVersion));
    const { codebook, change } = unwrapResult(
      applyEdit(latest, edit, { by: userId, at: new Date().toISOString(), why: edit.why }),
    );
    // addVersion checks the version number again inside the same transaction.
    const versionId = addVersion(db, codebookId, codebook, change);
    const { why: _why, baseVersion: _base, ...request } = edit;
    audit(
      db,
      {
        userId,
        studyId,
        action: `codebook.${change.kind}`,
        entity: 'codebook_version',
        entityId: versionId,
        after: { version: change.version, codeIds: change.codeIds, why: change.why, request },
      },
      change.at,
    );
    return { versionId, change };
  });
}
