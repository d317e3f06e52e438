import { availableParallelism } from 'node:os';
import { THREAD_COUNT_CAP } from './db/capped-count.ts';
import { defaultDbPath } from './db/open.ts';
import { type ImagePolicy, imagePolicy } from './http/forum-images.ts';

export interface Config {
  port: number;
  dbPath: string;
  /** How long a session lives without a new login. */
  sessionTtlMs: number;
  /** Largest upload the import route accepts, in bytes (413 past it). */
  maxUploadBytes: number;
  /** Extra origins allowed to make state-changing requests (the app's own origin always is). */
  allowedOrigins: string[];
  /** Set Secure on the session cookie (serve over HTTPS). */
  secureCookies: boolean;
  /** Failed logins per user name and client address in loginWindowMs before 429 (per address alone: ten times that). */
  loginMaxFailures: number;
  loginWindowMs: number;
  /** The one-time code first-run setup asks for; the server makes (and prints) one while no administrator exists. */
  setupCode?: string;
  /** When posts' images load (forum-images.ts). */
  images: ImagePolicy;
  /** Worker threads for heavy, rare work (exports, mention trends, terms, draws, bootstrap); 0 runs it on the request thread. */
  workers: number;
  /** A worker task running longer is stopped (503). */
  workerTimeoutMs: number;
  /** Thread lists and rule previews count matches up to this many, then say "at least" (db/capped-count.ts). */
  threadCountCap: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: Number(env.PORT ?? 8080),
    dbPath: defaultDbPath(env),
    sessionTtlMs: Number(env.THREADCODER_SESSION_HOURS ?? 24 * 7) * 3600_000,
    maxUploadBytes: Number(env.THREADCODER_MAX_UPLOAD_MB ?? 2048) * 1024 * 1024,
    allowedOrigins: (env.THREADCODER_ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    secureCookies: env.THREADCODER_SECURE_COOKIES === '1',
    loginMaxFailures: Number(env.THREADCODER_LOGIN_MAX_FAILURES ?? 10),
    loginWindowMs: 15 * 60_000,
    setupCode: env.THREADCODER_SETUP_CODE || undefined,
    images: imagePolicy(env.THREADCODER_IMAGES),
    // One core stays for the request thread: 1 worker on 2 cores, at most 2.
    workers: wholeNumber(env, 'THREADCODER_WORKERS', Math.min(2, Math.max(1, availableParallelism() - 1))),
    workerTimeoutMs: wholeNumber(env, 'THREADCODER_WORKER_TIMEOUT_S', 300) * 1000,
    threadCountCap: THREAD_COUNT_CAP,
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number, not "${value}".`);
  return Number(value);
}
