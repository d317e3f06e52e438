import type { MiddlewareHandler } from 'hono';
import type { Db } from '../db/open.ts';
import { studyAccess, studyRoles, type StudyRole } from '../db/studies.ts';
import type { AppEnv, AuthedEnv } from '../http/env.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { readSessionToken } from './cookie.ts';
import { findSessionUser } from './sessions.ts';

/** Loads the session's user (or null) for every request. */
export function loadSession(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readSessionToken(c);
    c.set('user', token ? findSessionUser(db, token) : null);
    await next();
  };
}

export const requireUser: MiddlewareHandler<AuthedEnv> = async (c, next) => {
  if (!c.get('user')) throw new AppError('auth.required', 401, 'Please log in.');
  await next();
};

export const requireAdmin: MiddlewareHandler<AuthedEnv> = async (c, next) => {
  const user = c.get('user');
  if (!user) throw new AppError('auth.required', 401, 'Please log in.');
  if (!user.isAdmin) throw forbidden('Only an instance administrator may do this.');
  await next();
};

/** The roles a user holds in a study; an instance admin acts as owner everywhere. */
export function rolesIn(db: Db, studyId: number, user: { id: number; isAdmin: boolean }): StudyRole[] {
  return withAdmin(studyRoles(db, studyId, user.id), user);
}

const withAdmin = (roles: StudyRole[], user: { isAdmin: boolean }): StudyRole[] =>
  user.isAdmin && !roles.includes('owner') ? [...roles, 'owner'] : roles;

/** The roles a user holds in a study that exists (an admin acts as owner), or null when there is no such study. */
export function heldRoles(db: Db, studyId: number, user: { id: number; isAdmin: boolean }): StudyRole[] | null {
  const mine = Number.isInteger(studyId) ? studyAccess(db, studyId, user.id) : null;
  return mine === null ? null : withAdmin(mine, user);
}

/**
 * Allows the request only if the user holds one of `roles` in the study named by the
 * `:studyId` route parameter. Non-members get 404 so study ids cannot be probed.
 */
export function requireStudyRole(db: Db, ...roles: StudyRole[]): MiddlewareHandler<AuthedEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) throw new AppError('auth.required', 401, 'Please log in.');
    const held = heldRoles(db, Number(c.req.param('studyId')), user);
    if (held === null || held.length === 0) throw notFound('The study');
    if (roles.length && !roles.some((r) => held.includes(r))) {
      throw forbidden(`This needs the ${roles.join(' or ')} role in this study.`);
    }
    await next();
  };
}
