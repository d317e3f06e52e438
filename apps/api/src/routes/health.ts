import { Hono } from 'hono';
import type { Db } from '../db/open.ts';
import type { AppEnv } from '../http/env.ts';

/** Liveness and a database round trip; public, reveals nothing but "ok". */
export function healthRoutes(db: Db) {
  return new Hono<AppEnv>().get('/', (c) => {
    db.prepare('SELECT 1').get();
    return c.json({ status: 'ok' as const });
  });
}
