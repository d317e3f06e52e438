// Discourse API credentials come from the environment only: never from a form, a flag
// (visible in `ps`) or the database, and never logged.
export function apiKeyFromEnv(env: NodeJS.ProcessEnv = process.env): { key: string; username?: string } | undefined {
  const key = env.THREADCODER_DISCOURSE_API_KEY?.trim();
  if (!key) return undefined;
  return { key, username: env.THREADCODER_DISCOURSE_API_USERNAME?.trim() || undefined };
}
