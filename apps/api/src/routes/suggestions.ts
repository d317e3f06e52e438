import { Hono } from 'hono';
import { z } from 'zod';
import { requireStudyRole, rolesIn } from '../auth/middleware.ts';
import { getCoding } from '../db/codings.ts';
import type { Db } from '../db/open.ts';
import { getRound } from '../db/rounds.ts';
import { resultsVisible } from '../db/visibility.ts';
import type { AuthedEnv } from '../http/env.ts';
import { AppError, forbidden } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { assertSuggestionsAllowed } from '../suggest/access.ts';
import { setAssisted } from '../suggest/assisted-rounds.ts';
import { ownFeedback, recordFeedback } from '../suggest/feedback.ts';
import { SUGGEST_THRESHOLD } from '../suggest/model.ts';
import { loadScorer, modelInfo, storedEvaluation } from '../suggest/model-store.ts';
import { retrainNow, retrainPending, scheduleRetrain } from '../suggest/retrain.ts';
import { uncertaintyQueue } from '../suggest/uncertainty.ts';
import { unitForModel } from '../suggest/unit-text.ts';

const studyParam = z.object({ studyId: z.coerce.number().int() });
const unitParam = studyParam.extend({ unitId: z.coerce.number().int() });
const roundParam = studyParam.extend({ roundId: z.coerce.number().int() });
const feedbackBody = z.object({ codeId: z.string().min(1).max(100), decision: z.enum(['accepted', 'rejected']) });
const queueQuery = z.object({ order: z.enum(['uncertainty', 'position']).default('uncertainty') });
const assistedBody = z.object({ assisted: z.boolean() });

const noModel = () =>
  new AppError(
    'suggestions.no_model',
    409,
    'This study has no suggestion model yet: it needs settled units to learn from.',
  );

/**
 * Code suggestions learned from the study's final labels (apps/api/src/suggest). A coder sees
 * them for a unit only after saving their own coding of it, or in an assisted round: the
 * server enforces it (suggest/access.ts). Suggestions carry model scores, never anyone's labels.
 */
export function suggestionRoutes(db: Db) {
  // A study never trained (labels settled before this feature, or none yet) is trained when first asked about.
  const trainIfNever = (studyId: number) => {
    if (!modelInfo(db, studyId) && !retrainPending(db, studyId)) scheduleRetrain(db, studyId);
  };
  const scoresFor = (studyId: number, unitId: number) => {
    // Scored by a model that never saw this unit's labels, nor those of its thread or text (suggest/fold-routes.ts).
    const scorer = loadScorer(db, studyId);
    return scorer && { version: scorer.version, scores: scorer.scores(unitForModel(db, unitId)) };
  };
  return new Hono<AuthedEnv>()
    .get('/model', requireStudyRole(db), validate('param', studyParam), (c) => {
      const { studyId } = c.req.valid('param');
      trainIfNever(studyId);
      return c.json({ model: modelInfo(db, studyId), training: retrainPending(db, studyId) });
    })
    .post('/train', requireStudyRole(db, 'owner'), validate('param', studyParam), (c) => {
      const { studyId } = c.req.valid('param');
      // Answered at once; the worker stores the model when done (GET /model says when).
      retrainNow(db, studyId).catch((err: unknown) =>
        console.error(
          JSON.stringify({ at: new Date().toISOString(), level: 'error', error: `suggestion training: ${err}` }),
        ),
      );
      return c.json({ training: true }, 202);
    })
    .get('/evaluation', requireStudyRole(db), validate('param', studyParam), (c) => {
      const { studyId } = c.req.valid('param');
      // Per-code counts come from the final labels: results, hidden from coders of a blind study.
      if (!resultsVisible(db, studyId, rolesIn(db, studyId, c.get('user')))) {
        throw forbidden(
          'The evaluation is computed from final labels, which coders do not see while the study is blind.',
        );
      }
      trainIfNever(studyId);
      return c.json({
        threshold: SUGGEST_THRESHOLD,
        training: retrainPending(db, studyId),
        ...(storedEvaluation(db, studyId) ?? { model: null }),
      });
    })
    .get('/units/:unitId', requireStudyRole(db), validate('param', unitParam), (c) => {
      const { studyId, unitId } = c.req.valid('param');
      const user = c.get('user');
      assertSuggestionsAllowed(db, studyId, unitId, user);
      trainIfNever(studyId);
      const scored = scoresFor(studyId, unitId);
      const applied = new Set(getCoding(db, unitId, user.id)?.codeIds ?? []);
      const suggestions = (scored?.scores ?? [])
        .filter((s) => s.score >= SUGGEST_THRESHOLD && !applied.has(s.codeId))
        .sort((a, b) => b.score - a.score || (a.codeId < b.codeId ? -1 : 1));
      const decisions = ownFeedback(db, unitId, user.id).map(({ codeId, decision, createdAt }) => ({
        codeId,
        decision,
        createdAt,
      }));
      return c.json({
        modelVersion: scored?.version ?? null,
        training: retrainPending(db, studyId),
        threshold: SUGGEST_THRESHOLD,
        suggestions,
        decisions,
      });
    })
    .post(
      '/units/:unitId/feedback',
      requireStudyRole(db),
      validate('param', unitParam),
      validate('json', feedbackBody),
      (c) => {
        const { studyId, unitId } = c.req.valid('param');
        const { codeId, decision } = c.req.valid('json');
        const user = c.get('user');
        assertSuggestionsAllowed(db, studyId, unitId, user);
        const scored = scoresFor(studyId, unitId);
        if (!scored) throw noModel();
        // The score is the server's, from the model now in use, so the record cannot be made up.
        const found = scored.scores.find((s) => s.codeId === codeId);
        if (!found)
          throw new AppError('suggestions.unknown_code', 400, `"${codeId}" is not a code the model suggests.`, {
            field: 'codeId',
          });
        const feedback = recordFeedback(db, studyId, {
          unitId,
          userId: user.id,
          codeId,
          score: found.score,
          decision,
          modelVersion: scored.version,
        });
        return c.json({ feedback }, 201);
      },
    )
    .get(
      '/rounds/:roundId/queue',
      requireStudyRole(db),
      validate('param', roundParam),
      validate('query', queueQuery),
      (c) => {
        const { studyId, roundId } = c.req.valid('param');
        const { order } = c.req.valid('query');
        getRound(db, studyId, roundId);
        trainIfNever(studyId);
        const loaded = order === 'uncertainty' ? loadScorer(db, studyId) : null;
        return c.json({
          order,
          modelVersion: loaded?.version ?? null,
          units: uncertaintyQueue(db, studyId, roundId, c.get('user').id, loaded),
        });
      },
    )
    .put(
      '/rounds/:roundId/assisted',
      requireStudyRole(db, 'owner'),
      validate('param', roundParam),
      validate('json', assistedBody),
      (c) => {
        const { studyId, roundId } = c.req.valid('param');
        return c.json({ round: setAssisted(db, studyId, roundId, c.req.valid('json').assisted, c.get('user').id) });
      },
    );
}
