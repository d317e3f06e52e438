// Who an export is written for. A member exports through the API and sees what the blind rule
// (db/visibility.ts) lets them see; the CLI runs as the database's operator, who can read the
// file anyway, and so sees everything.
import type { Db } from '../db/open.ts';
import { OPERATOR as CODING_OPERATOR, resultsVisible } from '../db/visibility.ts';
import type { StudyRole } from '../db/studies.ts';
import { forbidden } from '../http/errors.ts';

export type Viewer = { operator: true } | { operator: false; userId: number; roles: readonly StudyRole[] };

export const OPERATOR: Viewer = CODING_OPERATOR;

/**
 * Final labels and what is computed from them (counts, trends, the report with its agreement
 * statistics) go to owners and adjudicators, and to coders once the study is not blind: the
 * same line the adjudication and agreement pages draw, so an export never shows a coder more.
 */
export function canSeeResults(db: Db, studyId: number, viewer: Viewer): boolean {
  return viewer.operator || resultsVisible(db, studyId, viewer.roles);
}

export function assertCanSeeResults(db: Db, studyId: number, viewer: Viewer): void {
  if (!canSeeResults(db, studyId, viewer)) {
    throw forbidden(
      'Final labels, counts and the report are hidden from coders while the study is blind, so that no coder learns how the others label.',
    );
  }
}
