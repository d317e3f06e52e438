// Mention trends as the study counts them: keyword groups in bulk (a CSV or a text list), and the
// study's mentions stored as a series set (topics by creation month, or posts by month) for
// comparing with outside series. The owner's, like the keyword groups. Storing the series may stem
// a fresh import and match a new group against every post, so it runs on a worker thread.
import { Hono } from 'hono';
import { z } from 'zod';
import { parseKeywordList } from '../words/keyword-list.ts';
import { MENTION_UNITS } from '../words/mention-series.ts';
import { requireStudyRole } from '../auth/middleware.ts';
import { importKeywordGroups } from '../db/keyword-groups-import.ts';
import type { Db } from '../db/open.ts';
import { listSeriesSets } from '../db/series.ts';
import type { AuthedEnv } from '../http/env.ts';
import { validate } from '../http/validate.ts';
import type { AppTasks } from '../workers/tasks.ts';

const studyParam = z.object({ studyId: z.coerce.number().int() });
const importBody = z.object({ text: z.string().min(1).max(5_000_000), fileName: z.string().trim().min(1).max(300) });
const seriesBody = z.object({ unit: z.enum(MENTION_UNITS) });

export function mentionTrendRoutes(db: Db, tasks: AppTasks) {
  const owner = requireStudyRole(db, 'owner');
  return new Hono<AuthedEnv>()
    .post('/keyword-groups/import', owner, validate('param', studyParam), validate('json', importBody), (c) => {
      const { text, fileName } = c.req.valid('json');
      const groups = parseKeywordList(text, fileName);
      return c.json(importKeywordGroups(db, c.req.valid('param').studyId, c.get('user').id, groups));
    })
    .post('/series', owner, validate('param', studyParam), validate('json', seriesBody), async (c) => {
      const args = [c.req.valid('param').studyId, c.req.valid('json').unit, c.get('user').id] as const;
      const id = await tasks.run('mentionSeries', [...args], { signal: c.req.raw.signal });
      const set = listSeriesSets(db).find((s) => s.id === id)!;
      return c.json({ set, matching: set.report.matching as Record<string, string> }, 201);
    });
}
