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
  };
}
