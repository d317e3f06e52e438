import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

export const demoPassword = 'e2e demo password';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

/** Starts `npm start`'s script on a temporary database with the demo loaded, as a user would. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'threadcoder-e2e-'));
  const port = await freePort();
  const root = resolve(import.meta.dirname, '../..');
  const server: ChildProcess = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    env: { ...process.env, PORT: String(port), THREADCODER_DB: join(dir, 'e2e.db'), THREADCODER_DEMO_PASSWORD: demoPassword },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`The server did not start in time:\n${output}`)), 170_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Threadcoder is running at')) {
        clearTimeout(timer);
        ok();
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    server.on('exit', (code) => fail(new Error(`The server exited (${code}):\n${output}`)));
  });
  project.provide('baseURL', `http://localhost:${port}`);
  project.provide('demoPassword', demoPassword);
  return () => {
    server.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    demoPassword: string;
  }
}
