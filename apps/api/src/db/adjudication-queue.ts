import type { Quote } from './codings.ts';
import type { Db } from './open.ts';
import { statement } from './prepared.ts';
import { viewerParams, visibleCodings, withheldRoundIdsSql } from './visibility.ts';

export type AdjudicationStatus = 'open' | 'settled' | 'reopened';

export interface QueueFilter {
  roundId?: number | undefined;
  status?: AdjudicationStatus | undefined;
  /** Units where any coder applied this code. */
  code?: string | undefined;
}

/** A keyset page of the queue: at most `limit` units after position `after`. */
export interface QueuePage {
  limit: number;
  after: number;
}

/** One coder's coding of a unit in adjudication, as the adjudicator compares it. */
interface CoderCoding {
  coderId: number;
  username: string;
  displayName: string;
  codeIds: string[];
  memo: string;
  unsure: boolean;
  quotes: Record<string, Quote>;
  updatedAt: string;
  /** The unit's revision the coding was made on (its quotes' offsets refer to that text). */
  revision: number;
}

export interface QueueItem {
  unitId: number;
  roundId: number;
  roundName: string;
  position: number;
  threadId: number;
  threadTitle: string;
  postId: number | null;
  postNumber: number | null;
  status: AdjudicationStatus;
  rationale: string;
  settledById: number | null;
  settledByName: string | null;
  settledAt: string | null;
  openedAt: string;
  codings: CoderCoding[];
  /** The labels every coder applied: where an adjudicator usually starts. */
  sharedCodeIds: string[];
  finalCodeIds: string[];
}

// SQLite reads LIMIT -1 as no limit.
const everything: QueuePage = { limit: -1, after: 0 };

type QueueRow = Omit<QueueItem, 'codings' | 'sharedCodeIds' | 'finalCodeIds'>;

// The code filter looks at the codings the viewer may see: on a unit in adjudication, every coder's.
// A round withheld from the viewer (they code in it, open and blind) shows none of its units: that a
// unit is in adjudication says every coder finished it, the progress withheld from them.
const queueSql = `SELECT a.unit_id AS unitId, u.round_id AS roundId, r.name AS roundName, u.position, u.thread_id AS threadId,
    t.title AS threadTitle, u.post_id AS postId, p.post_number AS postNumber, a.status, a.rationale,
    a.settled_by AS settledById, su.display_name AS settledByName, a.settled_at AS settledAt, a.created_at AS openedAt
  FROM adjudications a JOIN units u ON u.id = a.unit_id JOIN rounds r ON r.id = u.round_id
  JOIN threads t ON t.id = u.thread_id LEFT JOIN posts p ON p.id = u.post_id LEFT JOIN users su ON su.id = a.settled_by
  WHERE u.study_id = @studyId AND (@unitId IS NULL OR u.id = @unitId)
    AND (@roundId IS NULL OR u.round_id = @roundId) AND (@status IS NULL OR a.status = @status)
    AND (@code IS NULL OR EXISTS (SELECT 1 FROM ${visibleCodings} c JOIN coding_labels l ON l.coding_id = c.id WHERE c.unit_id = u.id AND l.code_id = @code))
    AND u.round_id NOT IN ${withheldRoundIdsSql} AND u.position > @after
  ORDER BY u.position LIMIT @limit`;
// Each statement is prepared once per connection: the queue's page is asked for on every visit.
const selectQueue = statement<[Record<string, unknown>], QueueRow>(queueSql);

/** The study's units in adjudication, filtered, each with every coder's coding side by side; all, or one page. */
export function listQueue(
  db: Db,
  studyId: number,
  viewerId: number,
  filter: QueueFilter = {},
  page: QueuePage = everything,
): QueueItem[] {
  const rows = selectQueue(db).all({
    ...page,
    studyId,
    ...viewerParams({ operator: false, userId: viewerId }),
    unitId: null,
    roundId: filter.roundId ?? null,
    status: filter.status ?? null,
    code: filter.code ?? null,
  });
  return withCodings(db, studyId, rows, viewerId);
}

/** One unit in adjudication, or undefined when the unit is not in adjudication in this study. */
export function getQueueItem(db: Db, studyId: number, unitId: number, viewerId: number): QueueItem | undefined {
  const params = { studyId, ...viewerParams({ operator: false, userId: viewerId }) };
  const row = selectQueue(db).get({ ...params, ...everything, unitId, roundId: null, status: null, code: null });
  return row ? withCodings(db, studyId, [row], viewerId)[0] : undefined;
}

const selectFinals = statement<[string], { unitId: number; codeId: string }>(
  'SELECT unit_id AS unitId, code_id AS codeId FROM final_labels WHERE unit_id IN (SELECT value FROM json_each(?)) ORDER BY code_id',
);

function withCodings(db: Db, studyId: number, rows: QueueRow[], viewerId: number): QueueItem[] {
  const unitIds = JSON.stringify(rows.map((r) => r.unitId));
  const codings = codingsOf(db, studyId, unitIds, viewerId);
  const finals = selectFinals(db).all(unitIds);
  const finalByUnit = groupBy(finals, (f) => f.unitId);
  return rows.map((row) => {
    const mine = codings.get(row.unitId) ?? [];
    const shared = mine.length
      ? mine.map((c) => c.codeIds).reduce((acc, ids) => acc.filter((id) => ids.includes(id)))
      : [];
    return {
      ...row,
      codings: mine,
      sharedCodeIds: shared,
      finalCodeIds: (finalByUnit.get(row.unitId) ?? []).map((f) => f.codeId),
    };
  });
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

type CodingRow = Omit<CoderCoding, 'codeIds' | 'quotes' | 'unsure'> & { id: number; unitId: number; unsure: number };
const selectCodings = statement<[Record<string, unknown>], CodingRow>(
  `SELECT c.id, c.unit_id AS unitId, c.coder_id AS coderId, usr.username, usr.display_name AS displayName, c.memo, c.unsure,
     c.updated_at AS updatedAt, c.revision
   FROM ${visibleCodings} c JOIN users usr ON usr.id = c.coder_id
   WHERE c.unit_id IN (SELECT value FROM json_each(@unitIds))
   ORDER BY usr.display_name COLLATE NOCASE, c.coder_id`,
);
type LabelRow = { codingId: number; codeId: string; quote: string | null; start: number | null; end: number | null };
const selectLabels = statement<[string], LabelRow>(
  `SELECT coding_id AS codingId, code_id AS codeId, quote, quote_start AS start, quote_end AS end
   FROM coding_labels WHERE coding_id IN (SELECT value FROM json_each(?)) ORDER BY code_id`,
);

/** Codings of the given units that the blind rule lets `viewerId` see, grouped by unit. */
function codingsOf(db: Db, studyId: number, unitIds: string, viewerId: number): Map<number, CoderCoding[]> {
  const rows = selectCodings(db).all({ studyId, unitIds, ...viewerParams({ operator: false, userId: viewerId }) });
  const labels = selectLabels(db).all(JSON.stringify(rows.map((r) => r.id)));
  const labelsOf = groupBy(labels, (l) => l.codingId);
  const byUnit = new Map<number, CoderCoding[]>();
  for (const { id, unitId, unsure, ...rest } of rows) {
    const own = labelsOf.get(id) ?? [];
    const quotes: Record<string, Quote> = {};
    for (const l of own)
      if (l.quote !== null) quotes[l.codeId] = { text: l.quote, start: l.start ?? 0, end: l.end ?? 0 };
    const coding: CoderCoding = { ...rest, unsure: unsure === 1, codeIds: own.map((l) => l.codeId), quotes };
    byUnit.set(unitId, [...(byUnit.get(unitId) ?? []), coding]);
  }
  return byUnit;
}
