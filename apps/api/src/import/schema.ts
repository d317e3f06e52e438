// The zod schema a route validates an import request's fields with (the file itself comes as
// a multipart upload). Mirrors the CLI's options.
import { z } from 'zod';
import { importFormats } from './formats.ts';
import { defaultMapping } from './limits.ts';

const columns = Object.keys(defaultMapping).filter((k) => k !== 'bodyFormat') as [string, ...string[]];

export const importRequestSchema = z.object({
  source: z.string().trim().min(1).max(200),
  sourceKind: z.enum(importFormats).optional(),
  format: z.enum(importFormats).optional(),
  mode: z.enum(['strict', 'lenient']).default('strict'),
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** date-fns pattern of CSV/JSONL created dates, e.g. "MMM d, yyyy h:mm a". */
  dateFormat: z.string().trim().min(1).max(100).optional(),
  mapping: z
    .object({
      ...Object.fromEntries(columns.map((c) => [c, z.string().trim().min(1).optional()])),
      bodyFormat: z.enum(['text', 'html']).optional(),
    })
    .strict()
    .optional(),
});
