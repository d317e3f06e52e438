import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const demoPassword = 'e2e demo password';
/** The one-time code first-run setup asks for (the server prints it; the tests fix it). */
export const setupCode = 'E2E2-SETU-PC0D';

export interface DemoServer {
  baseURL: string;
  /** Its database, for the CLI (which works on the database directly). */
  dbPath: string;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => ok(port));
    });
    srv.on('error', fail);
  });
}

/**
 * The production server on a fresh temporary database with the demo loaded, as `npm start`
 * runs it. Each test file gets its own, so what one file changes cannot upset another.
 */
export async function startDemoServer(): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), 'threadcoder-e2e-'));
  const port = await freePort();
  const root = resolve(import.meta.dirname, '../..');
  const server = spawn(process.execPath, ['--import', 'tsx', join(root, 'apps/api/src/server.ts')], {
    // The collector's test forum is a replay server on 127.0.0.1, a private address.
    env: {
      ...process.env,
      PORT: String(port),
      THREADCODER_DB: join(dir, 'e2e.db'),
      THREADCODER_DEMO_PASSWORD: demoPassword,
      THREADCODER_SETUP_CODE: setupCode,
      THREADCODER_COLLECT_ALLOW_PRIVATE: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`The server did not start in time:\n${output}`)), 120_000);
    server.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Threadcoder is running at')) {
        clearTimeout(timer);
        ok();
      }
    });
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.on('exit', (code) => fail(new Error(`The server exited (${code}):\n${output}`)));
  });
  return {
    baseURL: `http://localhost:${port}`,
    dbPath: join(dir, 'e2e.db'),
    stop: () => {
      server.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
