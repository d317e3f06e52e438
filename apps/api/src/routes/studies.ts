import { Hono } from 'hono';
import { z } from 'zod';
import { requireStudyRole, requireUser } from '../auth/middleware.ts';
import { DEFAULT_TEMPLATE_ID } from '@threadcoder/taxonomy';
import { audit } from '../db/audit.ts';
import { chooseCodebook, codebookFromChoice } from '../db/codebook-choose.ts';
import type { Db } from '../db/open.ts';
import {
  addMember,
  getStudy,
  insertStudy,
  listMembers,
  listStudies,
  removeMember,
  updateStudy,
} from '../db/studies.ts';
import type { SessionUser } from '../auth/sessions.ts';
import type { AuthedEnv } from '../http/env.ts';
import { notFound } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { writeTransaction } from '../db/write-transaction.ts';

const role = z.enum(['owner', 'coder', 'adjudicator']);
const studyBody = z.object({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).default(''),
  unitKind: z.enum(['post', 'thread']).default('post'),
  labelMode: z.enum(['single', 'multi']).default('multi'),
  blind: z.boolean().default(true),
  // A new study codes with the Hugging Face forum template unless another (or none: null) is named.
  templateId: z.string().min(1).max(100).nullable().default(DEFAULT_TEMPLATE_ID),
});
// Every field optional; unitKind and labelMode only change while the study has no units (409).
const studyPatch = z
  .object({
    name: z.string().trim().min(1).max(200),
    description: z.string().max(5000),
    unitKind: z.enum(['post', 'thread']),
    labelMode: z.enum(['single', 'multi']),
    blind: z.boolean(),
  })
  .partial()
  .strict();
const memberBody = z.object({ userId: z.number().int().positive(), role });
const memberParams = z.object({ studyId: z.string(), userId: z.coerce.number().int().positive(), role });

/** The study as `user` sees it; an instance admin acts as its owner. */
function studyFor(db: Db, studyId: number, user: SessionUser) {
  const study = getStudy(db, studyId, user.id);
  if (!study) throw notFound('The study');
  return {
    ...study,
    roles: user.isAdmin && !study.roles.includes('owner') ? [...study.roles, 'owner' as const] : study.roles,
  };
}

export function studyRoutes(db: Db) {
  return new Hono<AuthedEnv>()
    .use(requireUser)
    .get('/', (c) => {
      const user = c.get('user');
      return c.json({ studies: listStudies(db, user.id, user.isAdmin) });
    })
    .post('/', validate('json', studyBody), (c) => {
      const user = c.get('user');
      const { templateId, ...settings } = c.req.valid('json');
      const chosen = templateId === null ? null : codebookFromChoice({ source: 'template', templateId });
      const id = writeTransaction(db, () => {
        const studyId = insertStudy(db, settings, user.id);
        audit(db, {
          userId: user.id,
          studyId,
          action: 'study.create',
          entity: 'study',
          entityId: studyId,
          after: { ...settings, templateId },
        });
        if (chosen) chooseCodebook(db, studyId, chosen.codebook, user.id, chosen.message);
        return studyId;
      });
      return c.json({ study: getStudy(db, id, user.id) }, 201);
    })
    .get('/:studyId', requireStudyRole(db), (c) =>
      c.json({ study: studyFor(db, Number(c.req.param('studyId')), c.get('user')) }),
    )
    .patch('/:studyId', requireStudyRole(db, 'owner'), validate('json', studyPatch), (c) => {
      const studyId = Number(c.req.param('studyId'));
      updateStudy(db, studyId, c.req.valid('json'), c.get('user').id);
      return c.json({ study: studyFor(db, studyId, c.get('user')) });
    })
    .get('/:studyId/members', requireStudyRole(db), (c) =>
      c.json({ members: listMembers(db, Number(c.req.param('studyId'))) }),
    )
    .post('/:studyId/members', requireStudyRole(db, 'owner'), validate('json', memberBody), (c) => {
      const studyId = Number(c.req.param('studyId'));
      const body = c.req.valid('json');
      writeTransaction(db, () => {
        addMember(db, studyId, body.userId, body.role);
        audit(db, {
          userId: c.get('user').id,
          studyId,
          action: 'member.add',
          entity: 'study_member',
          entityId: body.userId,
          after: body,
        });
      });
      return c.json({ members: listMembers(db, studyId) }, 201);
    })
    .delete('/:studyId/members/:userId/:role', requireStudyRole(db, 'owner'), validate('param', memberParams), (c) => {
      const { userId, role: r } = c.req.valid('param');
      const studyId = Number(c.req.param('studyId'));
      writeTransaction(db, () => {
        if (!removeMember(db, studyId, userId, r)) throw notFound('That membership');
        audit(db, {
          userId: c.get('user').id,
          studyId,
          action: 'member.remove',
          entity: 'study_member',
          entityId: userId,
          before: { userId, role: r },
        });
      });
      return c.json({ members: listMembers(db, studyId) });
    });
}
