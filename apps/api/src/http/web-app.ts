import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from './env.ts';

/** Serves the built web app from `distDir`; any other non-API GET gets index.html (client-side routes). */
export function serveWebApp(app: Hono<AppEnv>, distDir: string): void {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) throw new Error(`The web app is not built (${indexPath} is missing). Run npm run build.`);
  const indexHtml = readFileSync(indexPath, 'utf8');
  app.use('/assets/*', serveStatic({ root: distDir }));
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    return c.html(indexHtml);
  });
}
