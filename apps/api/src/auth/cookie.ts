import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const sessionCookie = 'tc_session';

export function readSessionToken(c: Context): string | undefined {
  return getCookie(c, sessionCookie);
}

/** HttpOnly so scripts cannot read it; SameSite=Strict so other sites cannot send it. */
export function writeSessionCookie(c: Context, token: string, expiresAt: string, secure: boolean): void {
  setCookie(c, sessionCookie, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, sessionCookie, { path: '/' });
}
