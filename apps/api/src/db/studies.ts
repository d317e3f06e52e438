import type { Db } from './open.ts';
import { AppError } from '../http/errors.ts';

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
  const where = isAdmin ? '' : 'WHERE EXISTS (SELECT 1 FROM study_members m WHERE m.study_id = s.id AND m.user_id = @userId)';
  return (db.prepare(`${select} ${where} ORDER BY s.created_at DESC, s.id DESC`).all({ userId }) as RawStudy[]).map(toStudy);
}

export function getStudy(db: Db, studyId: number, userId: number): StudySummary | null {
  const row = db.prepare(`${select} WHERE s.id = @studyId`).get({ studyId, userId }) as RawStudy | undefined;
  return row ? toStudy(row) : null;
}

export function studyRoles(db: Db, studyId: number, userId: number): StudyRole[] {
  return (db.prepare('SELECT role FROM study_members WHERE study_id = ? AND user_id = ?').all(studyId, userId) as { role: StudyRole }[]).map(
    (r) => r.role,
  );
}

export function studyExists(db: Db, studyId: number): boolean {
  return db.prepare('SELECT 1 FROM studies WHERE id = ?').get(studyId) !== undefined;
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
  return db.transaction(() => {
    const now = new Date().toISOString();
    const id = Number(
      db
        .prepare(
          `INSERT INTO studies (name, description, unit_kind, label_mode, blind, codebook_id, codebook_version_id, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(study.name, study.description, study.unitKind, study.labelMode, study.blind ? 1 : 0, study.codebookId ?? null, study.codebookVersionId ?? null, ownerId, now)
        .lastInsertRowid,
    );
    db.prepare('INSERT INTO study_members (study_id, user_id, role) VALUES (?, ?, ?)').run(id, ownerId, 'owner');
    db.prepare("INSERT INTO rounds (study_id, name, kind, position, created_at) VALUES (?, 'Main', 'main', 1, ?)").run(id, now);
    return id;
  })();
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
  db.prepare('INSERT OR IGNORE INTO study_members (study_id, user_id, role) VALUES (?, ?, ?)').run(studyId, userId, role);
}

export function removeMember(db: Db, studyId: number, userId: number, role: StudyRole): boolean {
  return db.prepare('DELETE FROM study_members WHERE study_id = ? AND user_id = ? AND role = ?').run(studyId, userId, role).changes > 0;
}
