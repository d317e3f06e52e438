import type { Db } from './open.ts';
import { AppError } from '../http/errors.ts';
import { audit } from './audit.ts';
import { statement } from './prepared.ts';
import { writeTransaction } from './write-transaction.ts';

export type StudyRole = 'owner' | 'coder' | 'adjudicator';

export interface StudySummary {
  id: number;
  name: string;
  description: string;
  unitKind: 'post' | 'thread';
  labelMode: 'single' | 'multi';
  blind: boolean;
  codebookId: number | null;
  codebookVersionId: number | null;
  createdAt: string;
  roles: StudyRole[];
  units: number;
}

type RawStudy = Omit<StudySummary, 'blind' | 'roles'> & { blind: number; roles: string | null };
const toStudy = (r: RawStudy): StudySummary => ({
  ...r,
  blind: r.blind === 1,
  roles: r.roles ? (r.roles.split(',').sort() as StudyRole[]) : [],
});

const select = `SELECT s.id, s.name, s.description, s.unit_kind AS unitKind, s.label_mode AS labelMode, s.blind,
  s.codebook_id AS codebookId, s.codebook_version_id AS codebookVersionId, s.created_at AS createdAt,
  (SELECT group_concat(role) FROM study_members m WHERE m.study_id = s.id AND m.user_id = @userId) AS roles,
  (SELECT count(*) FROM units u WHERE u.study_id = s.id) AS units
  FROM studies s`;

/** Studies the user is a member of; an instance admin sees all. */
export function listStudies(db: Db, userId: number, isAdmin: boolean): StudySummary[] {
  const where = isAdmin
    ? ''
    : 'WHERE EXISTS (SELECT 1 FROM study_members m WHERE m.study_id = s.id AND m.user_id = @userId)';
  return (db.prepare(`${select} ${where} ORDER BY s.created_at DESC, s.id DESC`).all({ userId }) as RawStudy[]).map(
    toStudy,
  );
}

export function getStudy(db: Db, studyId: number, userId: number): StudySummary | null {
  const row = db.prepare(`${select} WHERE s.id = @studyId`).get({ studyId, userId }) as RawStudy | undefined;
  return row ? toStudy(row) : null;
}

// Checked on every study request (requireStudyRole), so prepared once per connection.
const selectRoles = statement<[number, number], StudyRole>(
  'SELECT role FROM study_members WHERE study_id = ? AND user_id = ?',
  (s) => s.pluck(),
);
const selectStudyExists = statement<[number]>('SELECT 1 FROM studies WHERE id = ?');

export function studyRoles(db: Db, studyId: number, userId: number): StudyRole[] {
  return selectRoles(db).all(studyId, userId);
}

export function studyExists(db: Db, studyId: number): boolean {
  return selectStudyExists(db).get(studyId) !== undefined;
}

const selectUnitKind = statement<[number], 'post' | 'thread'>('SELECT unit_kind FROM studies WHERE id = ?', (s) =>
  s.pluck(),
);

/** What the study codes: posts or whole threads. */
export function studyUnitKind(db: Db, studyId: number): 'post' | 'thread' {
  return selectUnitKind(db).get(studyId)!;
}

const selectAccess = statement<[number, number], { roles: string | null }>(
  'SELECT (SELECT group_concat(role) FROM study_members m WHERE m.study_id = s.id AND m.user_id = ?) AS roles FROM studies s WHERE s.id = ?',
);

/** The user's roles in the study in one query (what every study request checks); null when there is no such study. */
export function studyAccess(db: Db, studyId: number, userId: number): StudyRole[] | null {
  const row = selectAccess(db).get(userId, studyId);
  if (!row) return null;
  return row.roles ? (row.roles.split(',').sort() as StudyRole[]) : [];
}

export interface NewStudy {
  name: string;
  description: string;
  unitKind: 'post' | 'thread';
  labelMode: 'single' | 'multi';
  blind: boolean;
  codebookId?: number | null;
  codebookVersionId?: number | null;
}

/** Creates a study with its creator as owner and a first, open main round. */
export function insertStudy(db: Db, study: NewStudy, ownerId: number): number {
  return writeTransaction(db, () => {
    const now = new Date().toISOString();
    const id = Number(
      db
        .prepare(
          `INSERT INTO studies (name, description, unit_kind, label_mode, blind, codebook_id, codebook_version_id, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          study.name,
          study.description,
          study.unitKind,
          study.labelMode,
          study.blind ? 1 : 0,
          study.codebookId ?? null,
          study.codebookVersionId ?? null,
          ownerId,
          now,
        ).lastInsertRowid,
    );
    db.prepare('INSERT INTO study_members (study_id, user_id, role) VALUES (?, ?, ?)').run(id, ownerId, 'owner');
    db.prepare("INSERT INTO rounds (study_id, name, kind, position, created_at) VALUES (?, 'Main', 'main', 1, ?)").run(
      id,
      now,
    );
    return id;
  });
}

export interface Member {
  userId: number;
  username: string;
  displayName: string;
  role: StudyRole;
}

export function listMembers(db: Db, studyId: number): Member[] {
  return db
    .prepare(
      `SELECT m.user_id AS userId, u.username, u.display_name AS displayName, m.role
       FROM study_members m JOIN users u ON u.id = m.user_id WHERE m.study_id = ? ORDER BY u.username, m.role`,
    )
    .all(studyId) as Member[];
}

export function addMember(db: Db, studyId: number, userId: number, role: StudyRole): void {
  const user = db.prepare('SELECT 1 FROM users WHERE id = ?').get(userId);
  if (!user) throw new AppError('study.unknown_user', 400, `There is no user with id ${userId}.`, { field: 'userId' });
  db.prepare('INSERT OR IGNORE INTO study_members (study_id, user_id, role) VALUES (?, ?, ?)').run(
    studyId,
    userId,
    role,
  );
}

/** Removes one membership; refuses to leave a study without an owner (409). */
export function removeMember(db: Db, studyId: number, userId: number, role: StudyRole): boolean {
  if (role === 'owner') {
    const owners = db
      .prepare("SELECT user_id FROM study_members WHERE study_id = ? AND role = 'owner'")
      .pluck()
      .all(studyId) as number[];
    if (owners.length === 1 && owners[0] === userId) {
      throw new AppError(
        'study.last_owner',
        409,
        'A study needs an owner: make someone else owner before removing the last one.',
      );
    }
  }
  return (
    db.prepare('DELETE FROM study_members WHERE study_id = ? AND user_id = ? AND role = ?').run(studyId, userId, role)
      .changes > 0
  );
}

export interface StudyPatch {
  name?: string;
  description?: string;
  blind?: boolean;
  labelMode?: 'single' | 'multi';
  unitKind?: 'post' | 'thread';
}

type Settings = Required<StudyPatch>;
const settingsSql =
  'SELECT name, description, blind, label_mode AS labelMode, unit_kind AS unitKind FROM studies WHERE id = ?';

/**
 * Changes a study's settings and audits the changed fields (before and after) in one
 * transaction. What a unit is and how many labels it takes cannot change once units exist:
 * codings already made would no longer mean the same thing (409).
 */
export function updateStudy(db: Db, studyId: number, patch: StudyPatch, userId: number): void {
  writeTransaction(db, () => {
    const raw = db.prepare(settingsSql).get(studyId) as (Omit<Settings, 'blind'> & { blind: number }) | undefined;
    if (!raw) throw new AppError('not_found', 404, 'The study was not found.');
    const current: Settings = { ...raw, blind: raw.blind === 1 };
    const changed = (Object.keys(patch) as (keyof StudyPatch)[]).filter(
      (k) => patch[k] !== undefined && patch[k] !== current[k],
    );
    if (changed.length === 0) return;
    const locked = changed.find((k) => k === 'unitKind' || k === 'labelMode');
    const units = locked
      ? (db.prepare('SELECT count(*) FROM units WHERE study_id = ?').pluck().get(studyId) as number)
      : 0;
    if (locked && units > 0) {
      const what = locked === 'unitKind' ? 'the unit (post or thread)' : 'single- or multi-label coding';
      throw new AppError(
        'study.has_units',
        409,
        `This study already has ${units} units, so ${what} can no longer change.`,
        { field: locked },
      );
    }
    const next = { ...current, ...Object.fromEntries(changed.map((k) => [k, patch[k]])) } as Settings;
    db.prepare(
      'UPDATE studies SET name = ?, description = ?, blind = ?, label_mode = ?, unit_kind = ? WHERE id = ?',
    ).run(next.name, next.description, next.blind ? 1 : 0, next.labelMode, next.unitKind, studyId);
    const pick = (s: Settings) => Object.fromEntries(changed.map((k) => [k, s[k]]));
    audit(db, {
      userId,
      studyId,
      action: 'study.update',
      entity: 'study',
      entityId: studyId,
      before: pick(current),
      after: pick(next),
    });
  });
}
