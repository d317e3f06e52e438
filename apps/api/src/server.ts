import { serve } from '@hono/node-server';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { startCheckpointer } from './db/checkpointer.ts';
import { openDb } from './db/open.ts';
import { startSearchCatchUp } from './db/search-catchup-server.ts';
import { seedDemo } from './demo/seed.ts';
import { recoverInterruptedImports } from './import/index.ts';
import { stopInterruptedCollections } from './collect/state.ts';
import { stopInterruptedHubCollections } from './hub/state.ts';
import { serveWebApp } from './http/web-app.ts';

const config = loadConfig();
const db = openDb(config.dbPath);
recoverInterruptedImports(db); // imports a crash left queued or running can no longer finish
stopInterruptedCollections(db); // collections a crash left running resume when started again
stopInterruptedHubCollections(db);
const checkpointer = startCheckpointer(config.dbPath);
const searchCatchUp = startSearchCatchUp(config.dbPath); // indexes what big imports (or a crash) left unindexed
const demo = process.env.THREADCODER_DEMO === '0' ? null : await seedDemo(db, config.dbPath);
const app = createApp({ db, config });
// THREADCODER_API_ONLY=1 serves the API alone: crash tests and benchmarks need no web app build.
if (process.env.THREADCODER_API_ONLY !== '1')
  serveWebApp(app, resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist'));

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  const lines = [`Threadcoder is running at http://localhost:${info.port}`, `Database: ${config.dbPath}`];
  if (demo) {
    lines.push('Demo accounts (from the demo data; change them before real use):');
    for (const u of demo.accounts) lines.push(`  ${u.username.padEnd(8)} ${u.password.padEnd(20)} ${u.role}`);
  }
  if (demo?.needsAdmin)
    lines.push(
      'No administrator yet: open the app and choose "Set up administrator", or run `npm run cli -- user add <name> --admin`.',
    );
  console.log(lines.join('\n'));
});

// Close the database cleanly so the WAL is checkpointed.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    server.close();
    await searchCatchUp.stop();
    await checkpointer.stop();
    db.close();
    process.exit(0);
  });
}
