import type { Context } from 'hono';
import { queueFiltersFrom, queueQuery } from '../adjudication/queue-query.ts';
import { readSessionToken } from '../auth/cookie.ts';
import { heldRoles } from '../auth/middleware.ts';
import { findSessionUser } from '../auth/sessions.ts';
import type { Db } from '../db/open.ts';

/**
 * The API answers a study page opened by its address waits on first, for the signed-in member, so
 * index.html can preload them: they are asked for while the app's scripts load, instead of one after
 * the other once the scripts have run (session, then study, then the tab's data). They are the
 * requests the web app then makes (apps/web/src/app/prefetch-route-data.ts), to the byte, so each is
 * made once; and only those the member may make, so none is refused.
 */
export function pagePreloads(db: Db, c: Context): string[] {
  // Whole path segments, as the app's route reads them (/studies/7abc is no study there): a preload the
  // app never asks for is a request for nothing, and its answer stays in the page unclaimed.
  const match = /^\/studies\/(\d{1,15})(?:\/([^/]+))?(?:\/|$)/.exec(c.req.path);
  if (!match) return [];
  const token = readSessionToken(c);
  const user = token ? findSessionUser(db, token) : null;
  if (!user) return [];
  const studyId = Number(match[1]);
  const roles = heldRoles(db, studyId, user);
  if (!roles?.length) return [];
  const study = `/api/studies/${studyId}`;
  const tab = match[2];
  if (tab === 'code') return [study, `${study}/rounds`, `${study}/progress`, `${study}/codebook`];
  if (tab === 'adjudicate' && (roles.includes('adjudicator') || roles.includes('owner'))) {
    const query = new URLSearchParams(queueQuery(queueFiltersFrom(new URL(c.req.url).searchParams), ''));
    return [study, `${study}/adjudication/choices`, `${study}/adjudication?${query}`];
  }
  return [study];
}
