import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { requireStudyRole, rolesIn } from '../auth/middleware.ts';
import type { Db } from '../db/open.ts';
import { assertCanSeeResults, canSeeResults, type Viewer } from '../exports/access.ts';
import { codingsNote, visibleCodingCount, withheldCodingCount } from '../exports/codings-csv.ts';
import { periodSchema, reportFormatSchema, type ExportKind, type ExportOptions } from '../exports/files.ts';
import { fileStem, studyInfo } from '../exports/study-info.ts';
import type { AuthedEnv } from '../http/env.ts';
import { validate } from '../http/validate.ts';
import type { AppTasks } from '../workers/tasks.ts';

const studyParam = z.object({ studyId: z.coerce.number().int() });
const countsQuery = z.object({ period: periodSchema.optional() });
const reportQuery = z.object({ period: periodSchema.optional(), format: reportFormatSchema.optional() });

/**
 * A study's exports as file downloads. Every member may download; what a file holds follows
 * the blind rule for the caller (exports/access.ts): codings and the .qdpx carry other
 * coders' codings only where db/visibility.ts allows, and final labels and the report go to
 * owners and adjudicators, and to coders once the study is not blind. Those checks run here;
 * the files are made on a worker thread (workers/tasks.ts) for the viewer they pass.
 */
export function exportRoutes(db: Db, tasks: AppTasks) {
  const member = requireStudyRole(db);
  const viewer = (c: Context<AuthedEnv>, studyId: number): Viewer => {
    const user = c.get('user');
    return { operator: false, userId: user.id, roles: rolesIn(db, studyId, user) };
  };
  const send = async (
    c: Context<AuthedEnv>,
    studyId: number,
    kind: Exclude<ExportKind, 'qdpx'>,
    who: Viewer,
    options: ExportOptions = {},
  ) => {
    if (kind !== 'codings') assertCanSeeResults(db, studyId, who);
    const file = await tasks.run('exportFile', [studyId, kind, who, options], { signal: c.req.raw.signal });
    const headers = {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
    };
    return typeof file.body === 'string'
      ? c.body(file.body, 200, headers)
      : c.body(file.body as Uint8Array<ArrayBuffer>, 200, headers);
  };
  return new Hono<AuthedEnv>()
    .get('/', member, validate('param', studyParam), (c) => {
      const { studyId } = c.req.valid('param');
      const who = viewer(c, studyId);
      const study = db
        .prepare('SELECT blind, codebook_version_id IS NOT NULL AS hasCodebook FROM studies WHERE id = ?')
        .get(studyId) as { blind: number; hasCodebook: number };
      const codings = visibleCodingCount(db, studyId, who);
      return c.json({
        blind: study.blind === 1,
        hasCodebook: study.hasCodebook === 1,
        canSeeResults: canSeeResults(db, studyId, who),
        codings,
        codingsNote: codingsNote(codings, withheldCodingCount(db, studyId, who)),
      });
    })
    .get('/codings', member, validate('param', studyParam), (c) => {
      const { studyId } = c.req.valid('param');
      const who = viewer(c, studyId);
      const note = codingsNote(visibleCodingCount(db, studyId, who), withheldCodingCount(db, studyId, who));
      if (note) c.header('X-Threadcoder-Note', note);
      return send(c, studyId, 'codings', who);
    })
    .get('/final', member, validate('param', studyParam), (c) =>
      send(c, c.req.valid('param').studyId, 'final', viewer(c, c.req.valid('param').studyId)),
    )
    .get('/counts', member, validate('param', studyParam), validate('query', countsQuery), (c) => {
      const { studyId } = c.req.valid('param');
      return send(c, studyId, 'counts', viewer(c, studyId), c.req.valid('query'));
    })
    .get('/report', member, validate('param', studyParam), validate('query', reportQuery), (c) => {
      const { studyId } = c.req.valid('param');
      return send(c, studyId, 'report', viewer(c, studyId), c.req.valid('query'));
    })
    .get('/qdpx', member, validate('param', studyParam), async (c) => {
      const { studyId } = c.req.valid('param');
      const body = await tasks.stream('qdpx', [studyId, viewer(c, studyId)], { signal: c.req.raw.signal });
      // REFI-QDA names no media type; a .qdpx file is a zip.
      return c.body(body, 200, {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${fileStem(studyInfo(db, studyId))}.qdpx"`,
      });
    });
}
