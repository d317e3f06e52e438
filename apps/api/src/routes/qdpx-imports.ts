import { Hono } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/middleware.ts';
import type { Db } from '../db/open.ts';
import type { AuthedEnv } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { importQdpxStudy } from '../qdpx-import/import-study.ts';
import { readQdpx } from '../qdpx-import/read-qdpx.ts';

const qdpxBody = z.object({ qdpx: z.string().max(10_000_000) });

/**
 * POST / with a .qdpx exported by Threadcoder (base64 in JSON): a new study owned by the caller
 * (JSON bodies are limited to 10 MB, so a .qdpx of up to about 7 MB).
 * Anyone signed in may create a study, so anyone signed in may import one; an instance-level
 * importer permission, when it lands, should guard this route instead.
 */
export function qdpxImportRoutes(db: Db) {
  return new Hono<AuthedEnv>().use(requireUser).post('/', validate('json', qdpxBody), (c) => {
    const bytes = Buffer.from(c.req.valid('json').qdpx, 'base64');
    if (bytes.length === 0) throw new AppError('qdpx.invalid', 400, 'The .qdpx file is empty.', { field: 'qdpx' });
    return c.json(importQdpxStudy(db, readQdpx(bytes), c.get('user').id), 201);
  });
}
