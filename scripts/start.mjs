// `npm start`: build the web app when its sources are newer than the build, then run the
// server (API + web app on one port) on the embedded database.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serverArgs, serverEnv } from './server-command.mjs';
import { serverExit } from './server-exit.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'apps/web');
const built = join(web, 'dist/index.html');

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

const sources = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(web, 'build'),
  join(root, 'packages/taxonomy/src'),
  join(root, 'packages/stats/src'),
];
// THREADCODER_API_ONLY=1 serves no web app, so it needs no build.
const apiOnly = process.env.THREADCODER_API_ONLY === '1';
if (!apiOnly && (!existsSync(built) || Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs)) {
  console.log('Building the web app…');
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', web, '--logLevel', 'warn'],
    // NODE_ENV is set by whoever runs this (vitest sets "test"): without "production" Vite bundles
    // React's development build, several times slower, and later `npm start` runs would reuse it.
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}
// The browser tests build once, then start one server per test file.
if (process.argv.includes('--build-only')) process.exit(0);

const server = spawn(process.execPath, serverArgs(root), {
  stdio: 'inherit',
  env: serverEnv(process.env),
});
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    stopping = true;
    server.kill(signal);
  });
server.on('exit', (code, signal) => {
  const end = serverExit(code, signal, stopping);
  if (end.message) console.error(end.message);
  process.exit(end.code);
});
