import { codeIdSchema, diffCodebooks } from '@threadcoder/taxonomy';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireStudyRole, rolesIn } from '../auth/middleware.ts';
import { chooseCodebook, chooseCodebookSchema, codebookFromChoice } from '../db/codebook-choose.ts';
import { codebookEditSchema, saveEdit } from '../db/codebook-edits.ts';
import { codebookFile, contentDisposition, exportFormatSchema, studyCodebookVersion } from '../db/codebook-export.ts';
import { listReviews, resolveReview } from '../db/codebook-reviews.ts';
import { upgradeStudy } from '../db/codebook-upgrade.ts';
import { listVersions, studyLineage } from '../db/codebooks.ts';
import type { Db } from '../db/open.ts';
import { studyCodingSettings } from '../db/pinned-codebook.ts';
import type { AuthedEnv } from '../http/env.ts';
import { validate } from '../http/validate.ts';

const version = z.coerce.number().int().positive();
const versionParam = z.object({ studyId: z.string(), version });
const diffQuery = z.object({ from: version, to: version });
const exportQuery = z.object({ format: exportFormatSchema, version: version.optional() });
const upgradeBody = z.object({ toVersion: z.number().int().positive() });
const reviewParam = z.object({ studyId: z.string(), reviewId: z.coerce.number().int().positive() });
const reviewBody = z.object({ codeIds: z.array(codeIdSchema).max(100) });

/** The pinned version with the lineage's history: what every member reads. */
function studyCodebook(db: Db, studyId: number) {
  const { versionId, labelMode, codebook } = studyCodingSettings(db, studyId);
  const { codebookId, pinnedVersion, latestVersion } = studyLineage(db, studyId);
  return {
    codebookId,
    versionId,
    labelMode,
    codebook,
    pinnedVersion,
    latestVersion,
    versions: listVersions(db, codebookId),
  };
}

/**
 * A study's codebook. Every member reads it (coders need definitions beside the coding
 * screen); only owners choose, edit and move the study to a newer version. Edits go to the
 * lineage's latest version; the study codes with its pinned version until it is moved.
 */
export function codebookRoutes(db: Db) {
  const studyId = (c: { req: { param: (name: 'studyId') => string } }) => Number(c.req.param('studyId'));
  return new Hono<AuthedEnv>()
    .get('/', requireStudyRole(db), (c) => c.json(studyCodebook(db, studyId(c))))
    .post('/', requireStudyRole(db, 'owner'), validate('json', chooseCodebookSchema), (c) => {
      const { codebook, message } = codebookFromChoice(c.req.valid('json'));
      chooseCodebook(db, studyId(c), codebook, c.get('user').id, message);
      return c.json(studyCodebook(db, studyId(c)), 201);
    })
    .get('/versions/:version', requireStudyRole(db), validate('param', versionParam), (c) => {
      const codebook = studyCodebookVersion(db, studyId(c), c.req.valid('param').version);
      return c.json({ codebook });
    })
    .post('/versions', requireStudyRole(db, 'owner'), validate('json', codebookEditSchema), (c) => {
      const saved = saveEdit(db, studyId(c), c.req.valid('json'), c.get('user').id);
      return c.json(saved, 201);
    })
    .get('/diff', requireStudyRole(db), validate('query', diffQuery), (c) => {
      const { from, to } = c.req.valid('query');
      const diff = diffCodebooks(studyCodebookVersion(db, studyId(c), from), studyCodebookVersion(db, studyId(c), to));
      return c.json({ from, to, diff });
    })
    .post('/upgrade', requireStudyRole(db, 'owner'), validate('json', upgradeBody), (c) => {
      const report = upgradeStudy(db, studyId(c), c.req.valid('json').toVersion, c.get('user').id);
      return c.json({ report });
    })
    .get('/reviews', requireStudyRole(db), (c) => {
      const user = c.get('user');
      return c.json(listReviews(db, studyId(c), user.id, rolesIn(db, studyId(c), user)));
    })
    .post(
      '/reviews/:reviewId',
      requireStudyRole(db),
      validate('param', reviewParam),
      validate('json', reviewBody),
      (c) => {
        const user = c.get('user');
        resolveReview(
          db,
          studyId(c),
          c.req.valid('param').reviewId,
          c.req.valid('json').codeIds,
          user.id,
          rolesIn(db, studyId(c), user),
        );
        return c.json({ ok: true });
      },
    )
    .get('/export', requireStudyRole(db), validate('query', exportQuery), (c) => {
      const { format, version: wanted } = c.req.valid('query');
      const file = codebookFile(studyCodebookVersion(db, studyId(c), wanted), format);
      return c.body(file.body, 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': contentDisposition(file.filename),
      });
    });
}
