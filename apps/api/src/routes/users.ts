import { Hono } from 'hono';
import { z } from 'zod';
import { requireAdmin, requireUser } from '../auth/middleware.ts';
import { hashPassword } from '../auth/password.ts';
import type { Db } from '../db/open.ts';
import { findUserById, insertUser, listUsers, setDisabled, setImporter } from '../db/users.ts';
import type { AuthedEnv } from '../http/env.ts';
import { AppError, notFound } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { newAccountBody } from './auth.ts';
import { writeTransaction } from '../db/write-transaction.ts';

const createBody = newAccountBody.extend({
  isAdmin: z.boolean().default(false),
  isImporter: z.boolean().default(false),
});
const idParam = z.object({ id: z.coerce.number().int().positive() });
const accountPatch = z
  .object({ isImporter: z.boolean(), disabled: z.boolean() })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: 'Send isImporter, disabled or both.' });

export function userRoutes(db: Db) {
  return (
    new Hono<AuthedEnv>()
      // Any member may list accounts (name and display name only) so owners can add members;
      // administrators also see who may import and who is disabled.
      .get('/', requireUser, (c) => {
        const admin = c.get('user').isAdmin;
        return c.json({
          users: listUsers(db).map(({ id, username, displayName, isAdmin, isImporter, disabled }) => ({
            id,
            username,
            displayName,
            isAdmin,
            ...(admin ? { isImporter, disabled } : {}),
          })),
        });
      })
      .post('/', requireAdmin, validate('json', createBody), async (c) => {
        const body = c.req.valid('json');
        const user = insertUser(db, { ...body, passwordHash: await hashPassword(body.password) });
        return c.json({ user }, 201);
      })
      // Grants or revokes the importer right; disables (ending its sessions at once) or enables an account.
      .patch('/:id', requireAdmin, validate('param', idParam), validate('json', accountPatch), (c) => {
        const { id } = c.req.valid('param');
        const patch = c.req.valid('json');
        if (!findUserById(db, id)) throw notFound('The user');
        if (patch.disabled && id === c.get('user').id)
          throw new AppError('user.disable_self', 409, 'You cannot disable your own account.', { field: 'disabled' });
        const user = writeTransaction(db, () => {
          if (patch.isImporter !== undefined) setImporter(db, id, patch.isImporter);
          return patch.disabled === undefined ? findUserById(db, id)! : setDisabled(db, id, patch.disabled);
        });
        return c.json({ user });
      })
  );
}
