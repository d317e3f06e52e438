import { Hono } from 'hono';
import { z } from 'zod';
import { requireStudyRole } from '../auth/middleware.ts';
import type { Db } from '../db/open.ts';
import type { AuthedEnv } from '../http/env.ts';
import { validate } from '../http/validate.ts';
import { commitLabelImport, previewLabelImport } from '../labels/label-import.ts';

const labelsBody = z.object({
  csv: z.string().max(5_000_000),
  kind: z.enum(['codings', 'final']).optional(),
  fileName: z.string().max(300).optional(),
  mapping: z.record(z.string(), z.string()).optional(),
});

/**
 * Existing labels brought in from CSV as codings or final labels (owners only): POST /preview writes nothing and lists what
 * matches nothing; POST / writes the same plan in one transaction once the person has confirmed.
 */
export function labelImportRoutes(db: Db) {
  const studyId = (c: { req: { param: (name: 'studyId') => string } }) => Number(c.req.param('studyId'));
  return new Hono<AuthedEnv>()
    .post('/preview', requireStudyRole(db, 'owner'), validate('json', labelsBody), (c) =>
      c.json(previewLabelImport(db, studyId(c), c.get('user').id, c.req.valid('json'))),
    )
    .post('/', requireStudyRole(db, 'owner'), validate('json', labelsBody), (c) =>
      c.json(commitLabelImport(db, studyId(c), c.get('user').id, c.req.valid('json')), 201),
    );
}
