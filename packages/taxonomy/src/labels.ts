// What a coder may apply to a unit. The API calls this before it stores a
// coding, so a label set that passed is one the codebook version allows.
import { issue, orFail, type Result, type TaxonomyIssue } from './issues.ts';
import type { Codebook, LabelMode } from './schema.ts';
import { ancestorIds, indexById } from './tree.ts';

/**
 * Refuses unknown codes, codes that are not codable (dimensions, folders),
 * deprecated codes or codes under a deprecated ancestor, repeated ids, and more
 * than one label in single-label mode. An empty set is allowed: a coding may
 * hold only a memo or an "unsure" flag.
 */
export function checkLabels(codebook: Codebook, codeIds: readonly string[], mode: LabelMode): Result<string[]> {
  const byId = indexById(codebook.codes);
  const out: TaxonomyIssue[] = [];
  if (mode === 'single' && codeIds.length > 1) {
    out.push(
      issue('labels.too_many', `This study takes one label per unit; got ${codeIds.length}.`, { field: 'codeIds' }),
    );
  }
  const seen = new Set<string>();
  codeIds.forEach((id, index) => {
    const where = { codeId: id, field: `codeIds[${index}]` };
    const code = byId.get(id);
    if (seen.has(id)) {
      out.push(issue('labels.duplicate', `The code "${id}" is given twice.`, where));
    } else if (!code) {
      out.push(
        issue('labels.unknown_code', `There is no code "${id}" in version ${codebook.version} of the codebook.`, where),
      );
    } else if (!code.codable) {
      const what = code.parentId === null ? 'a dimension' : 'a grouping code';
      out.push(
        issue(
          'labels.not_codable',
          `"${code.name}" is ${what} and cannot be applied; choose one of the codes under it.`,
          where,
        ),
      );
    } else {
      const retired = [id, ...ancestorIds(byId, id)].find((each) => byId.get(each)?.status === 'deprecated');
      if (retired !== undefined) {
        const why = retired === id ? 'is deprecated' : `lies under the deprecated "${byId.get(retired)?.name}"`;
        out.push(issue('labels.deprecated', `"${code.name}" ${why} and can no longer be applied.`, where));
      }
    }
    seen.add(id);
  });
  return orFail(out, [...codeIds]);
}
