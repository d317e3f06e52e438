import type { Codebook } from '@threadcoder/taxonomy';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { audit } from './audit.ts';
import type { Db } from './open.ts';
import { cachedVersion, studyCodingSettings } from './pinned-codebook.ts';
import { perDb, statement } from './prepared.ts';
import { currentUnitRevisionSql } from './revisions.ts';
import { assertRoundOpen } from './rounds.ts';
import { immediateTransaction } from './write-transaction.ts';

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
  /** The codebook version the labels belong to. */
  versionId: number;
  /** The unit's revision this coding was made on (db/revisions.ts): set when it is first saved, then kept. */
  revision: number;
  /** Counts the changes of this coding: a save names the one it was based on (see coding-version.ts). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

type RawCoding = Omit<Coding, 'codeIds' | 'quotes' | 'unsure'> & { unsure: number };
type RawLabel = { codeId: string; quote: string | null; start: number | null; end: number | null };

// Saving a coding is the hottest write, so its statements are prepared once per connection.
const selectCoding = statement<[number, number], RawCoding>(
  `SELECT id, unit_id AS unitId, coder_id AS coderId, version_id AS versionId, revision, version, memo, unsure,
     created_at AS createdAt, updated_at AS updatedAt
   FROM codings WHERE unit_id = ? AND coder_id = ?`,
);
const selectLabels = statement<[number], RawLabel>(
  'SELECT code_id AS codeId, quote, quote_start AS start, quote_end AS end FROM coding_labels WHERE coding_id = ? ORDER BY code_id',
);
// A new coding is made on the unit's current revision; saving it again keeps the revision its quotes refer to.
// The version goes up only when what the coder sees changes, so a save of the same coding from another tab is no conflict.
const upsertCoding = statement<
  { unitId: number; coderId: number; versionId: number; memo: string; unsure: number; now: string; changed: number },
  { id: number; revision: number; version: number }
>(
  `INSERT INTO codings (unit_id, coder_id, version_id, memo, unsure, created_at, updated_at, revision)
   SELECT u.id, @coderId, @versionId, @memo, @unsure, @now, @now, ${currentUnitRevisionSql} FROM units u WHERE u.id = @unitId
   ON CONFLICT (unit_id, coder_id) DO UPDATE SET version_id = excluded.version_id, memo = excluded.memo,
     unsure = excluded.unsure, updated_at = excluded.updated_at, version = codings.version + @changed
   RETURNING id, revision, version`,
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

export const comparable = (c: CodingInput | null) =>
  c && { codeIds: c.codeIds, memo: c.memo, unsure: c.unsure, quotes: c.quotes };

/** What getCoding would read back after saving `input`, built without reading it: labels sorted as SQLite sorts them. */
export function normalized(input: CodingInput): CodingInput {
  const codeIds = [...input.codeIds].sort(byCodeId);
  const quotes: Record<string, Quote> = {};
  for (const id of codeIds) {
    const q = input.quotes[id];
    if (q) quotes[id] = { text: q.text, start: q.start, end: q.end };
  }
  return { codeIds, memo: input.memo, unsure: input.unsure, quotes };
}

type SaveArgs = [studyId: number, unitId: number, coderId: number, versionId: number, input: CodingInput];
const saveTransaction = perDb((db) =>
  immediateTransaction(db, (...[studyId, unitId, coderId, versionId, input]: SaveArgs): Coding => {
    const before = getCoding(db, unitId, coderId);
    const now = new Date().toISOString();
    const after = normalized(input);
    const changed = JSON.stringify(comparable(before)) !== JSON.stringify(comparable(after));
    const row = upsertCoding(db).get({
      unitId,
      coderId,
      versionId,
      memo: input.memo,
      unsure: input.unsure ? 1 : 0,
      now,
      changed: changed ? 1 : 0,
    })!;
    const codingId = row.id;
    deleteLabels(db).run(codingId);
    const label = insertLabel(db);
    for (const code of input.codeIds) {
      const q = input.quotes[code];
      label.run(codingId, code, q?.text ?? null, q?.start ?? null, q?.end ?? null);
    }
    const saved: Coding = {
      id: codingId,
      unitId,
      coderId,
      versionId,
      revision: row.revision,
      version: row.version,
      memo: after.memo,
      unsure: after.unsure,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
      codeIds: after.codeIds,
      quotes: after.quotes,
    };
    if (changed) {
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
    return saved;
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
  {
    roundId: number;
    open: number;
    handedOver: number;
    assigned: number;
    versionId: number | null;
    labelMode: 'single' | 'multi';
  }
>(
  `SELECT u.round_id AS roundId, r.status = 'open' AS open, u.handed_over_at IS NOT NULL AS handedOver,
     s.codebook_version_id AS versionId, s.label_mode AS labelMode,
     EXISTS (SELECT 1 FROM assignments a WHERE a.unit_id = u.id AND a.user_id = @coderId) AS assigned
   FROM units u JOIN rounds r ON r.id = u.round_id JOIN studies s ON s.id = u.study_id
   WHERE u.id = @unitId AND u.study_id = @studyId`,
);

/**
 * Everything a save needs to know about its unit, in one query: the unit exists (404), is
 * assigned to the coder (403), its round is open and it is not handed over to adjudication (409),
 * and the study has a codebook (409).
 * The rare refusals defer to assertRoundOpen and studyCodingSettings for their messages.
 */
export function codingTarget(db: Db, studyId: number, unitId: number, coderId: number): CodingTarget {
  const row = selectTarget(db).get({ studyId, unitId, coderId });
  if (!row) throw notFound('The unit');
  if (!row.assigned) throw forbidden('This unit is not assigned to you.');
  if (!row.open) assertRoundOpen(db, row.roundId);
  if (row.handedOver)
    throw new AppError(
      'coding.handed_over',
      409,
      'Every coder has finished this unit and it has gone to adjudication; its codings can no longer change.',
    );
  if (row.versionId === null) studyCodingSettings(db, studyId);
  return {
    roundId: row.roundId,
    versionId: row.versionId!,
    labelMode: row.labelMode,
    codebook: cachedVersion(db, row.versionId!),
  };
}
