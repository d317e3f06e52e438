import { Hono } from 'hono';
import { requireUser } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/open.ts';
import { canImport, listSources } from '../db/sources.ts';
import type { AuthedEnv } from '../http/env.ts';

/** Every signed-in user sees the sources; canImport and the upload limit let the page offer (or not) the import form. */
export function sourceRoutes(db: Db, config: Config) {
  return new Hono<AuthedEnv>().use(requireUser).get('/', (c) =>
    c.json({
      sources: listSources(db),
      canImport: canImport(db, c.get('user')),
      maxUploadBytes: config.maxUploadBytes,
    }),
  );
}
