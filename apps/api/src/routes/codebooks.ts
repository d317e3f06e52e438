import { Hono } from 'hono';
import { requireStudyRole } from '../auth/middleware.ts';
import { listVersions } from '../db/codebooks.ts';
import type { Db } from '../db/open.ts';
import { studyCodingSettings } from '../db/pinned-codebook.ts';
import type { AuthedEnv } from '../http/env.ts';

/** The codebook a study codes with. Every member may read it (coders need definitions beside the coding screen). */
export function codebookRoutes(db: Db) {
  return new Hono<AuthedEnv>().get('/', requireStudyRole(db), (c) => {
    const studyId = Number(c.req.param('studyId'));
    const { versionId, labelMode, codebook } = studyCodingSettings(db, studyId);
    const codebookId = db.prepare('SELECT codebook_id FROM studies WHERE id = ?').pluck().get(studyId) as number;
    return c.json({ codebookId, versionId, labelMode, codebook, versions: listVersions(db, codebookId) });
  });
}
