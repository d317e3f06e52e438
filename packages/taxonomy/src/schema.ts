// zod schemas for the codebook model. The API validates request bodies with them
// and the web app drives its forms with them; the TS types are inferred from
// them so the two can never drift apart.
// The Code shape maps 1:1 onto the `codes` table (camelCase here, snake_case
// there; examples_json <-> examples, codable 0/1 <-> boolean): see rows.ts.
import { z } from 'zod';
import {
  COLOR_PATTERN,
  ID_PATTERN,
  MAX_CODES,
  MAX_EXAMPLES,
  MAX_ID_LENGTH,
  MAX_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  SHORTCUT_PATTERN,
} from './limits.ts';

export const codeIdSchema = z
  .string()
  .max(MAX_ID_LENGTH)
  .regex(ID_PATTERN, 'An id starts with a letter or digit and holds only letters, digits and . _ : -');

export const colorSchema = z.string().regex(COLOR_PATTERN, 'A color is written #RRGGBB');
export const shortcutSchema = z.string().regex(SHORTCUT_PATTERN, 'A shortcut is one key: 0-9 or a-z');
const text = z.string().max(MAX_TEXT_LENGTH);

/** An example quote, optionally linked to the post (posts.id) it was taken from. */
export const exampleSchema = z.object({
  quote: z.string().min(1).max(MAX_TEXT_LENGTH),
  postId: z.number().int().positive().optional(),
});

export const codeStatusSchema = z.enum(['active', 'deprecated']);

export const codeSchema = z.object({
  id: codeIdSchema,
  parentId: codeIdSchema.nullable(),
  position: z.number().int().nonnegative(),
  dimension: codeIdSchema,
  name: z.string().max(MAX_NAME_LENGTH),
  definition: text,
  includeNote: text,
  excludeNote: text,
  examples: z.array(exampleSchema).max(MAX_EXAMPLES),
  color: colorSchema.nullable(),
  shortcut: shortcutSchema.nullable(),
  status: codeStatusSchema,
  codable: z.boolean(),
});

export const codebookSchema = z.object({
  name: z.string().min(1).max(MAX_NAME_LENGTH),
  description: text,
  templateId: z.string().max(MAX_ID_LENGTH).nullable(),
  version: z.number().int().positive(),
  codes: z.array(codeSchema).max(MAX_CODES),
});

/** How labels of one version become labels of the next (stored in codebook_versions.mapping_json). */
export const mappingSchema = z.object({
  kind: z.enum(['merge', 'split']),
  from: z.array(codeIdSchema).min(1),
  to: z.array(codeIdSchema).min(1),
});

/** What a person fills in for a new code; the tree position comes from the operation. */
export const codeDraftSchema = z.object({
  id: codeIdSchema,
  name: z.string().max(MAX_NAME_LENGTH),
  definition: text.optional(),
  includeNote: text.optional(),
  excludeNote: text.optional(),
  examples: z.array(exampleSchema).max(MAX_EXAMPLES).optional(),
  color: colorSchema.nullable().optional(),
  shortcut: shortcutSchema.nullable().optional(),
  codable: z.boolean().optional(),
});

export const newCodeSchema = codeDraftSchema.extend({
  parentId: codeIdSchema.nullable(),
  position: z.number().int().nonnegative().optional(),
});

/** Fields updateCode may change; id, place and status have their own operations. */
export const codePatchSchema = codeDraftSchema.omit({ id: true }).partial();

/** Where moveCode puts a code: under `parentId` (null: a dimension), at `position` among its new siblings or last. */
export const moveTargetSchema = z.object({
  parentId: codeIdSchema.nullable(),
  position: z.number().int().nonnegative().optional(),
});

/** mergeCodes: the codes in `from` become `into`, an existing code's id or a new code. */
export const mergeInputSchema = z.object({
  from: z.array(codeIdSchema).min(1),
  into: z.union([codeIdSchema, codeDraftSchema]),
});

/** splitCode: `id` becomes the parts in `into` (one may reuse `id`); its children go to `childrenTo` or the first part. */
export const splitInputSchema = z.object({
  id: codeIdSchema,
  into: z.array(codeDraftSchema).min(2),
  childrenTo: codeIdSchema.optional(),
});

export const labelModeSchema = z.enum(['single', 'multi']);

export const changeMetaSchema = z.object({
  by: z.number().int().nullable(),
  at: z.iso.datetime({ offset: true }),
  why: z.string().trim().min(1, 'Say why the codebook changes').max(MAX_TEXT_LENGTH),
});

export type Example = z.infer<typeof exampleSchema>;
export type CodeStatus = z.infer<typeof codeStatusSchema>;
export type Code = z.infer<typeof codeSchema>;
export type Codebook = z.infer<typeof codebookSchema>;
export type Mapping = z.infer<typeof mappingSchema>;
export type CodeDraft = z.infer<typeof codeDraftSchema>;
export type NewCode = z.infer<typeof newCodeSchema>;
export type CodePatch = z.infer<typeof codePatchSchema>;
export type ChangeMeta = z.infer<typeof changeMetaSchema>;
export type MoveTarget = z.infer<typeof moveTargetSchema>;
export type MergeInput = z.infer<typeof mergeInputSchema>;
export type SplitInput = z.infer<typeof splitInputSchema>;
export type LabelMode = z.infer<typeof labelModeSchema>;
