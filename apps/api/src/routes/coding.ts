import { checkLabels } from '@threadcoder/taxonomy';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireStudyRole, rolesIn } from '../auth/middleware.ts';
import { codingTarget, getCoding, saveCoding } from '../db/codings.ts';
import { staleSave } from '../db/coding-version.ts';
import { groupCommit } from '../db/group-commit.ts';
import { assertQuotesMatchText } from '../db/quote-check.ts';
import { myUnitsSummary } from '../db/my-units-summary.ts';
import type { Db } from '../db/open.ts';
import { getRound } from '../db/rounds.ts';
import { unitContext, unitPosts } from '../db/unit-context.ts';
import { rankingFor } from '../suggest/uncertainty-ranking.ts';
import { getUnit, isAssigned, isHandedOver, listAssignedUnits } from '../db/units.ts';
import type { AuthedEnv } from '../http/env.ts';
import { AppError, errorBody, forbidden, notFound } from '../http/errors.ts';
import { UNIT_POSTS_PAGE, unitPostsAt, unitPostsQuery } from '../http/unit-posts-query.ts';
import { validate } from '../http/validate.ts';

const unitParam = z.object({ studyId: z.coerce.number().int(), unitId: z.coerce.number().int() });
const quote = z
  .object({
    text: z.string().min(1).max(5000),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((q) => q.end >= q.start, { message: 'A quote ends where it starts or later.', path: ['end'] });
// The order of my-units: the round's, or "most uncertain first" as ranked at `rankedAt` by model
// `modelVersion` (the `ranking` of the first answer; both left out, a new ranking from now).
const unitOrder = {
  order: z.enum(['position', 'uncertainty']).default('position'),
  // Compared as text with codings' created_at (toISOString): written the same way, with milliseconds.
  rankedAt: z.iso
    .datetime()
    .transform((at) => new Date(at).toISOString())
    .optional(),
  modelVersion: z.coerce.number().int().positive().optional(),
};
type UnitOrder = { order: string; rankedAt?: string | undefined; modelVersion?: number | undefined };
const onlyRanked = (q: UnitOrder) => q.rankedAt === undefined || q.order === 'uncertainty';
// A page names the whole ranking it belongs to, the model's version too: a retrained model ranks differently.
const wholeRanking = (q: UnitOrder) => (q.rankedAt === undefined) === (q.modelVersion === undefined);
const rankingMessage = 'rankedAt and modelVersion come together, from the ranking of the first answer.';
const begunRanking = ({ rankedAt, modelVersion }: UnitOrder) =>
  rankedAt === undefined || modelVersion === undefined ? undefined : { rankedAt, modelVersion };
// A page of my-units: `cursor` is the last position seen (nextCursor of the page before; the
// round's order only), or `offset` the index of the page's first unit (a virtual list asks for the rows in view).
const unitPageQuery = z
  .object({
    ...unitOrder,
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    cursor: z
      .string()
      .regex(/^\d{1,15}$/, 'The cursor is the nextCursor of the page before.')
      .transform(Number)
      .optional(),
    offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
  })
  .refine((q) => q.offset === undefined || q.limit !== undefined, {
    message: 'An offset needs a limit.',
    path: ['limit'],
  })
  .refine((q) => q.offset === undefined || q.cursor === undefined, {
    message: 'Give a cursor or an offset, not both.',
    path: ['offset'],
  })
  .refine((q) => q.cursor === undefined || q.order === 'position', {
    message: 'Most uncertain first pages by offset, not by cursor.',
    path: ['cursor'],
  })
  .refine(onlyRanked, { message: 'rankedAt belongs to order=uncertainty.', path: ['rankedAt'] })
  .refine(wholeRanking, { message: rankingMessage, path: ['modelVersion'] });
const summaryQuery = z
  .object({ unitId: z.coerce.number().int().positive().optional(), ...unitOrder })
  .refine(onlyRanked, { message: 'rankedAt belongs to order=uncertainty.', path: ['rankedAt'] })
  .refine(wholeRanking, { message: rankingMessage, path: ['modelVersion'] });
const codingBody = z.object({
  codeIds: z.array(z.string().max(100)).max(200),
  memo: z.string().max(20_000).default(''),
  unsure: z.boolean().default(false),
  quotes: z.record(z.string(), quote).default({}),
  /** The version of the coding this edit started from (0: none yet); left out, the save overwrites whatever is stored. */
  baseVersion: z.number().int().nonnegative().optional(),
});

/** A coder's own work: their unit list, one unit in context with their coding, and saving it. */
export function codingRoutes(db: Db) {
  const loadUnit = (studyId: number, unitId: number, user: { id: number; isAdmin: boolean }) => {
    const unit = getUnit(db, studyId, unitId);
    if (!unit) throw notFound('The unit');
    const roles = rolesIn(db, studyId, user);
    const assigned = isAssigned(db, unitId, user.id);
    if (!assigned && !roles.includes('owner') && !roles.includes('adjudicator'))
      throw forbidden('This unit is not assigned to you.');
    return { unit, assigned };
  };
  return new Hono<AuthedEnv>()
    .get('/rounds/:roundId/my-units', requireStudyRole(db), validate('query', unitPageQuery), (c) => {
      const studyId = Number(c.req.param('studyId'));
      const round = getRound(db, studyId, Number(c.req.param('roundId')));
      const query = c.req.valid('query');
      const { limit, cursor, offset, order } = query;
      const userId = c.get('user').id;
      const ranking = order === 'uncertainty' ? rankingFor(db, studyId, round.id, userId, begunRanking(query)) : null;
      // Without a limit, every unit; with one, a page.
      const page = limit === undefined ? undefined : { limit: limit + 1, after: cursor ?? 0, offset: offset ?? 0 };
      const rows = listAssignedUnits(db, studyId, round.id, userId, page, ranking);
      const more = limit !== undefined && rows.length > limit;
      const units = more ? rows.slice(0, limit) : rows;
      // A ranked page's next one is at the next offset: its cursor only says there is one.
      const nextCursor = more ? String(ranking ? (offset ?? 0) + limit : units.at(-1)!.position) : null;
      return c.json({ round, units, nextCursor, ranking });
    })
    .get('/rounds/:roundId/my-units/summary', requireStudyRole(db), validate('query', summaryQuery), (c) => {
      const studyId = Number(c.req.param('studyId'));
      const round = getRound(db, studyId, Number(c.req.param('roundId')));
      const query = c.req.valid('query');
      const userId = c.get('user').id;
      const ranking =
        query.order === 'uncertainty' ? rankingFor(db, studyId, round.id, userId, begunRanking(query)) : null;
      return c.json({ ...myUnitsSummary(db, studyId, round.id, userId, query.unitId ?? null, ranking), ranking });
    })
    .get('/units/:unitId', requireStudyRole(db), validate('param', unitParam), (c) => {
      const { studyId, unitId } = c.req.valid('param');
      const { unit } = loadUnit(studyId, unitId, c.get('user'));
      const round = getRound(db, studyId, unit.roundId);
      const coding = getCoding(db, unitId, c.get('user').id);
      return c.json({
        unit: { ...unit, roundStatus: round.status, handedOver: isHandedOver(db, unitId) },
        // The coder reads the unit as they coded it; a new coding is made on the current text.
        ...unitContext(db, unit, coding?.revision ?? null, {
          at: { after: { postNumber: 0 } },
          limit: UNIT_POSTS_PAGE,
        }),
        coding,
      });
    })
    .get(
      '/units/:unitId/posts',
      requireStudyRole(db),
      validate('param', unitParam),
      validate('query', unitPostsQuery),
      (c) => {
        const { studyId, unitId } = c.req.valid('param');
        const { limit, ...query } = c.req.valid('query');
        const at = unitPostsAt(query);
        const { unit } = loadUnit(studyId, unitId, c.get('user'));
        // The posts as the coder's coding was made on them (a new coding: the current ones).
        return c.json(unitPosts(db, unit, getCoding(db, unitId, c.get('user').id)?.revision ?? null, { at, limit }));
      },
    )
    .put(
      '/units/:unitId/coding',
      requireStudyRole(db, 'coder'),
      validate('param', unitParam),
      validate('json', codingBody),
      async (c) => {
        const { studyId, unitId } = c.req.valid('param');
        const user = c.get('user');
        const { baseVersion, ...body } = c.req.valid('json');
        // Checks and write run together in a group commit (db/group-commit.ts), so nothing changes in between.
        const outcome = await groupCommit(db, () => {
          // One query for the unit, its assignment, round and codebook (404/403/409 as loadUnit etc. would answer).
          const target = codingTarget(db, studyId, unitId, user.id);
          const checked = checkLabels(target.codebook, body.codeIds, target.labelMode);
          if (!checked.ok) {
            const first = checked.errors[0]!;
            throw new AppError(first.code, 400, first.message, { field: first.where.field ?? 'codeIds' });
          }
          const stray = Object.keys(body.quotes).find((id) => !body.codeIds.includes(id));
          if (stray)
            throw new AppError(
              'coding.quote_without_code',
              400,
              `A quote is attached to "${stray}", which is not among the labels.`,
              { field: `quotes.${stray}` },
            );
          assertQuotesMatchText(db, unitId, user.id, body.quotes);
          const stale = baseVersion === undefined ? null : staleSave(db, unitId, user.id, baseVersion, body);
          return stale ?? { saved: saveCoding(db, studyId, unitId, user.id, target.versionId, body) };
        });
        if ('saved' in outcome) return c.json({ coding: outcome.saved });
        const message =
          'This coding was changed in another tab or on another device after you opened it. Choose which version to keep.';
        return c.json(
          { ...errorBody('coding.stale', message, { field: 'baseVersion' }), coding: outcome.current },
          409,
        );
      },
    );
}
