import { serve } from '@hono/node-server';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { startCheckpointer } from './db/checkpointer.ts';
import { openDb } from './db/open.ts';
import { seedDemo } from './demo/seed.ts';
import { failInterruptedImports } from './import/index.ts';
import { serveWebApp } from './http/web-app.ts';

const config = loadConfig();
const db = openDb(config.dbPath);
failInterruptedImports(db); // imports a crash left queued or running can no longer finish
const checkpointer = startCheckpointer(config.dbPath);
const demo = process.env.THREADCODER_DEMO === '0' ? null : await seedDemo(db, config.dbPath);
const app = createApp({ db, config });
serveWebApp(app, resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist'));

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  const lines = [`Threadcoder is running at http://localhost:${info.port}`, `Database: ${config.dbPath}`];
  if (demo) {
    lines.push('Demo accounts (from the demo data; change them before real use):');
    for (const u of demo.accounts) lines.push(`  ${u.username.padEnd(8)} ${u.password.padEnd(20)} ${u.role}`);
  }
  if (demo?.needsAdmin) lines.push('No administrator yet: open the app and choose "Set up administrator", or run `npm run cli -- user add <name> --admin`.');
  console.log(lines.join('\n'));
});

// Close the database cleanly so the WAL is checkpointed.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    server.close();
    await checkpointer.stop();
    db.close();
    process.exit(0);
  });
}
