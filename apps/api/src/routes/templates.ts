import { Hono } from 'hono';
import { requireUser } from '../auth/middleware.ts';
import { templateSummaries } from '../db/codebook-templates.ts';
import type { AuthedEnv } from '../http/env.ts';

/** The codebook templates a study can start from (data/templates/*.json), for any signed-in user. */
export function templateRoutes() {
  return new Hono<AuthedEnv>().use(requireUser).get('/', (c) => c.json({ templates: templateSummaries() }));
}
