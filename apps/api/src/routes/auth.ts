import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { clearSessionCookie, readSessionToken, writeSessionCookie } from '../auth/cookie.ts';
import { LoginLimiter } from '../auth/login-limiter.ts';
import { requireUser } from '../auth/middleware.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password.ts';
import { createSession, deleteSession, hashToken } from '../auth/sessions.ts';
import { setupCodeMatches } from '../auth/setup-code.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/open.ts';
import { countAdmins, findUserByName, insertUser, setPasswordHash } from '../db/users.ts';
import { clientAddress } from '../http/client-address.ts';
import type { AppEnv } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { writeTransaction } from '../db/write-transaction.ts';

const loginBody = z.object({ username: z.string().trim().min(1).max(100), password: z.string().min(1).max(1024) });
const newPassword = z
  .string()
  .refine((p) => passwordProblem(p) === null, { message: 'A password needs 10 to 1024 characters.' });
export const newAccountBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{2,40}$/, 'Use 2–40 letters, digits, dots, dashes or underscores.'),
  displayName: z.string().trim().min(1).max(100),
  password: newPassword,
});
const setupBody = newAccountBody.extend({ setupCode: z.string().max(100).default('') });
const passwordBody = z.object({ currentPassword: z.string().min(1).max(1024), newPassword });

// A hash to verify against when the user does not exist, so timing does not reveal user names.
const decoyHash = hashPassword('decoy password, never valid');

const wrongPassword = () => new AppError('auth.invalid_credentials', 401, 'The user name or password is wrong.');

export function authRoutes(db: Db, config: Config) {
  // Keyed on the account AND the connection's address: a flood from one address cannot lock the
  // account's owner out from another. Per address alone a larger budget stops one address from
  // spending the server's CPU on scrypt across many names.
  const perAccount = new LoginLimiter(config.loginMaxFailures, config.loginWindowMs);
  const perAddress = new LoginLimiter(config.loginMaxFailures * 10, config.loginWindowMs);

  /** Takes an attempt (429 when none is left) before the slow hash; returns how to give it back on success. */
  const takeAttempt = (c: Context, username: string) => {
    const address = clientAddress(c);
    const account = `${username.toLowerCase()}\n${address}`;
    const wait = Math.max(perAccount.retryAfter(account), perAddress.retryAfter(address));
    if (wait > 0) {
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      throw new AppError(
        'auth.rate_limited',
        429,
        `Too many failed logins. Try again in ${Math.ceil(wait / 60_000)} minutes.`,
      );
    }
    perAccount.take(account);
    perAddress.take(address);
    return () => perAccount.succeed(account);
  };

  return new Hono<AppEnv>()
    .get('/session', (c) => c.json({ user: c.get('user'), needsSetup: countAdmins(db) === 0, images: config.images }))
    .post('/login', validate('json', loginBody), async (c) => {
      const { username, password } = c.req.valid('json');
      const succeeded = takeAttempt(c, username);
      const user = findUserByName(db, username);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash));
      if (!user || !ok) throw wrongPassword();
      succeeded();
      if (user.disabled)
        throw new AppError('auth.disabled', 403, 'This account is disabled; ask an administrator to enable it.');
      const session = createSession(db, user.id, config.sessionTtlMs);
      writeSessionCookie(c, session.token, session.expiresAt, config.secureCookies);
      const { id, displayName, isAdmin, isImporter } = user;
      return c.json({ user: { id, username: user.username, displayName, isAdmin, isImporter } });
    })
    .post('/logout', (c) => {
      const token = readSessionToken(c);
      if (token) deleteSession(db, token);
      clearSessionCookie(c);
      return c.json({ ok: true as const });
    })
    .post('/setup', validate('json', setupBody), async (c) => {
      // First run only: while no administrator exists, whoever has the code the server printed creates the first one.
      const alreadyDone = () =>
        new AppError('auth.setup_done', 409, 'This instance already has an administrator. Please log in.');
      if (countAdmins(db) > 0) throw alreadyDone();
      const { setupCode, ...body } = c.req.valid('json');
      if (!config.setupCode || !setupCodeMatches(setupCode, config.setupCode))
        throw new AppError(
          'auth.setup_code',
          403,
          config.setupCode
            ? 'The setup code is wrong or missing: copy it from the server console, where npm start printed it.'
            : 'No setup code is active: restart the server (it prints one while no administrator exists) or run `npm run cli -- user add <name> --admin`.',
          { field: 'setupCode' },
        );
      const passwordHash = await hashPassword(body.password);
      // Check and insert in one IMMEDIATE transaction, after the (awaited) hash: concurrent
      // requests and other processes cannot both see no administrator and both insert one.
      const user = writeTransaction(db, () => {
        if (countAdmins(db) > 0) throw alreadyDone();
        return insertUser(db, { ...body, passwordHash, isAdmin: true });
      });
      const session = createSession(db, user.id, config.sessionTtlMs);
      writeSessionCookie(c, session.token, session.expiresAt, config.secureCookies);
      const { id, username, displayName } = user;
      return c.json({ user: { id, username, displayName, isAdmin: true, isImporter: user.isImporter } }, 201);
    })
    .post('/password', requireUser, validate('json', passwordBody), async (c) => {
      // Changing one's password: the current one is needed (a left-open browser is not enough), and
      // the user's other sessions end at once; this one stays.
      const me = c.get('user');
      const { currentPassword, newPassword: next } = c.req.valid('json');
      const succeeded = takeAttempt(c, me.username);
      const user = findUserByName(db, me.username)!;
      if (!(await verifyPassword(currentPassword, user.passwordHash)))
        throw new AppError('auth.wrong_password', 400, 'The current password is wrong.', { field: 'currentPassword' });
      succeeded();
      const token = readSessionToken(c);
      setPasswordHash(db, user.id, await hashPassword(next), token ? hashToken(token) : null);
      return c.json({ ok: true as const });
    });
}
