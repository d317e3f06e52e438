import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/middleware.ts';
import type { Db } from '../db/open.ts';
import { canImport } from '../db/sources.ts';
import type { AuthedEnv } from '../http/env.ts';
import { AppError, forbidden } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { importQdpxStudy } from '../qdpx-import/import-study.ts';
import { readQdpx } from '../qdpx-import/read-qdpx.ts';

const qdpxBody = z.object({ qdpx: z.string().max(10_000_000) });

/**
 * POST / with a .qdpx exported by Threadcoder (base64 in JSON): a new study owned by the caller
 * (JSON bodies are limited to 10 MB, so a .qdpx of up to about 7 MB).
 * It may create (locked) accounts for the project's coders, so it needs the importer right that an
 * administrator grants, like imports of forum data.
 */
export function qdpxImportRoutes(db: Db) {
  return new Hono<AuthedEnv>().use(requireUser).post('/', validate('json', qdpxBody), (c) => {
    if (!canImport(c.get('user')))
      throw forbidden('Importing a study needs the importer right, which an administrator grants.');
    const bytes = Buffer.from(c.req.valid('json').qdpx, 'base64');
    if (bytes.length === 0) throw new AppError('qdpx.invalid', 400, 'The .qdpx file is empty.', { field: 'qdpx' });
    return c.json(importQdpxStudy(db, readQdpx(bytes), c.get('user').id), 201);
  });
}
