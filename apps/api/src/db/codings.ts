import { audit } from './audit.ts';
import type { Db } from './open.ts';

export interface Quote {
  text: string;
  start: number;
  end: number;
}

export interface CodingInput {
  codeIds: string[];
  memo: string;
  unsure: boolean;
  quotes: Record<string, Quote>;
}

export interface Coding extends CodingInput {
  id: number;
  unitId: number;
  coderId: number;
  versionId: number;
  createdAt: string;
  updatedAt: string;
}

type RawCoding = Omit<Coding, 'codeIds' | 'quotes' | 'unsure'> & { unsure: number };

/** The caller's own coding of a unit (never another coder's: see visibility.ts for that). */
export function getCoding(db: Db, unitId: number, coderId: number): Coding | null {
  const row = db
    .prepare(
      `SELECT id, unit_id AS unitId, coder_id AS coderId, version_id AS versionId, memo, unsure, created_at AS createdAt, updated_at AS updatedAt
       FROM codings WHERE unit_id = ? AND coder_id = ?`,
    )
    .get(unitId, coderId) as RawCoding | undefined;
  if (!row) return null;
  const labels = db
    .prepare('SELECT code_id AS codeId, quote, quote_start AS start, quote_end AS end FROM coding_labels WHERE coding_id = ? ORDER BY code_id')
    .all(row.id) as { codeId: string; quote: string | null; start: number | null; end: number | null }[];
  const quotes: Record<string, Quote> = {};
  for (const l of labels) if (l.quote !== null) quotes[l.codeId] = { text: l.quote, start: l.start ?? 0, end: l.end ?? 0 };
  return { ...row, unsure: row.unsure === 1, codeIds: labels.map((l) => l.codeId), quotes };
}

const comparable = (c: Coding | null) => c && { codeIds: c.codeIds, memo: c.memo, unsure: c.unsure, quotes: c.quotes };

/** Creates or replaces a coder's coding of a unit and audits the change, in one transaction. */
export function saveCoding(db: Db, studyId: number, unitId: number, coderId: number, versionId: number, input: CodingInput): Coding {
  return db.transaction(() => {
    const before = getCoding(db, unitId, coderId);
    const now = new Date().toISOString();
    const codingId = db
      .prepare(
        `INSERT INTO codings (unit_id, coder_id, version_id, memo, unsure, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (unit_id, coder_id) DO UPDATE SET version_id = excluded.version_id, memo = excluded.memo,
           unsure = excluded.unsure, updated_at = excluded.updated_at
         RETURNING id`,
      )
      .pluck()
      .get(unitId, coderId, versionId, input.memo, input.unsure ? 1 : 0, now, now) as number;
    db.prepare('DELETE FROM coding_labels WHERE coding_id = ?').run(codingId);
    const label = db.prepare('INSERT INTO coding_labels (coding_id, code_id, quote, quote_start, quote_end) VALUES (?, ?, ?, ?, ?)');
    for (const code of input.codeIds) {
      const q = input.quotes[code];
      label.run(codingId, code, q?.text ?? null, q?.start ?? null, q?.end ?? null);
    }
    const after = getCoding(db, unitId, coderId)!;
    if (JSON.stringify(comparable(before)) !== JSON.stringify(comparable(after))) {
      audit(db, { userId: coderId, studyId, action: before ? 'coding.update' : 'coding.create', entity: 'coding', entityId: codingId, before: comparable(before) ?? undefined, after: comparable(after) }, now);
    }
    return after;
  })();
}

export interface CoderProgress {
  roundId: number;
  coderId: number;
  username: string;
  assigned: number;
  done: number;
  unsure: number;
}

/** Done / assigned per coder and round: counts only, which owners may see in a blind study. */
export function progress(db: Db, studyId: number, onlyCoder?: number): CoderProgress[] {
  return db
    .prepare(
      `SELECT u.round_id AS roundId, a.user_id AS coderId, usr.username, count(*) AS assigned, count(c.id) AS done,
         coalesce(sum(c.unsure), 0) AS unsure
       FROM units u JOIN assignments a ON a.unit_id = u.id JOIN users usr ON usr.id = a.user_id
       LEFT JOIN codings c ON c.unit_id = u.id AND c.coder_id = a.user_id
       WHERE u.study_id = @studyId AND (@only IS NULL OR a.user_id = @only)
       GROUP BY u.round_id, a.user_id ORDER BY u.round_id, usr.username`,
    )
    .all({ studyId, only: onlyCoder ?? null }) as CoderProgress[];
}
