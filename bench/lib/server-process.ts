// The real server (apps/api/src/server.ts) as a child process on a free loopback port, for
// benchmarks and crash tests: start it, log in to it, stop it cleanly or SIGKILL it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'undici';

const root = resolve(import.meta.dirname, '../..');

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
 * Node's arguments and environment for the server of the checkout at `app`, as its `npm start` gives
 * them (scripts/server-command.mjs); a checkout older than that file started it with tsx alone.
 */
async function serverCommandOf(app: string): Promise<{ args: string[]; env: NodeJS.ProcessEnv }> {
  const command = join(app, 'scripts/server-command.mjs');
  if (!existsSync(command)) return { args: ['--import', 'tsx', join(app, 'apps/api/src/server.ts')], env: process.env };
  const { serverArgs, serverEnv } = (await import(
    pathToFileURL(command).href
  )) as typeof import('../../scripts/server-command.mjs');
  return { args: serverArgs(app), env: serverEnv(process.env) };
}

export interface ServerProcess {
  child: ChildProcess;
  origin: string;
  /** The last 20 kB the server wrote to stderr and its logged errors (shown when something fails). */
  stderr: () => string;
  /** SIGTERM: the server closes the database cleanly. */
  stop: () => Promise<void>;
  /** SIGKILL: the process dies at once, mid-whatever it was doing. */
  kill: () => Promise<void>;
}

function signal(child: ChildProcess, sig: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill(sig);
  return exited;
}

/**
 * Starts the server on `dbPath` (demo off unless `demo`) and resolves once /api/health answers.
 * `appRoot` runs another checkout's server (a benchmark's "before").
 */
export async function startServer(
  dbPath: string,
  opts: { port?: number; demo?: boolean; env?: Record<string, string>; appRoot?: string } = {},
): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the server there (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', resolve(process.env.BENCH_CPU_PROF)]
    : [];
  const app = opts.appRoot ?? root;
  const command = await serverCommandOf(app);
  const child = spawn(process.execPath, [...profile, ...command.args], {
    cwd: app,
    env: {
      ...command.env,
      PORT: String(port),
      THREADCODER_DB: dbPath,
      THREADCODER_DEMO: opts.demo ? '1' : '0',
      THREADCODER_API_ONLY: '1',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Standard error, and the error lines of the request log (stdout; the rest is dropped).
  let stderr = '';
  let partial = '';
  const keep = (s: string) => (stderr = (stderr + s).slice(-20_000));
  child.stderr!.setEncoding('utf8').on('data', keep);
  child.stdout!.setEncoding('utf8').on('data', (s: string) => {
    const lines = (partial + s).split('\n');
    partial = lines.pop()!;
    for (const line of lines) if (line.includes('"level":"error"')) keep(`${line}\n`);
  });
  const origin = `http://127.0.0.1:${port}`;
  const server: ServerProcess = {
    child,
    origin,
    stderr: () => stderr,
    stop: () => signal(child, 'SIGTERM'),
    kill: () => signal(child, 'SIGKILL'),
  };
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}:\n${stderr}`);
    try {
      if ((await fetch(`${origin}/api/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.kill();
  throw new Error(`The server did not start in 30 s:\n${stderr}`);
}

/** A keep-alive loopback client with a session cookie: sent with `origin` on each request. */
export interface Session {
  client: Client;
  cookie: string;
  origin: string;
}

/** A session over its own connection, from a `tc_session=…` cookie (see sessionCookies in coding-study.ts). */
export function connect(origin: string, cookie: string): Session {
  return { client: new Client(origin, { pipelining: 1, keepAliveTimeout: 60_000 }), cookie, origin };
}

/** One JSON request on a session; resolves with the status and the parsed body (null if not JSON). */
export async function call(
  s: Session,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const res = await s.client.request({
    path,
    method: method as 'GET',
    headers: {
      origin: s.origin,
      cookie: s.cookie,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.body.text();
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.statusCode, body: parsed };
}
