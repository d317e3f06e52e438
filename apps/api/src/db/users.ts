import type { Db } from './open.ts';
import { AppError, notFound } from '../http/errors.ts';
import { writeTransaction } from './write-transaction.ts';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  isAdmin: boolean;
  /** May import and collect: a right an administrator grants. */
  isImporter: boolean;
  /** A disabled account cannot log in and has no sessions. */
  disabled: boolean;
  createdAt: string;
}

const columns = `id, username, display_name AS displayName, is_admin AS isAdmin, is_importer AS isImporter,
  disabled_at IS NOT NULL AS disabled, created_at AS createdAt`;
type RawUser = Omit<UserRow, 'isAdmin' | 'isImporter' | 'disabled'> & {
  isAdmin: number;
  isImporter: number;
  disabled: number;
};
const toUser = (r: RawUser): UserRow => ({
  ...r,
  isAdmin: r.isAdmin === 1,
  isImporter: r.isImporter === 1,
  disabled: r.disabled === 1,
});

export function countAdmins(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM users WHERE is_admin = 1').get() as { n: number }).n;
}

export function listUsers(db: Db): UserRow[] {
  return (db.prepare(`SELECT ${columns} FROM users ORDER BY username`).all() as RawUser[]).map(toUser);
}

export function findUserById(db: Db, id: number): UserRow | null {
  const row = db.prepare(`SELECT ${columns} FROM users WHERE id = ?`).get(id) as RawUser | undefined;
  return row ? toUser(row) : null;
}

export function findUserByName(db: Db, username: string): (UserRow & { passwordHash: string }) | null {
  const row = db
    .prepare(`SELECT ${columns}, password_hash AS passwordHash FROM users WHERE username = ?`)
    .get(username) as (RawUser & { passwordHash: string }) | undefined;
  return row ? { ...toUser(row), passwordHash: row.passwordHash } : null;
}

export function insertUser(
  db: Db,
  user: { username: string; displayName: string; passwordHash: string; isAdmin: boolean; isImporter?: boolean },
): UserRow {
  try {
    const id = db
      .prepare(
        'INSERT INTO users (username, display_name, password_hash, is_admin, is_importer, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        user.username,
        user.displayName,
        user.passwordHash,
        user.isAdmin ? 1 : 0,
        user.isImporter ? 1 : 0,
        new Date().toISOString(),
      ).lastInsertRowid;
    return findUserById(db, Number(id))!;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw new AppError('user.duplicate', 409, `A user named "${user.username}" already exists.`, {
        field: 'username',
      });
    }
    throw err;
  }
}

/** Grants or revokes the right to import and collect. */
export function setImporter(db: Db, userId: number, isImporter: boolean): UserRow {
  if (!db.prepare('UPDATE users SET is_importer = ? WHERE id = ?').run(isImporter ? 1 : 0, userId).changes)
    throw notFound('The user');
  return findUserById(db, userId)!;
}

/** Disables (ending every session at once) or enables an account. */
export function setDisabled(db: Db, userId: number, disabled: boolean): UserRow {
  return writeTransaction(db, () => {
    const at = disabled ? new Date().toISOString() : null;
    // COALESCE keeps the first disabling time when an account is disabled twice.
    if (
      !db
        .prepare(
          'UPDATE users SET disabled_at = CASE WHEN ? IS NULL THEN NULL ELSE COALESCE(disabled_at, ?) END WHERE id = ?',
        )
        .run(at, at, userId).changes
    )
      throw notFound('The user');
    if (disabled) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
    return findUserById(db, userId)!;
  });
}

/** Stores a new password hash and ends the user's sessions, but for `keepTokenHash` (the session that changed it). */
export function setPasswordHash(
  db: Db,
  userId: number,
  passwordHash: string,
  keepTokenHash: string | null = null,
): void {
  writeTransaction(db, () => {
    if (!db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, userId).changes)
      throw notFound('The user');
    db.prepare('DELETE FROM sessions WHERE user_id = ? AND token_hash IS NOT ?').run(userId, keepTokenHash);
  });
}
