import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { requireStudyRole, rolesIn } from '../auth/middleware.ts';
import { agreementDisagreements, agreementSummary } from '../db/agreement.ts';
import { agreementCsv } from '../exports/agreement-csv.ts';
import { studyAgreementSettings } from '../db/agreement-data.ts';
import type { Db } from '../db/open.ts';
import type { AuthedEnv } from '../http/env.ts';
import { forbidden } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import type { AppTasks } from '../workers/tasks.ts';

const studyParam = z.object({ studyId: z.coerce.number().int() });
const agreementQuery = z.object({
  roundId: z.string().regex(/^\d+$/, 'A round id is a number').transform(Number).optional(),
  bootstrap: z
    .string()
    .regex(/^\d+$/, 'bootstrap is a number of resamples')
    .transform(Number)
    .pipe(z.number().int().min(2).max(10_000))
    .optional(),
  // The generator takes a 32-bit seed; a wider one would silently repeat another seed's draws.
  seed: z
    .string()
    .regex(/^-?\d+$/, 'A seed is an integer')
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(-(2 ** 31))
        .max(2 ** 31 - 1),
    )
    .optional(),
  pair: z
    .string()
    .regex(/^\d+,\d+$/, 'A pair is two user ids: "a,b"')
    .transform((s) => s.split(',').map(Number) as [number, number])
    .optional(),
  assisted: z.enum(['include', 'exclude']).optional(),
});
const exportQuery = agreementQuery.extend({ format: z.enum(['csv', 'json']) });
type AgreementQuery = z.infer<typeof agreementQuery>;
const disagreementQuery = agreementQuery.pick({ roundId: true, assisted: true }).extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'The cursor is the nextCursor of the page before.')
    .transform(Number)
    .optional(),
});

/**
 * Owners and adjudicators see the statistics; coders only once the study is not blind. What
 * they are computed from is what the caller may count (db/visibility.ts): never others'
 * codings of an open blind round the caller codes in, and unit-level detail by the blind rule.
 */
function requireAgreementAccess(db: Db): MiddlewareHandler<AuthedEnv> {
  return async (c, next) => {
    const studyId = Number(c.req.param('studyId'));
    const roles = rolesIn(db, studyId, c.get('user'));
    if (!roles.includes('owner') && !roles.includes('adjudicator') && studyAgreementSettings(db, studyId).blind) {
      throw forbidden(
        'Agreement is hidden from coders while the study is blind, so that no coder learns how the others label.',
      );
    }
    await next();
  };
}

/**
 * Inter-rater agreement of a study: the report as JSON (disagreements paged apart), and as CSV or
 * JSON files. With bootstrap intervals (thousands of resamples) it is computed on a worker thread
 * (workers/tasks.ts).
 */
export function agreementRoutes(db: Db, tasks: AppTasks) {
  const access = [requireStudyRole(db), requireAgreementAccess(db)] as const;
  const summary = async (c: Context<AuthedEnv>, studyId: number, query: AgreementQuery) => {
    const viewer = { operator: false, userId: c.get('user').id } as const;
    return query.bootstrap
      ? tasks.run('agreement', [studyId, viewer, query], { signal: c.req.raw.signal })
      : agreementSummary(db, studyId, viewer, query);
  };
  return new Hono<AuthedEnv>()
    .get('/', ...access, validate('param', studyParam), validate('query', agreementQuery), async (c) => {
      // The disagreements themselves come a page at a time from /disagreements; here only their number.
      const { disagreements, ...report } = await summary(c, c.req.valid('param').studyId, c.req.valid('query'));
      return c.json({ ...report, disagreementCount: disagreements.length });
    })
    .get('/disagreements', ...access, validate('param', studyParam), validate('query', disagreementQuery), (c) => {
      const { studyId } = c.req.valid('param');
      const { limit, cursor, ...query } = c.req.valid('query');
      const viewer = { operator: false, userId: c.get('user').id };
      return c.json(agreementDisagreements(db, studyId, viewer, query, { limit, cursor }));
    })
    .get('/export', ...access, validate('param', studyParam), validate('query', exportQuery), async (c) => {
      const { studyId } = c.req.valid('param');
      const { format, ...query } = c.req.valid('query');
      const report = await summary(c, studyId, query);
      const name = `agreement-study-${studyId}${query.roundId === undefined ? '' : `-round-${query.roundId}`}.${format}`;
      const body = format === 'csv' ? agreementCsv(report) : `${JSON.stringify(report, null, 2)}\n`;
      const type = format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8';
      return c.body(body, 200, { 'Content-Type': type, 'Content-Disposition': `attachment; filename="${name}"` });
    });
}
