import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { termPhrases } from '../words/keywords.ts';
import { matchRulesSchema } from '../words/match-rules.ts';
import {
  cooccurrenceCsv,
  correlationsCsv,
  countsCsv,
  mentionsCsv,
  termsCsv,
  testsCsv,
  trendCsv,
} from '../label-counts/csv-tables.ts';
import { requireStudyRole, rolesIn } from '../auth/middleware.ts';
import { resultsVisible } from '../db/visibility.ts';
import { cooccurrence } from '../db/analysis-cooccurrence.ts';
import { countsReport } from '../db/analysis-counts.ts';
import { SPLITS } from '../db/analysis-split.ts';
import { createKeywordGroup, deleteKeywordGroup, updateKeywordGroup } from '../db/analysis-keyword-groups.ts';
import { analysisOptions } from '../db/analysis-options.ts';
import { AnswersWhileUnchanged } from '../db/answers-while-unchanged.ts';
import type { TermsQuery, TermsReport } from '../db/analysis-terms.ts';
import { trendReport } from '../db/analysis-trend.ts';
import type { Db } from '../db/open.ts';
import type { AuthedEnv } from '../http/env.ts';
import { forbidden } from '../http/errors.ts';
import { isoDay } from '../http/iso-day.ts';
import { validate } from '../http/validate.ts';
import type { AppTasks } from '../workers/tasks.ts';

const studyParam = z.object({ studyId: z.coerce.number().int() });
const groupParam = studyParam.extend({ groupId: z.coerce.number().int() });
const filters = z.object({
  roundId: z.string().regex(/^\d+$/, 'A round id is a number').transform(Number).optional(),
  category: z.string().min(1).max(200).optional(),
  tag: z.string().min(1).max(200).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  granularity: z.enum(['month', 'quarter', 'year']).default('quarter'),
  /** 1: mentions and distinctive terms count quoted words too (own words only by default). */
  withQuotes: z
    .enum(['0', '1'])
    .transform((v) => v === '1')
    .optional(),
});
const fromBeforeTo = (f: { from?: string | undefined; to?: string | undefined }) => !f.from || !f.to || f.from <= f.to;
const dateOrder = { message: 'The end date is before the start date.', path: ['to'] };
const filtersQuery = filters.refine(fromBeforeTo, dateOrder);
const trendQuery = filters.extend({ dimension: z.string().max(100).optional() }).refine(fromBeforeTo, dateOrder);
// The counts table may be split in two by what the forum says about each unit.
const countsQuery = filters.extend({ split: z.enum(SPLITS).optional() }).refine(fromBeforeTo, dateOrder);
const termsQuery = filters
  .extend({
    code: z.string().max(100).optional(),
    top: z.string().regex(/^\d+$/).transform(Number).pipe(z.number().min(1).max(100)).optional(),
  })
  .refine(fromBeforeTo, dateOrder);
const groupBody = z.object({
  name: z.string().trim().min(1, 'Name the group.').max(60),
  terms: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(60)
        .refine((t) => termPhrases(t).length > 0, 'A term needs at least one letter or digit'),
    )
    .min(1, 'Give at least one term.')
    .max(30),
  rules: matchRulesSchema.optional(),
});

function csv(c: Context, name: string, body: string) {
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
  });
}

/**
 * The analysis of a study's final labels (counts, shift over time and its tests, co-occurrence,
 * distinctive terms, mention trends), JSON and CSV, for every member; keyword groups are the
 * owner's. Per-coder counts pass the blind rule (db/analysis-counts.ts). Mention trends and
 * distinctive terms read the whole forum or every unit's text: they run on a worker thread.
 */
export function analysisRoutes(db: Db, tasks: AppTasks) {
  const members = requireStudyRole(db);
  const owner = requireStudyRole(db, 'owner');
  // Everything but the filter options is computed from final labels: hidden from coders while blind.
  const results: MiddlewareHandler<AuthedEnv> = async (c, next) => {
    const studyId = Number(c.req.param('studyId'));
    if (!resultsVisible(db, studyId, rolesIn(db, studyId, c.get('user')))) {
      throw forbidden(
        'Counts and trends are hidden from coders while the study is blind, so that no coder learns how the others label.',
      );
    }
    await next();
  };
  const signal = (c: Context) => ({ signal: c.req.raw.signal });
  const terms = new AnswersWhileUnchanged<TermsReport>(32);
  const termsReport = (c: Context, studyId: number, q: TermsQuery) =>
    terms.get(db, JSON.stringify([studyId, q]), () => tasks.run('terms', [studyId, q], signal(c)));
  const name = (studyId: number, what: string, g?: string) => `study-${studyId}-${what}${g ? `-${g}` : ''}.csv`;
  return new Hono<AuthedEnv>()
    .get('/options', members, validate('param', studyParam), (c) =>
      c.json(analysisOptions(db, c.req.valid('param').studyId)),
    )
    .get('/counts', members, results, validate('param', studyParam), validate('query', countsQuery), (c) =>
      c.json(countsReport(db, c.req.valid('param').studyId, c.get('user').id, c.req.valid('query'))),
    )
    .get('/counts.csv', members, results, validate('param', studyParam), validate('query', countsQuery), (c) => {
      const { studyId } = c.req.valid('param');
      return csv(
        c,
        name(studyId, 'counts'),
        countsCsv(countsReport(db, studyId, c.get('user').id, c.req.valid('query'))),
      );
    })
    .get('/trend', members, results, validate('param', studyParam), validate('query', trendQuery), (c) =>
      c.json(trendReport(db, c.req.valid('param').studyId, c.req.valid('query'))),
    )
    .get('/trend.csv', members, results, validate('param', studyParam), validate('query', trendQuery), (c) => {
      const { studyId } = c.req.valid('param');
      const q = c.req.valid('query');
      return csv(c, name(studyId, 'trend', q.granularity), trendCsv(trendReport(db, studyId, q)));
    })
    .get('/tests.csv', members, results, validate('param', studyParam), validate('query', trendQuery), (c) => {
      const { studyId } = c.req.valid('param');
      const q = c.req.valid('query');
      return csv(c, name(studyId, 'shift-tests', q.granularity), testsCsv(trendReport(db, studyId, q)));
    })
    .get('/cooccurrence', members, results, validate('param', studyParam), validate('query', filtersQuery), (c) =>
      c.json(cooccurrence(db, c.req.valid('param').studyId, c.req.valid('query'))),
    )
    .get('/cooccurrence.csv', members, results, validate('param', studyParam), validate('query', filtersQuery), (c) => {
      const { studyId } = c.req.valid('param');
      return csv(c, name(studyId, 'cooccurrence'), cooccurrenceCsv(cooccurrence(db, studyId, c.req.valid('query'))));
    })
    .get('/terms', members, results, validate('param', studyParam), validate('query', termsQuery), async (c) =>
      c.json(await termsReport(c, c.req.valid('param').studyId, c.req.valid('query'))),
    )
    .get('/terms.csv', members, results, validate('param', studyParam), validate('query', termsQuery), async (c) => {
      const { studyId } = c.req.valid('param');
      const report = await termsReport(c, studyId, c.req.valid('query'));
      return csv(c, name(studyId, 'distinctive-terms'), termsCsv(report.codes));
    })
    .get('/mentions', members, results, validate('param', studyParam), validate('query', filtersQuery), async (c) =>
      c.json(await tasks.run('mentions', [c.req.valid('param').studyId, c.req.valid('query')], signal(c))),
    )
    .get(
      '/mentions.csv',
      members,
      results,
      validate('param', studyParam),
      validate('query', filtersQuery),
      async (c) => {
        const { studyId } = c.req.valid('param');
        const q = c.req.valid('query');
        const report = await tasks.run('mentions', [studyId, q], signal(c));
        return csv(c, name(studyId, 'mentions', q.granularity), mentionsCsv(report));
      },
    )
    .get(
      '/mention-correlations.csv',
      members,
      results,
      validate('param', studyParam),
      validate('query', filtersQuery),
      async (c) => {
        const { studyId } = c.req.valid('param');
        const q = c.req.valid('query');
        const report = await tasks.run('mentions', [studyId, q], signal(c));
        const names = new Map(analysisOptions(db, studyId).codes.map((n) => [n.id, n.name]));
        return csv(c, name(studyId, 'mention-correlations', q.granularity), correlationsCsv(report, names));
      },
    )
    .post('/keyword-groups', owner, validate('param', studyParam), validate('json', groupBody), (c) =>
      c.json(
        { group: createKeywordGroup(db, c.req.valid('param').studyId, c.get('user').id, c.req.valid('json')) },
        201,
      ),
    )
    .put('/keyword-groups/:groupId', owner, validate('param', groupParam), validate('json', groupBody), (c) => {
      const { studyId, groupId } = c.req.valid('param');
      return c.json({ group: updateKeywordGroup(db, studyId, groupId, c.get('user').id, c.req.valid('json')) });
    })
    .delete('/keyword-groups/:groupId', owner, validate('param', groupParam), (c) => {
      const { studyId, groupId } = c.req.valid('param');
      deleteKeywordGroup(db, studyId, groupId, c.get('user').id);
      return c.json({ ok: true });
    });
}
