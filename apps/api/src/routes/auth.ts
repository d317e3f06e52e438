import { Hono } from 'hono';
import { z } from 'zod';
import { clearSessionCookie, readSessionToken, writeSessionCookie } from '../auth/cookie.ts';
import { LoginLimiter } from '../auth/login-limiter.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts';
import { createSession, deleteSession } from '../auth/sessions.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/open.ts';
import { countAdmins, findUserByName, insertUser } from '../db/users.ts';
import type { AppEnv } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';

const loginBody = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(1024) });
export const newAccountBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{2,40}$/, 'Use 2–40 letters, digits, dots, dashes or underscores.'),
  displayName: z.string().trim().min(1).max(100),
  password: z
    .string()
    .refine((p) => passwordProblem(p) === null, { message: 'A password needs 10 to 1024 characters.' }),
});

// A hash to verify against when the user does not exist, so timing does not reveal user names.
const decoyHash = hashPassword('decoy password, never valid');

export function authRoutes(db: Db, config: Config) {
  const limiter = new LoginLimiter(config.loginMaxFailures, config.loginWindowMs);
  // Keyed on the user name alone: a client-supplied address (X-Forwarded-For) would let an
  // attacker dodge the limit by changing it on every try.
  const clientKey = (username: string) => username.toLowerCase();

  return new Hono<AppEnv>()
    .get('/session', (c) => c.json({ user: c.get('user'), needsSetup: countAdmins(db) === 0, images: config.images }))
    .post('/login', validate('json', loginBody), async (c) => {
      const { username, password } = c.req.valid('json');
      const key = clientKey(username);
      const wait = limiter.retryAfter(key);
      if (wait > 0) {
        c.header('Retry-After', String(Math.ceil(wait / 1000)));
        throw new AppError(
          'auth.rate_limited',
          429,
          `Too many failed logins. Try again in ${Math.ceil(wait / 60_000)} minutes.`,
        );
      }
      const user = findUserByName(db, username);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
      if (!user || !ok) {
        limiter.fail(key);
        throw new AppError('auth.invalid_credentials', 401, 'The user name or password is wrong.');
      }
      limiter.succeed(key);
      const session = createSession(db, user.id, config.sessionTtlMs);
      writeSessionCookie(c, session.token, session.expiresAt, config.secureCookies);
      return c.json({
        user: { id: user.id, username: user.username, displayName: user.displayName, isAdmin: user.isAdmin },
      });
    })
    .post('/logout', (c) => {
      const token = readSessionToken(c);
      if (token) deleteSession(db, token);
      clearSessionCookie(c);
      return c.json({ ok: true as const });
    })
    .post('/setup', validate('json', newAccountBody), async (c) => {
      // First run only: while no administrator exists, the first one may be created here.
      if (countAdmins(db) > 0)
        throw new AppError('auth.setup_done', 409, 'This instance already has an administrator. Please log in.');
      const body = c.req.valid('json');
      const user = insertUser(db, { ...body, passwordHash: await hashPassword(body.password), isAdmin: true });
      const session = createSession(db, user.id, config.sessionTtlMs);
      writeSessionCookie(c, session.token, session.expiresAt, config.secureCookies);
      return c.json(
        { user: { id: user.id, username: user.username, displayName: user.displayName, isAdmin: true } },
        201,
      );
    });
}
