// Every edit ends here: the new tree is put in canonical form, checked as a
// whole, and stamped as the next version with who, when and why. An edit that
// would leave an invalid codebook is refused, so versions are always valid.
import { checkCodebook, zodIssues } from '../check.ts';
import { issue, ok, type Result } from '../issues.ts';
import { changeMetaSchema, type ChangeMeta, type Code, type Codebook, type Mapping } from '../schema.ts';
import { normalize } from '../tree.ts';

export type ChangeKind = 'add' | 'update' | 'move' | 'deprecate' | 'restore' | 'merge' | 'split';

/** One row of codebook_versions: version, message (= why), mapping_json, created_by, created_at. */
export interface Change {
  version: number;
  kind: ChangeKind;
  /** Codes the edit touched, for the history view. */
  codeIds: string[];
  /** Merge/split mappings from the previous version; empty for other edits. */
  mappings: Mapping[];
  by: number | null;
  at: string;
  why: string;
}

export interface Edit {
  codebook: Codebook;
  change: Change;
}

export interface Proposal {
  kind: ChangeKind;
  codes: Code[];
  codeIds: string[];
  mappings?: Mapping[];
}

export function commit(before: Codebook, proposal: Proposal, meta: ChangeMeta): Result<Edit> {
  const parsedMeta = changeMetaSchema.safeParse(meta);
  if (!parsedMeta.success) {
    return {
      ok: false,
      errors: zodIssues(parsedMeta.error, meta).map((each) => ({ ...each, code: 'edit.invalid_meta' })),
    };
  }
  const version = before.version + 1;
  const checked = checkCodebook({ ...before, version, codes: normalize(proposal.codes) });
  if (!checked.ok) return checked;
  const { by, at, why } = parsedMeta.data;
  const change: Change = {
    version,
    kind: proposal.kind,
    codeIds: proposal.codeIds,
    mappings: proposal.mappings ?? [],
    by,
    at,
    why: why.trim(),
  };
  return ok({ codebook: checked.value, change });
}

/** The usual refusals of an edit, worded once. */
export const refuse = {
  unknown: (id: string) => issue('edit.unknown_code', `There is no code "${id}" in this codebook.`, { codeId: id }),
  noChange: (id: string) =>
    issue('edit.no_change', `This would not change code "${id}"; no new version is made.`, { codeId: id }),
};
