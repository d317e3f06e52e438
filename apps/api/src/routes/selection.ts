import { Hono } from 'hono';
import { z } from 'zod';
import { requireStudyRole } from '../auth/middleware.ts';
import type { Db } from '../db/open.ts';
import { changeSelection, getSelection } from '../db/selection.ts';
import type { AuthedEnv } from '../http/env.ts';
import { validate } from '../http/validate.ts';
import { threadFilterSchema } from '../threads/filters.ts';

const filter = threadFilterSchema.strict();
const rule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('filter'), filter }),
  // Any of the terms, matched like the search box over titles and posts; the filter narrows (e.g. to one source).
  z.object({
    kind: z.literal('keywords'),
    terms: z.array(z.string().trim().min(1).max(200)).min(1).max(50),
    filter: filter.omit({ q: true }).default({}),
    /** Also match the words posts quote from other posts; own words only by default. */
    withQuotes: z.boolean().default(false),
  }),
  z.object({ kind: z.literal('pick'), threadIds: z.array(z.number().int().positive()).min(1).max(5000) }),
]);
const changeBody = z.object({ action: z.enum(['add', 'remove']), rule, dryRun: z.boolean().default(false) });

/**
 * The threads selected into a study (its sampling population): every member reads the counts and rules; owners change it.
 * A dry run (the preview) counts up to countCap matches; a change counts and records all of them.
 */
export function selectionRoutes(db: Db, countCap: number) {
  return new Hono<AuthedEnv>()
    .get('/', requireStudyRole(db), (c) => c.json({ selection: getSelection(db, Number(c.req.param('studyId'))) }))
    .post('/', requireStudyRole(db, 'owner'), validate('json', changeBody), (c) => {
      const { action, rule: r, dryRun } = c.req.valid('json');
      return c.json(
        changeSelection(db, Number(c.req.param('studyId')), c.get('user'), action, r, { dryRun, countCap }),
      );
    });
}
