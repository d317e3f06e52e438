import type { Db } from './open.ts';
import { AppError } from '../http/errors.ts';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  isAdmin: boolean;
  createdAt: string;
}

const columns = 'id, username, display_name AS displayName, is_admin AS isAdmin, created_at AS createdAt';
type RawUser = Omit<UserRow, 'isAdmin'> & { isAdmin: number };
const toUser = (r: RawUser): UserRow => ({ ...r, isAdmin: r.isAdmin === 1 });

export function countUsers(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
}

export function countAdmins(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM users WHERE is_admin = 1').get() as { n: number }).n;
}

export function listUsers(db: Db): UserRow[] {
  return (db.prepare(`SELECT ${columns} FROM users ORDER BY username`).all() as RawUser[]).map(toUser);
}

export function findUserByName(db: Db, username: string): (UserRow & { passwordHash: string }) | null {
  const row = db
    .prepare(`SELECT ${columns}, password_hash AS passwordHash FROM users WHERE username = ?`)
    .get(username) as (RawUser & { passwordHash: string }) | undefined;
  return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
}

export function insertUser(
  db: Db,
  user: { username: string; displayName: string; passwordHash: string; isAdmin: boolean },
): UserRow {
  try {
    const id = db
      .prepare('INSERT INTO users (username, display_name, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(
        user.username,
        user.displayName,
        user.passwordHash,
        user.isAdmin ? 1 : 0,
        new Date().toISOString(),
      ).lastInsertRowid;
    return toUser(db.prepare(`SELECT ${columns} FROM users WHERE id = ?`).get(id) as RawUser);
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new AppError('user.duplicate', 409, `A user named "${user.username}" already exists.`, {
        field: 'username',
      });
    }
    throw err;
  }
}
