import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { requireUser } from '../auth/middleware.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/open.ts';
import { assertMayWriteSource, canImport, managesSource } from '../db/sources.ts';
import type { AuthedEnv } from '../http/env.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { getImport, importFormats, importRequestSchema, listImports, startImport } from '../import/index.ts';

// The file is the raw request body (not multipart: it streams to disk with no parser in
// between); the other fields ride in the query string, the mapping as a JSON object.
const uploadQuery = z.object({
  source: importRequestSchema.shape.source,
  sourceKind: importRequestSchema.shape.sourceKind,
  format: z.enum(['auto', ...importFormats]).default('auto'),
  mode: importRequestSchema.shape.mode,
  baseUrl: importRequestSchema.shape.baseUrl,
  dateFormat: importRequestSchema.shape.dateFormat,
  filename: z.string().trim().min(1).max(255).default('upload'),
  mapping: z
    .string()
    .max(4000)
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'mapping must be a JSON object, e.g. {"threadId":"topic_id"}' });
        return z.NEVER;
      }
    })
    .pipe(importRequestSchema.shape.mapping.unwrap())
    .optional(),
});
const listQuery = z.object({ source: z.coerce.number().int().positive().optional() });
const idParam = z.object({ id: z.coerce.number().int().positive() });

const tooLarge = (max: number) =>
  new AppError(
    'import.upload_too_large',
    413,
    `The file is larger than the upload limit of ${Math.floor(max / 1048576)} MB (THREADCODER_MAX_UPLOAD_MB).`,
    { field: 'file' },
  );

/** Streams the request body to a new file in `dir`, counting bytes; past `max` the partial file is deleted and 413 thrown. */
async function receiveUpload(req: Request, dir: string, max: number): Promise<string> {
  if (Number(req.headers.get('content-length') ?? 0) > max) throw tooLarge(max);
  if (!req.body) throw new AppError('import.no_file', 400, 'Send the file as the request body.', { field: 'file' });
  await mkdir(dir, { recursive: true, mode: 0o700 }); // uploads are forum dumps: their owner's alone
  const path = join(dir, `upload-${randomUUID()}.part`);
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > max ? tooLarge(max) : null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(req.body as NodeReadableStream<Uint8Array>),
      counter,
      createWriteStream(path, { mode: 0o600 }),
    );
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
  return path;
}

export function importRoutes(db: Db, config: Config) {
  const importer: MiddlewareHandler<AuthedEnv> = async (c, next) => {
    if (!canImport(c.get('user')))
      throw forbidden('Importing needs the importer right, which an administrator grants.');
    await next();
  };
  return (
    new Hono<AuthedEnv>()
      .use(requireUser, importer)
      .post('/', validate('query', uploadQuery), async (c) => {
        if (c.req.header('content-type')?.startsWith('multipart/')) {
          throw new AppError(
            'import.multipart',
            415,
            'Send the file itself as the request body (not multipart); put the other fields in the query string.',
          );
        }
        const q = c.req.valid('query');
        // Checked before the upload is received, and again where the import is recorded.
        assertMayWriteSource(db, c.get('user'), q.source);
        const file = await receiveUpload(c.req.raw, join(dirname(config.dbPath), 'uploads'), config.maxUploadBytes);
        try {
          const { importId } = await startImport(
            config.dbPath,
            {
              sourceName: q.source,
              sourceKind: q.sourceKind,
              file,
              fileName: basename(q.filename),
              format: q.format === 'auto' ? undefined : q.format,
              mode: q.mode,
              mapping: q.mapping,
              dateFormat: q.dateFormat,
              baseUrl: q.baseUrl,
              userId: c.get('user').id,
              deleteFile: true,
            },
            c.get('user'),
          );
          return c.json({ import: getImport(db, importId)! }, 202);
        } catch (err) {
          await rm(file, { force: true });
          throw err;
        }
      })
      .get('/', validate('query', listQuery), (c) => {
        const user = c.get('user');
        const ownerId = user.isAdmin ? undefined : user.id;
        return c.json({ imports: listImports(db, { sourceId: c.req.valid('query').source, ownerId }) });
      })
      // Another importer's import records are not found (404), as study ids are for non-members.
      .get('/:id', validate('param', idParam), (c) => {
        const found = getImport(db, c.req.valid('param').id);
        const user = c.get('user');
        // Not stored yet (no source): its importer's; else the source owner's. Administrators read all.
        const mayRead =
          found &&
          (found.sourceId === null
            ? user.isAdmin || found.userId === user.id
            : managesSource(db, user, found.sourceId));
        if (!mayRead) throw notFound('The import');
        return c.json({ import: found });
      })
  );
}
