import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

/** Builds the web app (when stale) once for the whole browser suite; each file then starts its own server. */
export default function setup() {
  const root = resolve(import.meta.dirname, '../..');
  const build = spawnSync(process.execPath, [join(root, 'scripts/start.mjs'), '--build-only'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('Building the web app failed.');
}
