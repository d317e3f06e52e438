// The one gate for a codebook that comes from outside (a request body, a file,
// the result of an operation): field shapes via zod, then the semantic rules.
// The API can also use `validCodebookSchema` directly inside zValidator.
import type { z } from 'zod';
import { formatPath, issue, ok, type Result, type TaxonomyIssue } from './issues.ts';
import { codebookSchema, type Codebook } from './schema.ts';
import { validateCodebook } from './validate.ts';

export function checkCodebook(input: unknown): Result<Codebook> {
  const parsed = codebookSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodIssues(parsed.error, input) };
  const issues = validateCodebook(parsed.data);
  return issues.length > 0 ? { ok: false, errors: issues } : ok(parsed.data);
}

/** zod issues in the package's shape; `codeId` is filled in when the path points into a code. */
export function zodIssues(error: z.ZodError, input: unknown, prefix: readonly PropertyKey[] = []): TaxonomyIssue[] {
  return error.issues.map((each) => {
    const field = formatPath([...prefix, ...each.path]);
    const codeId = codeIdAt(input, each.path);
    const where = codeId === undefined ? { field } : { field, codeId };
    return issue('codebook.invalid_field', `${field || 'codebook'}: ${each.message}`, where);
  });
}

function codeIdAt(input: unknown, path: readonly PropertyKey[]): string | undefined {
  if (path[0] !== 'codes' || typeof path[1] !== 'number') return undefined;
  const codes = (input as { codes?: unknown } | null)?.codes;
  const code = Array.isArray(codes) ? (codes[path[1]] as { id?: unknown } | undefined) : undefined;
  return typeof code?.id === 'string' ? code.id : undefined;
}

/** codebookSchema plus the semantic rules, for validating request bodies in one step. */
export const validCodebookSchema = codebookSchema.superRefine((codebook, ctx) => {
  for (const each of validateCodebook(codebook)) {
    ctx.addIssue({
      code: 'custom',
      message: each.message,
      path: pathOf(each.where.field),
      params: { code: each.code },
    });
  }
});

function pathOf(field: string | undefined): (string | number)[] {
  if (!field) return [];
  return field
    .split(/\.|\[|\]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
