import type { Codebook } from '@threadcoder/taxonomy';
import { forbidden, notFound } from '../http/errors.ts';
import { audit } from './audit.ts';
import type { Db } from './open.ts';
import { cachedVersion, studyCodingSettings } from './pinned-codebook.ts';
import { perDb, statement } from './prepared.ts';
import { currentUnitRevisionSql } from './revisions.ts';
import { assertRoundOpen } from './rounds.ts';

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
  /** The unit's revision this coding was made on (db/revisions.ts): set when it is first saved, then kept. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

type RawCoding = Omit<Coding, 'codeIds' | 'quotes' | 'unsure'> & { unsure: number };
type RawLabel = { codeId: string; quote: string | null; start: number | null; end: number | null };

// Saving a coding is the hottest write, so its statements are prepared once per connection.
const selectCoding = statement<[number, number], RawCoding>(
  `SELECT id, unit_id AS unitId, coder_id AS coderId, version_id AS versionId, revision, memo, unsure, created_at AS createdAt, updated_at AS updatedAt
   FROM codings WHERE unit_id = ? AND coder_id = ?`,
);
const selectLabels = statement<[number], RawLabel>(
  'SELECT code_id AS codeId, quote, quote_start AS start, quote_end AS end FROM coding_labels WHERE coding_id = ? ORDER BY code_id',
);
// A new coding is made on the unit's current revision; saving it again keeps the revision its quotes refer to.
const upsertCoding = statement<
  { unitId: number; coderId: number; versionId: number; memo: string; unsure: number; now: string },
  { id: number; revision: number }
>(
  `INSERT INTO codings (unit_id, coder_id, version_id, memo, unsure, created_at, updated_at, revision)
   SELECT u.id, @coderId, @versionId, @memo, @unsure, @now, @now, ${currentUnitRevisionSql} FROM units u WHERE u.id = @unitId
   ON CONFLICT (unit_id, coder_id) DO UPDATE SET version_id = excluded.version_id, memo = excluded.memo,
     unsure = excluded.unsure, updated_at = excluded.updated_at
   RETURNING id, revision`,
);
const deleteLabels = statement<[number]>('DELETE FROM coding_labels WHERE coding_id = ?');
const insertLabel = statement<[number, string, string | null, number | null, number | null]>(
  'INSERT INTO coding_labels (coding_id, code_id, quote, quote_start, quote_end) VALUES (?, ?, ?, ?, ?)',
);

/** The caller's own coding of a unit (never another coder's: see visibility.ts for that). */
export function getCoding(db: Db, unitId: number, coderId: number): Coding | null {
  const row = selectCoding(db).get(unitId, coderId);
  if (!row) return null;
  const labels = selectLabels(db).all(row.id);
  const quotes: Record<string, Quote> = {};
  for (const l of labels)
    if (l.quote !== null) quotes[l.codeId] = { text: l.quote, start: l.start ?? 0, end: l.end ?? 0 };
  return { ...row, unsure: row.unsure === 1, codeIds: labels.map((l) => l.codeId), quotes };
}

// The order SQLite's ORDER BY code_id gives (BINARY collation: UTF-8 bytes), not JS's UTF-16 order.
const byCodeId = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

const comparable = (c: Coding | null) => c && { codeIds: c.codeIds, memo: c.memo, unsure: c.unsure, quotes: c.quotes };

type SaveArgs = [studyId: number, unitId: number, coderId: number, versionId: number, input: CodingInput];
const saveTransaction = perDb((db) =>
  db.transaction((...[studyId, unitId, coderId, versionId, input]: SaveArgs): Coding => {
    const before = getCoding(db, unitId, coderId);
    const now = new Date().toISOString();
    const { id: codingId, revision } = upsertCoding(db).get({
      unitId,
      coderId,
      versionId,
      memo: input.memo,
      unsure: input.unsure ? 1 : 0,
      now,
    })!;
    deleteLabels(db).run(codingId);
    const label = insertLabel(db);
    for (const code of input.codeIds) {
      const q = input.quotes[code];
      label.run(codingId, code, q?.text ?? null, q?.start ?? null, q?.end ?? null);
    }
    // What getCoding would now read back, built without reading it: labels sorted as SQLite sorts them.
    const codeIds = [...input.codeIds].sort(byCodeId);
    const quotes: Record<string, Quote> = {};
    for (const id of codeIds) {
      const q = input.quotes[id];
      if (q) quotes[id] = { text: q.text, start: q.start, end: q.end };
    }
    const createdAt = before?.createdAt ?? now;
    const after: Coding = {
      id: codingId,
      unitId,
      coderId,
      versionId,
      revision,
      memo: input.memo,
      unsure: input.unsure,
      createdAt,
      updatedAt: now,
      codeIds,
      quotes,
    };
    if (JSON.stringify(comparable(before)) !== JSON.stringify(comparable(after))) {
      audit(
        db,
        {
          userId: coderId,
          studyId,
          action: before ? 'coding.update' : 'coding.create',
          entity: 'coding',
          entityId: codingId,
          before: comparable(before) ?? undefined,
          after: comparable(after),
        },
        now,
      );
    }
    return after;
  }),
);

/** Creates or replaces a coder's coding of a unit and audits the change, in one transaction. */
export function saveCoding(
  db: Db,
  studyId: number,
  unitId: number,
  coderId: number,
  versionId: number,
  input: CodingInput,
): Coding {
  return saveTransaction(db)(studyId, unitId, coderId, versionId, input);
}

export interface CodingTarget {
  roundId: number;
  versionId: number;
  labelMode: 'single' | 'multi';
  codebook: Codebook;
}

const selectTarget = statement<
  { studyId: number; unitId: number; coderId: number },
  { roundId: number; open: number; assigned: number; versionId: number | null; labelMode: 'single' | 'multi' }
>(
  `SELECT u.round_id AS roundId, r.status = 'open' AS open, s.codebook_version_id AS versionId, s.label_mode AS labelMode,
     EXISTS (SELECT 1 FROM assignments a WHERE a.unit_id = u.id AND a.user_id = @coderId) AS assigned
   FROM units u JOIN rounds r ON r.id = u.round_id JOIN studies s ON s.id = u.study_id
   WHERE u.id = @unitId AND u.study_id = @studyId`,
);

/**
 * Everything a save needs to know about its unit, in one query: the unit exists (404), is
 * assigned to the coder (403), its round is open (409) and the study has a codebook (409).
 * The rare refusals defer to assertRoundOpen and studyCodingSettings for their messages.
 */
export function codingTarget(db: Db, studyId: number, unitId: number, coderId: number): CodingTarget {
  const row = selectTarget(db).get({ studyId, unitId, coderId });
  if (!row) throw notFound('The unit');
  if (!row.assigned) throw forbidden('This unit is not assigned to you.');
  if (!row.open) assertRoundOpen(db, row.roundId);
  if (row.versionId === null) studyCodingSettings(db, studyId);
  return {
    roundId: row.roundId,
    versionId: row.versionId!,
    labelMode: row.labelMode,
    codebook: cachedVersion(db, row.versionId!),
  };
}
