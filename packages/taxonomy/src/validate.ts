// Semantic rules of a codebook, beyond the field shapes zod checks. Every
// operation and importer ends here, so a Codebook that passed is safe to store,
// export and code against. Each issue names the code and the field at fault.
import { MAX_CODES, MAX_DEPTH } from './limits.ts';
import { issue, type TaxonomyIssue } from './issues.ts';
import type { Code, Codebook } from './schema.ts';
import { ancestorIds, indexById } from './tree.ts';
import { checkCodeFields } from './validate-fields.ts';
import { findCycles } from './validate-cycles.ts';

export function validateCodebook(codebook: Codebook): TaxonomyIssue[] {
  const codes = codebook.codes;
  if (codes.length === 0) {
    return [issue('codebook.empty', 'A codebook needs at least one dimension.', { field: 'codes' })];
  }
  if (codes.length > MAX_CODES) {
    return [
      issue('codebook.too_many_codes', `A codebook holds at most ${MAX_CODES} codes; this one has ${codes.length}.`, {
        field: 'codes',
      }),
    ];
  }
  const issues = checkCodeFields(codes);
  const byId = indexById(codes);
  const inCycle = new Set<string>();
  for (const cycle of findCycles(codes, byId)) {
    cycle.ids.forEach((id) => {
      inCycle.add(id);
    });
    const message =
      cycle.ids.length === 1
        ? `Code "${cycle.ids[0]}" is its own parent.`
        : `Codes ${cycle.ids.map((id) => `"${id}"`).join(' → ')} are each other's ancestors.`;
    issues.push(issue('codebook.cycle', message, { codeId: cycle.ids[0], field: `codes[${cycle.index}].parentId` }));
  }
  codes.forEach((code, index) => {
    if (code.parentId === null || byId.has(code.parentId)) return;
    issues.push(
      issue(
        'codebook.missing_parent',
        `Code "${code.id}" names a parent "${code.parentId}" that is not in the codebook.`,
        { codeId: code.id, field: `codes[${index}].parentId` },
      ),
    );
  });
  codes.forEach((code, index) => {
    if (!inCycle.has(code.id)) issues.push(...checkPlace(code, index, byId));
  });
  issues.push(...checkSiblings(codes));
  return issues;
}

/** Root codes are the dimensions: not codable, and every code carries its root's id. */
function checkPlace(code: Code, index: number, byId: ReadonlyMap<string, Code>): TaxonomyIssue[] {
  const where = (field: string) => ({ codeId: code.id, field: `codes[${index}].${field}` });
  const ancestors = ancestorIds(byId, code.id);
  const top = ancestors.at(-1) ?? code.id;
  if (byId.get(top)?.parentId !== null) return []; // missing parent: reported above
  const out: TaxonomyIssue[] = [];
  if (code.parentId === null && code.codable) {
    out.push(
      issue(
        'codebook.codable_dimension',
        `"${code.name}" is a dimension (a root code) and cannot be codable.`,
        where('codable'),
      ),
    );
  }
  if (code.dimension !== top) {
    out.push(
      issue(
        'codebook.wrong_dimension',
        `Code "${code.id}" lies under dimension "${top}" but says "${code.dimension}".`,
        where('dimension'),
      ),
    );
  }
  if (ancestors.length > MAX_DEPTH) {
    out.push(
      issue(
        'codebook.too_deep',
        `Code "${code.id}" is ${ancestors.length} levels deep; the limit is ${MAX_DEPTH}.`,
        where('parentId'),
      ),
    );
  }
  return out;
}

/** Names and positions are unique among siblings (names ignoring case and outer spaces). */
function checkSiblings(codes: readonly Code[]): TaxonomyIssue[] {
  const out: TaxonomyIssue[] = [];
  const names = new Map<string, Code>();
  const positions = new Map<string, Code>();
  codes.forEach((code, index) => {
    const nameKey = `${code.parentId ?? ''}\u0000${code.name.trim().toLowerCase()}`;
    const sibling = names.get(nameKey);
    if (sibling && code.name.trim() !== '') {
      out.push(
        issue(
          'codebook.duplicate_name',
          `Codes "${sibling.id}" and "${code.id}" share the name "${code.name.trim()}" under the same parent.`,
          { codeId: code.id, field: `codes[${index}].name` },
        ),
      );
    } else names.set(nameKey, code);
    const positionKey = `${code.parentId ?? ''}\u0000${code.position}`;
    const samePlace = positions.get(positionKey);
    if (samePlace) {
      out.push(
        issue(
          'codebook.duplicate_position',
          `Codes "${samePlace.id}" and "${code.id}" both sit at position ${code.position} under the same parent.`,
          { codeId: code.id, field: `codes[${index}].position` },
        ),
      );
    } else positions.set(positionKey, code);
  });
  return out;
}
