// Issue #16.7: `npm start` (scripts/start.mjs) must not exit 0 when the server dies from a signal,
// or a supervisor would not restart it. The real launcher runs the real server (API only: no
// web build), and the test kills the server process under it.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { serverExit } from '../../scripts/server-exit.mjs';

const root = resolve(import.meta.dirname, '../..');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'threadcoder-start-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs `node scripts/start.mjs`; once the server is up, `act` gets the launcher's and the server's pids and the banner.
 * Resolves with the launcher's exit code and what it wrote to stderr.
 */
function runStart(
  act: (pids: { start: number; server: number }, banner: string) => void,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const start = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
      cwd: root,
      env: {
        ...process.env,
        THREADCODER_DB: join(dir, 'db.sqlite'),
        THREADCODER_API_ONLY: '1',
        THREADCODER_DEMO: '0',
        PORT: '0',
      },
    });
    let stderr = '';
    let stdout = '';
    start.stderr.on('data', (b: Buffer) => (stderr += b));
    start.stdout.on('data', (b: Buffer) => {
      stdout += b;
      if (!stdout.includes('Threadcoder is running at')) return;
      const banner = stdout;
      stdout = '';
      const server = Number(
        execFileSync('ps', ['-o', 'pid=', '--ppid', String(start.pid)], { encoding: 'utf8' }).trim(),
      );
      act({ start: start.pid!, server }, banner);
    });
    start.on('error', fail);
    start.on('exit', (code) => done({ code, stderr }));
  });
}

describe('npm start', () => {
  test('the server killed by SIGKILL: exits 137 and names the signal', async () => {
    const end = await runStart(({ server }) => process.kill(server, 'SIGKILL'));
    expect(end).toEqual({ code: 137, stderr: "Threadcoder's server was killed by SIGKILL; exiting with 137.\n" });
  }, 60_000);

  test('the server alone sent SIGTERM: it closes the database, and npm start exits 143 naming it', async () => {
    const end = await runStart(({ server }) => process.kill(server, 'SIGTERM'));
    expect(end).toEqual({
      code: 143,
      stderr:
        "Threadcoder's server stopped on SIGTERM, sent to it directly rather than to npm start; exiting with 143.\n",
    });
  }, 60_000);

  test("the server runs with the request thread's young generation kept small and 2 malloc arenas (issue #20: peak RSS)", async () => {
    let args: string[] = [];
    let env: string[] = [];
    const end = await runStart(({ start, server }) => {
      args = readFileSync(`/proc/${server}/cmdline`, 'utf8').split('\0');
      env = readFileSync(`/proc/${server}/environ`, 'utf8').split('\0');
      process.kill(start, 'SIGTERM');
    });
    expect(end).toEqual({ code: 0, stderr: '' });
    expect(env).toContain('MALLOC_ARENA_MAX=2');
    expect(args.slice(1, 5)).toEqual([
      '--max-semi-space-size=4',
      '--import',
      'tsx',
      join(root, 'apps/api/src/server.ts'),
    ]);
  }, 60_000);

  test('npm start itself asked to stop (SIGTERM): the server stops cleanly and npm start exits 0', async () => {
    const end = await runStart(({ start }) => process.kill(start, 'SIGTERM'));
    expect(end).toEqual({ code: 0, stderr: '' });
  }, 60_000);
});

test('while no administrator exists, the console shows a one-time setup code that sets one up', async () => {
  let setup: Promise<number> = Promise.resolve(0);
  const end = await runStart(({ start }, banner) => {
    const code = /One-time setup code: ([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})\n/.exec(banner)?.[1];
    const base = /running at (http:\/\/localhost:\d+)/.exec(banner)![1]!;
    const body = { setupCode: code, username: 'root', displayName: 'Root', password: 'a long enough password' };
    setup = fetch(`${base}/api/auth/setup`, {
      method: 'POST',
      headers: { origin: base, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then((res) => res.status)
      .finally(() => process.kill(start, 'SIGTERM'));
  });
  expect([await setup, end.code]).toEqual([201, 0]);
}, 60_000);

describe('serverExit', () => {
  test.each([
    ['killed by SIGSEGV', 0, 'SIGSEGV', false, 139],
    ['killed by SIGBUS', null, 'SIGBUS', false, 135],
    ['a refused start (code 1)', 1, null, false, 1],
    ['Ctrl-C passed on by npm start', 130, null, true, 0],
    ['killed by SIGKILL while stopping', null, 'SIGKILL', true, 137],
  ] as const)('%s', (_, code, signal, stopping, expected) => {
    expect(serverExit(code, signal, stopping).code).toBe(expected);
  });
});
