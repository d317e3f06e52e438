import { checkLabels, codeIdSchema } from '@threadcoder/taxonomy';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireStudyRole } from '../auth/middleware.ts';
import { getQueueItem, listQueue, type QueueItem } from '../db/adjudication-queue.ts';
import { finalLabelSummary } from '../db/adjudication-summary.ts';
import { adjudicationWaiting } from '../db/adjudication-waiting.ts';
import { reopenAdjudication, settleAdjudication } from '../db/adjudications.ts';
import type { Db } from '../db/open.ts';
import { studyCodingSettings } from '../db/pinned-codebook.ts';
import { listRounds } from '../db/rounds.ts';
import { unitContext, unitPosts } from '../db/unit-context.ts';
import { scheduleRetrain } from '../suggest/retrain.ts';
import { getUnit, type UnitRow } from '../db/units.ts';
import type { AuthedEnv } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { UNIT_POSTS_PAGE, unitPostsAt, unitPostsQuery } from '../http/unit-posts-query.ts';
import { validate } from '../http/validate.ts';

const studyParam = z.object({ studyId: z.coerce.number().int() });
const unitParam = studyParam.extend({ unitId: z.coerce.number().int() });
const queueQuery = z.object({
  roundId: z.string().regex(/^\d+$/, 'A round id is a number').transform(Number).optional(),
  status: z.enum(['open', 'settled', 'reopened']).optional(),
  code: codeIdSchema.optional(),
  // A keyset page: `cursor` is the nextCursor of the page before (the last unit's position).
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, 'The cursor is the nextCursor of the page before.')
    .transform(Number)
    .optional(),
});
const settleBody = z
  .object({
    codeIds: z.array(z.string().max(100)).max(200).optional(),
    acceptCoderId: z.number().int().positive().optional(),
    rationale: z.string().trim().min(1, 'Write down why these are the final labels.').max(20_000),
  })
  .refine((b) => (b.codeIds === undefined) !== (b.acceptCoderId === undefined), {
    message: "Give either the final codeIds or acceptCoderId (to take one coder's labels).",
    path: ['codeIds'],
  });

const notInAdjudication = () => new AppError('not_found', 404, 'This unit is not in adjudication.');

/** The labels of the coder whose set the adjudicator accepts; 400 if that coder did not code the unit. */
function acceptedLabels(item: QueueItem, coderId: number): string[] {
  const coding = item.codings.find((c) => c.coderId === coderId);
  if (!coding)
    throw new AppError('adjudication.unknown_coder', 400, 'That person did not code this unit.', {
      field: 'acceptCoderId',
    });
  return coding.codeIds;
}

/** The unit as the adjudicator reads it: as first coded (the oldest revision a coding was made on), with what changed since. */
function asFirstCoded(item: QueueItem): number | null {
  const revisions = item.codings.map((coding) => coding.revision);
  return revisions.length ? Math.min(...revisions) : null;
}

/**
 * Adjudicators and owners settle the units where coders disagreed. Everything here shows
 * codings only through the blind rule (visibility.ts), which a unit in adjudication passes.
 */
export function adjudicationRoutes(db: Db) {
  const roles = requireStudyRole(db, 'adjudicator', 'owner');
  const inAdjudication = (studyId: number, unitId: number, userId: number): { item: QueueItem; unit: UnitRow } => {
    const item = getQueueItem(db, studyId, unitId, userId);
    const unit = getUnit(db, studyId, unitId);
    if (!item || !unit) throw notInAdjudication();
    return { item, unit };
  };
  return new Hono<AuthedEnv>()
    .get('/', roles, validate('param', studyParam), validate('query', queueQuery), (c) => {
      const { studyId } = c.req.valid('param');
      const { limit, cursor, ...filter } = c.req.valid('query');
      // Without a limit, the whole queue (the Adjudication page lists it); with one, a keyset page.
      const page = limit === undefined ? undefined : { limit: limit + 1, after: cursor ?? 0 };
      const rows = listQueue(db, studyId, c.get('user').id, filter, page);
      const more = limit !== undefined && rows.length > limit;
      const items = more ? rows.slice(0, limit) : rows;
      return c.json({ items, nextCursor: more ? String(items.at(-1)!.position) : null });
    })
    .get('/choices', roles, validate('param', studyParam), (c) => {
      const { studyId } = c.req.valid('param');
      const { versionId, labelMode, codebook } = studyCodingSettings(db, studyId);
      return c.json({ versionId, labelMode, codes: codebook.codes, rounds: listRounds(db, studyId) });
    })
    .get('/final-labels', roles, validate('param', studyParam), (c) =>
      c.json(finalLabelSummary(db, c.req.valid('param').studyId)),
    )
    .get('/waiting', roles, validate('param', studyParam), (c) =>
      c.json(adjudicationWaiting(db, c.req.valid('param').studyId, { operator: false, userId: c.get('user').id })),
    )
    .get('/units/:unitId', roles, validate('param', unitParam), (c) => {
      const { studyId, unitId } = c.req.valid('param');
      const { item, unit } = inAdjudication(studyId, unitId, c.get('user').id);
      // A thread unit's first page; GET …/posts brings the others.
      const window = { at: { after: { postNumber: 0 } }, limit: UNIT_POSTS_PAGE };
      return c.json({ item, ...unitContext(db, unit, asFirstCoded(item), window) });
    })
    .get('/units/:unitId/posts', roles, validate('param', unitParam), validate('query', unitPostsQuery), (c) => {
      const { studyId, unitId } = c.req.valid('param');
      const { limit, ...query } = c.req.valid('query');
      const at = unitPostsAt(query);
      const { item, unit } = inAdjudication(studyId, unitId, c.get('user').id);
      return c.json(unitPosts(db, unit, asFirstCoded(item), { at, limit }));
    })
    .post('/units/:unitId/settle', roles, validate('param', unitParam), validate('json', settleBody), (c) => {
      const { studyId, unitId } = c.req.valid('param');
      const { codeIds, acceptCoderId, rationale } = c.req.valid('json');
      const user = c.get('user');
      const { item: current } = inAdjudication(studyId, unitId, user.id);
      const chosen = acceptCoderId === undefined ? codeIds! : acceptedLabels(current, acceptCoderId);
      const settings = studyCodingSettings(db, studyId);
      const checked = checkLabels(settings.codebook, chosen, settings.labelMode);
      if (!checked.ok) {
        const first = checked.errors[0]!;
        throw new AppError(first.code, 400, first.message, {
          field: acceptCoderId === undefined ? (first.where.field ?? 'codeIds') : 'acceptCoderId',
        });
      }
      const item = settleAdjudication(db, studyId, unitId, user.id, {
        codeIds: chosen,
        rationale,
        acceptedCoderId: acceptCoderId,
      });
      // New final labels: the suggestion model learns from them (debounced, in a worker).
      scheduleRetrain(db, studyId);
      return c.json({ item });
    })
    .post('/units/:unitId/reopen', roles, validate('param', unitParam), (c) => {
      const { studyId, unitId } = c.req.valid('param');
      inAdjudication(studyId, unitId, c.get('user').id);
      const item = reopenAdjudication(db, studyId, unitId, c.get('user').id);
      scheduleRetrain(db, studyId);
      return c.json({ item });
    });
}
