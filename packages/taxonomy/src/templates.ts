// Codebook templates (data/templates/taxonomy-templates.json): published
// taxonomies a study can start from. This file only converts; reading the file
// is the caller's job, so the package stays free of I/O.
import { z } from 'zod';
import { checkCodebook, zodIssues } from './check.ts';
import { freeColors } from './colors.ts';
import { fail, issue, type Result } from './issues.ts';
import { SHORTCUT_KEYS } from './limits.ts';
import { codeIdSchema, type Code, type Codebook } from './schema.ts';
import { normalize, preorder } from './tree.ts';

/** The Hugging Face forum template: the default codebook of a new forum study. */
export const DEFAULT_TEMPLATE_ID = 'hf-forum-ptm-reuse';

export const templateSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  source: z.string(),
  dimensions: z.array(z.object({ id: codeIdSchema, name: z.string() })).min(1),
  codes: z.array(
    z.object({
      id: codeIdSchema,
      dimension: codeIdSchema,
      name: z.string(),
      definition: z.string(),
      parent: codeIdSchema.optional(),
      /** How many instances the published study coded with this category (its replication package). */
      reportedCount: z.number().int().nonnegative().optional(),
    }),
  ),
});

export const templateFileSchema = z.object({
  about: z.string().optional(),
  templates: z.array(templateSchema),
});

export type Template = z.infer<typeof templateSchema>;

/**
 * Version 1 of a codebook made from a template: dimensions become non-codable
 * roots, codes hang under their `parent` or else their dimension, every code
 * gets a distinct color, and codable codes get shortcut keys in tree order
 * (1-9, then a-z without the keys the coding screen keeps) while keys last.
 */
export function templateToCodebook(input: unknown): Result<Codebook> {
  const parsed = templateSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, errors: zodIssues(parsed.error, input).map((each) => ({ ...each, code: 'template.invalid' })) };
  const template = parsed.data;
  const dimensions = new Set(template.dimensions.map((dimension) => dimension.id));
  const codeDimension = new Map(template.codes.map((code) => [code.id, code.dimension]));
  for (const [index, code] of template.codes.entries()) {
    const where = { codeId: code.id, field: `codes[${index}]` };
    if (!dimensions.has(code.dimension)) {
      return fail(
        issue(
          'template.unknown_dimension',
          `Code "${code.id}" names a dimension "${code.dimension}" the template does not have.`,
          where,
        ),
      );
    }
    const parentDimension = code.parent === undefined ? code.dimension : codeDimension.get(code.parent);
    if (parentDimension !== undefined && parentDimension !== code.dimension) {
      return fail(
        issue(
          'template.dimension_mismatch',
          `Code "${code.id}" is in "${code.dimension}" but its parent "${code.parent}" is in "${parentDimension}".`,
          where,
        ),
      );
    }
  }
  const blank = {
    includeNote: '',
    excludeNote: '',
    examples: [],
    color: null,
    shortcut: null,
    status: 'active' as const,
  };
  const codes: Code[] = [
    ...template.dimensions.map((dimension, position) => ({
      ...blank,
      id: dimension.id,
      parentId: null,
      position,
      dimension: dimension.id,
      name: dimension.name,
      definition: '',
      codable: false,
    })),
    ...template.codes.map((code, position) => ({
      ...blank,
      id: code.id,
      parentId: code.parent ?? code.dimension,
      position,
      dimension: code.dimension,
      name: code.name,
      definition: code.definition,
      codable: true,
    })),
  ];
  return checkCodebook({
    name: template.name,
    description: template.source,
    templateId: template.id,
    version: 1,
    codes: withDefaults(normalize(codes)),
  });
}

function withDefaults(codes: Code[]): Code[] {
  const ordered = preorder(codes);
  const colors = freeColors(ordered.length);
  const keys = [...SHORTCUT_KEYS];
  return ordered.map((code, index) => ({
    ...code,
    color: colors[index] ?? null,
    shortcut: code.codable ? (keys.shift() ?? null) : null,
  }));
}
