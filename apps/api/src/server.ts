import { serve } from '@hono/node-server';
import { constants } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp, defaultTasks } from './app.ts';
import { loadConfig } from './config.ts';
import { startCheckpointer } from './db/checkpointer.ts';
import { newSetupCode } from './auth/setup-code.ts';
import { DatabaseUnwritableError, openDb, type Db } from './db/open.ts';
import { countAdmins } from './db/users.ts';
import { startSearchCatchUp } from './db/search-catchup-server.ts';
import { seedDemo } from './demo/seed.ts';
import { recoverInterruptedImports } from './import/index.ts';
import { stopInterruptedCollections } from './collect/state.ts';
import { stopInterruptedHubCollections } from './hub/state.ts';
import { pagePreloads } from './http/page-preloads.ts';
import { serveWebApp } from './http/web-app.ts';

// Everything this process creates (database, uploads, staging, demo credentials) is its owner's alone.
process.umask(0o077);
const config = loadConfig();
let db: Db;
try {
  db = openDb(config.dbPath);
} catch (err) {
  if (!(err instanceof DatabaseUnwritableError)) throw err;
  console.error(`Threadcoder cannot start: ${err.message}`);
  process.exit(1);
}
recoverInterruptedImports(db); // imports a crash left queued or running can no longer finish
stopInterruptedCollections(db); // collections a crash left running resume when started again
stopInterruptedHubCollections(db);
const checkpointer = startCheckpointer(config.dbPath);
const searchCatchUp = startSearchCatchUp(config.dbPath); // indexes what big imports (or a crash) left unindexed
const demo = process.env.THREADCODER_DEMO === '0' ? null : await seedDemo(db, config.dbPath);
// While no administrator exists, setup needs a one-time code that only this console shows.
const setupCode = countAdmins(db) === 0 ? (config.setupCode ?? newSetupCode()) : undefined;
const tasks = defaultTasks(db, config); // worker threads for exports, mention trends, terms, draws, bootstrap
const app = createApp({ db, config: { ...config, setupCode }, tasks });
// THREADCODER_API_ONLY=1 serves the API alone: crash tests and benchmarks need no web app build.
if (process.env.THREADCODER_API_ONLY !== '1')
  serveWebApp(app, resolve(dirname(fileURLToPath(import.meta.url)), '../../web/dist'), (c) => pagePreloads(db, c));

const server = serve({ fetch: app.fetch, port: config.port }, (info) => {
  const lines = [`Threadcoder is running at http://localhost:${info.port}`, `Database: ${config.dbPath}`];
  if (demo) {
    lines.push('Demo accounts (from the demo data; change them before real use):');
    for (const u of demo.accounts) lines.push(`  ${u.username.padEnd(8)} ${u.password.padEnd(20)} ${u.role}`);
  }
  if (setupCode)
    lines.push(
      `No administrator yet. One-time setup code: ${setupCode}`,
      '  Open the app, choose "Set up administrator" and enter this code, or run `npm run cli -- user add <name> --admin`.',
    );
  console.log(lines.join('\n'));
});

// Close the database cleanly so the WAL is checkpointed, then end with the conventional code of a
// process ended by a signal (128 + its number): npm start tells a stop it asked for from one it did not.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    server.close();
    await tasks.close();
    await searchCatchUp.stop();
    await checkpointer.stop();
    db.close();
    process.exit(128 + constants.signals[signal]);
  });
}
