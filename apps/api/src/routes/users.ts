import { Hono } from 'hono';
import { z } from 'zod';
import { requireAdmin, requireUser } from '../auth/middleware.ts';
import { hashPassword } from '../auth/password.ts';
import type { Db } from '../db/open.ts';
import { insertUser, listUsers } from '../db/users.ts';
import type { AuthedEnv } from '../http/env.ts';
import { validate } from '../http/validate.ts';
import { newAccountBody } from './auth.ts';

const createBody = newAccountBody.extend({ isAdmin: z.boolean().default(false) });

export function userRoutes(db: Db) {
  return (
    new Hono<AuthedEnv>()
      // Any member may list accounts (name and display name only) so owners can add members.
      .get('/', requireUser, (c) =>
        c.json({
          users: listUsers(db).map(({ id, username, displayName, isAdmin }) => ({
            id,
            username,
            displayName,
            isAdmin,
          })),
        }),
      )
      .post('/', requireAdmin, validate('json', createBody), async (c) => {
        const body = c.req.valid('json');
        const user = insertUser(db, { ...body, passwordHash: await hashPassword(body.password) });
        return c.json({ user }, 201);
      })
  );
}
