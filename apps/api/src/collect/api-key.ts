// Discourse API credentials come from the environment only: never from a form, a flag
// (visible in `ps`) or the database, and never logged. The key goes only to the one origin
// THREADCODER_DISCOURSE_API_ORIGIN names: a forum address typed in a form must not be able
// to collect it.
import { AppError } from '../http/errors.ts';

export interface ApiKey {
  key: string;
  username?: string;
  /** The only origin (scheme://host:port) the key is sent to; without one it is never sent. */
  origin?: string;
}

export function apiKeyFromEnv(env: NodeJS.ProcessEnv = process.env): ApiKey | undefined {
  const key = env.THREADCODER_DISCOURSE_API_KEY?.trim();
  if (!key) return undefined;
  return {
    key,
    username: env.THREADCODER_DISCOURSE_API_USERNAME?.trim() || undefined,
    origin: originOf(env.THREADCODER_DISCOURSE_API_ORIGIN),
  };
}

function originOf(value: string | undefined): string | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(v);
  } catch {
    // reported below
  }
  if (url?.protocol !== 'http:' && url?.protocol !== 'https:') {
    throw new AppError(
      'collect.bad_config',
      422,
      `THREADCODER_DISCOURSE_API_ORIGIN "${v}" is not an http(s) address; set it to the forum's origin, e.g. https://forum.example.org.`,
    );
  }
  return url.origin;
}
