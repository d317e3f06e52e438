import { Hono } from 'hono';
import { z } from 'zod';
import { requireStudyRole } from '../auth/middleware.ts';
import { readAudit } from '../db/audit-read.ts';
import type { Db } from '../db/open.ts';
import type { AuthedEnv } from '../http/env.ts';
import { validate } from '../http/validate.ts';

const auditQuery = z.object({
  page: z.coerce.number().int().positive().default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  action: z.string().min(1).max(100).optional(),
  entity: z.string().min(1).max(100).optional(),
  userId: z.coerce.number().int().positive().optional(),
});

/** A study's audit log for its owners, newest first; coding changes stay hidden while blind (db/audit-read.ts). */
export function auditRoutes(db: Db) {
  return new Hono<AuthedEnv>().get('/', requireStudyRole(db, 'owner'), validate('query', auditQuery), (c) => {
    const { page, pageSize, ...filter } = c.req.valid('query');
    const studyId = Number(c.req.param('studyId'));
    return c.json({ ...readAudit(db, studyId, c.get('user').id, filter, page, pageSize), page, pageSize });
  });
}
