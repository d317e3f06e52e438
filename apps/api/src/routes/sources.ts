import { Hono } from 'hono';
import { requireUser } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/open.ts';
import { canImport, listSources, managesSource } from '../db/sources.ts';
import type { AuthedEnv } from '../http/env.ts';

/**
 * Every signed-in user sees the sources; canImport and the upload limit let the page offer (or not) the import
 * form, and each source's `mine` which sources the user may import into. The latest import is shown only to
 * those who may read the source's import records.
 */
export function sourceRoutes(db: Db, config: Config) {
  return new Hono<AuthedEnv>().use(requireUser).get('/', (c) => {
    const user = c.get('user');
    const sources = listSources(db).map((s) => {
      const mine = managesSource(db, user, s.id);
      return { ...s, mine, lastImport: mine ? s.lastImport : null };
    });
    return c.json({ sources, canImport: canImport(user), maxUploadBytes: config.maxUploadBytes });
  });
}
