// The one way to read codings. Every query that reads the codings table selects from one of
// the table expressions below, scoped to a viewer, so no query can forget the blind rule;
// tests/api/codings-access.test.ts fails when a source file reads the table any other way.
//
// The blind rule: another coder's coding reaches a viewer only when the study is not blind,
// the owner has unblinded the unit's round, or the unit has reached adjudication: for everyone
// once its round is closed, and while the round is still open (adjudication of finished units)
// only for those who adjudicate: owners, adjudicators, administrators. And a person
// who codes in an open blind round learns nothing from the others' codings of that round,
// whatever other role they hold (owner, adjudicator, administrator): those rounds are withheld.
import { AppError } from '../http/errors.ts';
import type { Db } from './open.ts';

/** Who reads: a signed-in user, or the database's operator (the CLI), who can read the file anyway. */
export type CodingViewer = { operator: true } | { operator: false; userId: number };

export const OPERATOR = { operator: true } as const;

/** The bind values every table expression here needs besides @studyId. */
export function viewerParams(viewer: CodingViewer): { viewerId: number; operator: 0 | 1 } {
  return viewer.operator ? { viewerId: -1, operator: 1 } : { viewerId: viewer.userId, operator: 0 };
}

const joined =
  'codings c JOIN units u ON u.id = c.unit_id JOIN rounds r ON r.id = u.round_id JOIN studies s ON s.id = u.study_id';

/** Ids of the rounds the viewer codes in (has units assigned) while they are open and blind. */
export const withheldRoundIdsSql = `(SELECT wu.round_id FROM assignments wa JOIN units wu ON wu.id = wa.unit_id
  JOIN rounds wr ON wr.id = wu.round_id JOIN studies ws ON ws.id = wr.study_id
  WHERE wa.user_id = @viewerId AND @operator = 0 AND ws.blind = 1 AND wr.unblinded = 0 AND wr.status = 'open')`;

const adjudicates = `(EXISTS (SELECT 1 FROM study_members m WHERE m.study_id = u.study_id AND m.user_id = @viewerId
    AND m.role IN ('owner', 'adjudicator'))
  OR EXISTS (SELECT 1 FROM users v WHERE v.id = @viewerId AND v.is_admin = 1))`;
const released = `s.blind = 0 OR r.unblinded = 1
  OR (EXISTS (SELECT 1 FROM adjudications a WHERE a.unit_id = u.id) AND (r.status = 'closed' OR ${adjudicates}))`;
const seen = `@operator = 1 OR c.coder_id = @viewerId OR ((${released}) AND r.id NOT IN ${withheldRoundIdsSql})`;

/**
 * Whether every coder assigned to unit `u` has coded it: what closing a round decides on, and so
 * no secret once the round is closed (final labels, settled units). In an open round it is
 * progress, which only owners and adjudicators see, and never in a round withheld from them:
 * pair it with `r.id NOT IN withheldRoundIdsSql` there.
 */
export const everyAssignedCoderCodedSql = `NOT EXISTS (SELECT 1 FROM assignments x WHERE x.unit_id = u.id
  AND NOT EXISTS (SELECT 1 FROM codings done WHERE done.unit_id = u.id AND done.coder_id = x.user_id))`;

/** Codings of study @studyId the viewer may read one by one (labels, memo, quotes). Use as `FROM ${visibleCodings} c`. */
export const visibleCodings = `(SELECT c.* FROM ${joined} WHERE u.study_id = @studyId AND (${seen}))`;

/** visibleCodings over every study (binds no @studyId): for lists that span studies, such as the thread browser. */
export const visibleCodingsAnyStudy = `(SELECT c.* FROM ${joined} WHERE ${seen})`;

/**
 * Codings of study @studyId whose labels (never memo or quotes) the viewer may read: the visible
 * ones, plus those of a closed round's unit that every assigned coder coded (the coders agreed,
 * so their labels are the unit's final labels, or they disagreed and it is in adjudication).
 */
export const disclosedCodings = `(SELECT c.* FROM ${joined} WHERE u.study_id = @studyId AND (${seen}
  OR (r.status = 'closed' AND ${everyAssignedCoderCodedSql})))`;

/**
 * Codings of study @studyId the viewer may count in aggregates (agreement statistics, progress):
 * owners, adjudicators and administrators count every coding but those of withheld rounds;
 * anyone else only the codings they may read.
 */
export const countableCodings = `(SELECT c.* FROM ${joined} WHERE u.study_id = @studyId AND (${seen}
  OR (r.id NOT IN ${withheldRoundIdsSql} AND (
    u.study_id IN (SELECT study_id FROM study_members WHERE user_id = @viewerId AND role IN ('owner', 'adjudicator'))
    OR (SELECT is_admin FROM users WHERE id = @viewerId) = 1))))`;

/** Ids of others' codings in study @studyId's rounds withheld from the viewer: not even their existence reaches the viewer. */
export const withheldCodingIdsSql = `(SELECT c.id FROM codings c JOIN units u ON u.id = c.unit_id
  WHERE u.study_id = @studyId AND c.coder_id <> @viewerId AND u.round_id IN ${withheldRoundIdsSql})`;

/** The study's rounds withheld from the viewer (see withheldRoundIdsSql), in round order. */
export function withheldRounds(db: Db, studyId: number, viewer: CodingViewer): { id: number; name: string }[] {
  return db
    .prepare(`SELECT id, name FROM rounds WHERE study_id = @studyId AND id IN ${withheldRoundIdsSql} ORDER BY position`)
    .all({ studyId, ...viewerParams(viewer) }) as { id: number; name: string }[];
}

/**
 * Final labels and what is computed from them (counts, trends, co-occurrence, terms, the
 * report) go to owners and adjudicators, and to coders only once the study is not blind,
 * so that no coder learns how the others label.
 */
export function resultsVisible(db: Db, studyId: number, roles: readonly string[]): boolean {
  if (roles.includes('owner') || roles.includes('adjudicator')) return true;
  return db.prepare('SELECT blind FROM studies WHERE id = ?').pluck().get(studyId) === 0;
}

/**
 * Refuses (403) round work whose answer would tell the user how far the other coders are, such as
 * handing over its finished units, while the round is withheld from them (see withheldRoundIdsSql).
 */
export function refuseIfWithheld(db: Db, round: { id: number; name: string }, userId: number): void {
  const viewer = viewerParams({ operator: false, userId });
  if (db.prepare(`SELECT ? IN ${withheldRoundIdsSql}`).pluck().get(round.id, viewer) !== 1) return;
  throw new AppError(
    'round.withheld',
    403,
    `You code in round "${round.name}" while it is open and blind, so what the other coders did stays hidden from you: ask an owner or adjudicator who does not code in it, or wait until the round is closed or unblinded.`,
  );
}
