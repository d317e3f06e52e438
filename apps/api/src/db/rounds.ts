import { AppError, notFound } from '../http/errors.ts';
import { audit } from './audit.ts';
import type { Db } from './open.ts';
import { writeTransaction } from './write-transaction.ts';

export interface Round {
  id: number;
  name: string;
  kind: 'calibration' | 'main';
  position: number;
  status: 'open' | 'closed';
  unblinded: boolean;
  /** Suggestions show before the coder's first pass (see suggest/access.ts). */
  assisted: boolean;
  createdAt: string;
  closedAt: string | null;
  units: number;
}

type RawRound = Omit<Round, 'unblinded' | 'assisted'> & { unblinded: number; assisted: number };

export function listRounds(db: Db, studyId: number): Round[] {
  return (
    db
      .prepare(
        `SELECT r.id, r.name, r.kind, r.position, r.status, r.unblinded, r.assisted, r.created_at AS createdAt, r.closed_at AS closedAt,
           (SELECT count(*) FROM units u WHERE u.round_id = r.id) AS units
         FROM rounds r WHERE r.study_id = ? ORDER BY r.position`,
      )
      .all(studyId) as RawRound[]
  ).map((r) => ({ ...r, unblinded: r.unblinded === 1, assisted: r.assisted === 1 }));
}

export function getRound(db: Db, studyId: number, roundId: number): Round {
  const round = listRounds(db, studyId).find((r) => r.id === roundId);
  if (!round) throw notFound('The round');
  return round;
}

/** A new round goes after the existing ones; calibration rounds are usually created before the main one is used. */
export function insertRound(
  db: Db,
  studyId: number,
  name: string,
  kind: Round['kind'],
  userId: number,
  assisted = false,
): Round {
  const id = writeTransaction(db, () => {
    const position = db
      .prepare('SELECT coalesce(max(position), 0) + 1 FROM rounds WHERE study_id = ?')
      .pluck()
      .get(studyId) as number;
    const rid = Number(
      db
        .prepare('INSERT INTO rounds (study_id, name, kind, position, assisted, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(studyId, name, kind, position, assisted ? 1 : 0, new Date().toISOString()).lastInsertRowid,
    );
    audit(db, {
      userId,
      studyId,
      action: 'round.create',
      entity: 'round',
      entityId: rid,
      after: { name, kind, assisted },
    });
    return rid;
  });
  return getRound(db, studyId, id);
}

export function setUnblinded(db: Db, studyId: number, roundId: number, unblinded: boolean, userId: number): Round {
  writeTransaction(db, () => {
    const before = getRound(db, studyId, roundId);
    db.prepare('UPDATE rounds SET unblinded = ? WHERE id = ?').run(unblinded ? 1 : 0, roundId);
    audit(db, {
      userId,
      studyId,
      action: unblinded ? 'round.unblind' : 'round.blind',
      entity: 'round',
      entityId: roundId,
      before: { unblinded: before.unblinded },
      after: { unblinded },
    });
  });
  return getRound(db, studyId, roundId);
}

export function assertRoundOpen(db: Db, roundId: number): void {
  const status = db.prepare('SELECT status FROM rounds WHERE id = ?').pluck().get(roundId);
  if (status !== 'open')
    throw new AppError('coding.round_closed', 409, 'This round is closed; codings can no longer change.');
}
