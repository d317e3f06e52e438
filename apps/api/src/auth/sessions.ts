import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/open.ts';
import { statement } from '../db/prepared.ts';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  isAdmin: boolean;
  isImporter: boolean;
}

/** What the sessions table keeps of a token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Creates a session and returns its token; only the token's hash is stored. */
export function createSession(
  db: Db,
  userId: number,
  ttlMs: number,
  now = new Date(),
): { token: string; expiresAt: string } {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
    hashToken(token),
    userId,
    now.toISOString(),
    expiresAt,
  );
  return { token, expiresAt };
}

type SessionRow = Omit<SessionUser, 'isAdmin' | 'isImporter'> & {
  expiresAt: string;
  isAdmin: number;
  isImporter: number;
};
// Every API request looks its session up, so the statement is prepared once per connection.
// A disabled account has no live session, even if a row survived (it is deleted on disabling).
const selectSessionUser = statement<[string], SessionRow>(
  `SELECT s.expires_at AS expiresAt, u.id, u.username, u.display_name AS displayName, u.is_admin AS isAdmin,
     u.is_importer AS isImporter
   FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND u.disabled_at IS NULL`,
);

/** The user a live session token belongs to, or null; expired sessions are removed as found. */
export function findSessionUser(db: Db, token: string, now = new Date()): SessionUser | null {
  const row = selectSessionUser(db).get(hashToken(token));
  if (!row) return null;
  if (row.expiresAt <= now.toISOString()) {
    deleteSession(db, token);
    return null;
  }
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    isAdmin: row.isAdmin === 1,
    isImporter: row.isImporter === 1,
  };
}

export function deleteSession(db: Db, token: string): void {
  db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hashToken(token));
}
