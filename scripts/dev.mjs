// `npm run dev`: the API (restarting on change) on API_PORT and Vite with hot reload, proxying /api to it.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const apiPort = process.env.API_PORT ?? '8787';
const env = { ...process.env, PORT: apiPort, API_PORT: apiPort };
const children = [
  spawn(
    process.execPath,
    [join(root, 'node_modules/tsx/dist/cli.mjs'), 'watch', join(root, 'apps/api/src/server.ts')],
    { stdio: 'inherit', env },
  ),
  spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), join(root, 'apps/web')], {
    stdio: 'inherit',
    env,
  }),
];
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () =>
    children.forEach((c) => {
      c.kill(signal);
    }),
  );
