// A study as a REFI-QDA project, before it is written as XML: the people, the sources (one
// TextSource per thread that holds a unit), the selections with their codings, and notes.
//
// Conventions (see also qdpx-text.ts for the source text):
// - One TextSource per thread: its posts' texts joined by a blank line, so a post unit is read
//   in its thread and a thread unit's quote offsets hold as stored. The texts are the posters'
//   own words; the words posts quote from others are listed in the source's Description.
// - Each coder's coding of a unit is one PlainTextSelection spanning the unit (the post, or the
//   whole thread) with one Coding per label; the coder is the creatingUser of both.
// - A quote is a narrower PlainTextSelection by the same coder, coded with the quote's code.
// - A unit's final labels are a selection spanning the unit by the pseudo-user
//   "Final (adjudicated)", one Coding per final label.
// - Memos and adjudication rationales are Notes, referenced from their selection (NoteRef).
// - Guids are name-based UUIDs (v5) from stable keys, so exporting twice gives the same guids;
//   code guids are packages/taxonomy's codeGuid, the same as in the .qdc codebook export.
// - Revisions: a unit's text is written as at its coded revision, the one its first coding
//   (among those the viewer may see) was made on, so quotes fall on the words they were taken
//   from; a later coder's quote made on a newer text is written only where that text still
//   holds it at the same offsets.
// Codings pass the blind rule for the viewer; final labels and rationales are included only
// for viewers who may see results (access.ts).
import type { Db } from '../db/open.ts';
import { statement } from '../db/prepared.ts';
import { currentUnitRevisionSql } from '../db/revisions.ts';
import { postContentAt, type RevisionPost, unitContentAt } from '../db/unit-revision.ts';
import { viewerParams, visibleCodings } from '../db/visibility.ts';
import { canSeeResults, type Viewer } from './access.ts';
import { finalLabelRows } from './final-labels.ts';
import { guidV5 } from './guid-v5.ts';
import { sourceText, type SourceText } from './qdpx-text.ts';
import type { StudyInfo } from './study-info.ts';

/** Threadcoder's namespace for project guids (fixed once, never to change). */
const PROJECT_NAMESPACE = 'ff59b39e-a598-45a4-8dbb-570e6b5d75b5';
const FINAL_USER_NAME = 'Final (adjudicated)';

const guidOf = guidV5(PROJECT_NAMESPACE);
export const userGuid = (username: string) => guidOf(`user:${username}`);
export const FINAL_USER_GUID = guidOf('pseudo-user:final');

interface QdpxCoding {
  guid: string;
  codeId: string;
  user: string;
  at: string;
}
export interface QdpxSelection {
  guid: string;
  name: string;
  start: number;
  end: number;
  user: string;
  at: string;
  codings: QdpxCoding[];
  notes: string[];
}
interface QdpxSource {
  guid: string;
  name: string;
  description: string;
  createdAt: string;
  selections: QdpxSelection[];
}
interface QdpxNote {
  guid: string;
  name: string;
  user: string;
  at: string;
  text: string;
}
interface QdpxUser {
  guid: string;
  name: string;
}

export interface QdpxModel {
  users: QdpxUser[];
  sources: QdpxSource[];
  notes: QdpxNote[];
  /** Every code id a Coding refers to, so the codebook can hold labels the pinned version lacks. */
  codeIds: Set<string>;
  creatingUser: string | null;
}

interface ThreadRow {
  id: number;
  title: string;
  externalId: string;
  url: string | null;
  category: string | null;
  tagsJson: string;
  createdAt: string;
  sourceName: string;
}
interface UnitRow {
  id: number;
  threadId: number;
  postId: number | null;
  postNumber: number | null;
  currentRevision: number;
}
interface PostText {
  id: number;
  threadId: number;
  postNumber: number;
  text: string;
  quotedText: string;
}
interface LabelRow {
  unitId: number;
  username: string;
  displayName: string;
  memo: string;
  createdAt: string;
  revision: number;
  codeId: string | null;
  quote: string | null;
  start: number | null;
  end: number | null;
}

function readRows(db: Db, studyId: number, viewer: Viewer) {
  const threads = db
    .prepare(
      `SELECT t.id, t.title, t.external_id AS externalId, t.url, t.category, t.tags_json AS tagsJson, t.created_at AS createdAt, src.name AS sourceName
       FROM threads t JOIN sources src ON src.id = t.source_id WHERE t.id IN (SELECT thread_id FROM units WHERE study_id = ?) ORDER BY t.created_at, t.id`,
    )
    .all(studyId) as ThreadRow[];
  const units = db
    .prepare(
      `SELECT u.id, u.thread_id AS threadId, u.post_id AS postId, p.post_number AS postNumber, ${currentUnitRevisionSql} AS currentRevision
       FROM units u LEFT JOIN posts p ON p.id = u.post_id WHERE u.study_id = ? ORDER BY u.position, u.id`,
    )
    .all(studyId) as UnitRow[];
  const labels = db
    .prepare(
      `SELECT c.unit_id AS unitId, usr.username, usr.display_name AS displayName, c.memo, c.created_at AS createdAt,
         c.revision, l.code_id AS codeId, l.quote, l.quote_start AS start, l.quote_end AS end
       FROM ${visibleCodings} c JOIN units u ON u.id = c.unit_id
       JOIN users usr ON usr.id = c.coder_id JOIN coding_labels l ON l.coding_id = c.id
       ORDER BY u.position, usr.username, l.code_id`,
    )
    .all({ studyId, ...viewerParams(viewer) }) as LabelRow[];
  return { threads, units, labels };
}

const threadPosts = statement<[number], PostText>(
  `SELECT id, thread_id AS threadId, post_number AS postNumber, text, quoted_text AS quotedText FROM posts
   WHERE thread_id = ? ORDER BY post_number, id`,
);

/** Each unit's revision its first visible coding was made on. */
function codedRevisions(labels: LabelRow[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const l of labels) out.set(l.unitId, Math.min(l.revision, out.get(l.unitId) ?? l.revision));
  return out;
}

/**
 * The thread's posts (in order) with each of its coded units' words and quoted words (and a thread
 * unit's title) as at the unit's coded revision. `units` are the thread's units in study order.
 */
function postsAsCoded(db: Db, thread: ThreadRow, units: UnitRow[], coded: Map<number, number>): PostText[] {
  let posts = new Map(
    threadPosts(db)
      .all(thread.id)
      .map((p) => [p.id, p]),
  );
  for (const unit of units) {
    const revision = coded.get(unit.id);
    if (revision === undefined) continue;
    const asCoded = ({ id, postNumber, text, quotedText }: RevisionPost): PostText => ({
      id,
      threadId: unit.threadId,
      postNumber,
      text,
      quotedText,
    });
    if (unit.postId === null) {
      const content = unitContentAt(db, unit, revision);
      posts = new Map(content.posts.map((p) => [p.id, asCoded(p)]));
      thread.title = content.title;
      continue;
    }
    // A post coded on its current revision reads as stored (revisions.ts: the stored content is the
    // newest revision's), so most units need no query of their own.
    if (revision === unit.currentRevision || !posts.has(unit.postId)) continue;
    // Replacing a key keeps its place in the Map, so the thread's post order holds.
    posts.set(unit.postId, asCoded(postContentAt(db, unit.postId, revision)));
  }
  return [...posts.values()];
}

function describeThread(t: ThreadRow, posts: { postNumber: number; quotedText: string }[]): string {
  const tags = JSON.parse(t.tagsJson) as string[];
  const quoting = posts.filter((p) => p.quotedText !== '');
  return [
    `Thread ${t.externalId} of ${t.sourceName}, created ${t.createdAt}`,
    ...(t.url ? [`URL: ${t.url}`] : []),
    ...(t.category ? [`Category: ${t.category}`] : []),
    ...(tags.length ? [`Tags: ${tags.join(', ')}`] : []),
    'Posts are separated by a blank line.',
    ...(quoting.length
      ? [
          'Words the posts quote from other posts (not in the text):',
          ...quoting.map((p) => `#${p.postNumber}: ${p.quotedText}`),
        ]
      : []),
  ].join('\n');
}

/**
 * The study as a project, made thread by thread: each thread's source text is read, its units'
 * selections placed in it, and it is handed to `writeSource` and let go, so an export holds one
 * thread's words at a time rather than the forum's (a 10,000-unit study can span most of it).
 */
export function qdpxModel(
  db: Db,
  study: StudyInfo,
  viewer: Viewer,
  writeSource: (guid: string, text: string) => void,
): QdpxModel {
  const { threads, units, labels } = readRows(db, study.id, viewer);
  const codedRevision = codedRevisions(labels);
  const users = new Map<string, string>(); // username -> display name
  // Notes in the order of the whole study: memos by coding, then rationales by final label.
  const memoNotes: QdpxNote[] = [];
  const rationaleNotes: QdpxNote[] = [];
  const codeIds = new Set<string>();
  const byThread = new Map<number, { source: QdpxSource; text: SourceText }>();
  const unitById = new Map(units.map((u) => [u.id, u]));

  /** The unit's span in its source, and a function mapping a quote's stored offset into the source. */
  const place = (unit: UnitRow) => {
    const { source, text } = byThread.get(unit.threadId)!;
    if (unit.postId === null)
      return { source, text, start: 0, end: text.length, storedStart: 0, storedLength: text.storedLength };
    const span = text.posts.get(unit.postId)!;
    return { source, text, ...span };
  };
  const unitName = (unit: UnitRow) =>
    unit.postNumber === null ? `Unit ${unit.id} (thread)` : `Unit ${unit.id} (post ${unit.postNumber})`;

  // Coders' codings: rows arrive per (unit, coder) in order, one per label.
  const key = (r: LabelRow) => `${r.unitId}\u0000${r.username}`;
  const groups = new Map<string, LabelRow[]>();
  for (const r of labels) {
    const rows = groups.get(key(r));
    if (rows) rows.push(r);
    else groups.set(key(r), [r]);
  }
  const addCoding = (rows: LabelRow[], index: number) => {
    const first = rows[0]!;
    const unit = unitById.get(first.unitId)!;
    const { source, text, start, end, storedStart, storedLength } = place(unit);
    const user = userGuid(first.username);
    users.set(first.username, first.displayName);
    const base = `study:${study.id}/unit:${unit.id}/coder:${first.username}`;
    const selection: QdpxSelection = {
      guid: guidOf(base),
      name: `${unitName(unit)}: ${first.username}`,
      start,
      end,
      user,
      at: first.createdAt,
      notes: [],
      codings: rows.map((r) => ({
        guid: guidOf(`${base}/code:${r.codeId}`),
        codeId: r.codeId!,
        user,
        at: r.createdAt,
      })),
    };
    if (first.memo.trim() !== '') {
      const guid = guidOf(`${base}/memo`);
      memoNotes[index] = {
        guid,
        name: `Memo: ${unitName(unit)}, ${first.username}`,
        user,
        at: first.createdAt,
        text: first.memo,
      };
      selection.notes.push(guid);
    }
    source.selections.push(selection);
    for (const r of rows) {
      codeIds.add(r.codeId!);
      // A quote must lie inside its unit; one that does not (stale offsets) is left out rather than misplaced.
      if (
        r.quote === null ||
        r.start === null ||
        r.end === null ||
        r.start < 0 ||
        r.end <= r.start ||
        r.end > storedLength
      )
        continue;
      if (r.revision !== codedRevision.get(unit.id) && !quoteHolds(text, storedStart + r.start, r.quote)) continue;
      const quoteGuid = guidOf(`${base}/quote:${r.codeId}`);
      source.selections.push({
        guid: quoteGuid,
        name: `Quote for ${study.codeName(r.codeId!)}: ${first.username}`,
        start: text.at(storedStart + r.start),
        end: text.at(storedStart + r.end),
        user,
        at: r.createdAt,
        notes: [],
        codings: [{ guid: guidOf(`${base}/quote:${r.codeId}/code`), codeId: r.codeId!, user, at: r.createdAt }],
      });
    }
  };

  // Final labels by the pseudo-user, with the adjudicator's rationale as a note.
  let finals = false;
  const finalRows = canSeeResults(db, study.id, viewer) ? finalLabelRows(db, study.id) : [];
  const finalsOf = new Map<number, typeof finalRows>();
  for (const r of finalRows) if (r.codeId !== null) finalsOf.set(r.unitId, [...(finalsOf.get(r.unitId) ?? []), r]);
  const addFinal = (unitId: number, unitRows: typeof finalRows, index: number) => {
    const unit = unitById.get(unitId)!;
    const { source, start, end } = place(unit);
    const first = unitRows[0]!;
    const at = first.settledAt ?? closedAt(db, first.roundId);
    const base = `study:${study.id}/unit:${unitId}/final`;
    const selection: QdpxSelection = {
      guid: guidOf(base),
      name: `${unitName(unit)}: final labels (${first.origin})`,
      start,
      end,
      user: FINAL_USER_GUID,
      at,
      notes: [],
      codings: unitRows.map((r) => ({
        guid: guidOf(`${base}/code:${r.codeId}`),
        codeId: r.codeId!,
        user: FINAL_USER_GUID,
        at,
      })),
    };
    for (const r of unitRows) codeIds.add(r.codeId!);
    if (first.rationale && first.rationale.trim() !== '') {
      const guid = guidOf(`${base}/rationale`);
      const settler = first.settledBy ? userGuid(first.settledBy) : FINAL_USER_GUID;
      if (first.settledBy) users.set(first.settledBy, displayName(db, first.settledBy));
      rationaleNotes[index] = {
        guid,
        name: `Adjudication: ${unitName(unit)}`,
        user: settler,
        at,
        text: first.rationale,
      };
      selection.notes.push(guid);
    }
    source.selections.push(selection);
    finals = true;
  };

  // Each thread's codings and final labels, in the study's order within the thread.
  const unitsOf = groupBy(units, (u) => u.threadId);
  const codingsOf = groupBy([...groups.values()].entries(), ([, rows]) => unitById.get(rows[0]!.unitId)!.threadId);
  const finalsByThread = groupBy([...finalsOf].entries(), ([, [unitId]]) => unitById.get(unitId)!.threadId);
  const sources: QdpxSource[] = [];
  for (const t of threads) {
    const posts = postsAsCoded(db, t, unitsOf.get(t.id) ?? [], codedRevision);
    const text = sourceText(posts);
    const source: QdpxSource = {
      guid: guidOf(`thread:${t.sourceName}/${t.externalId}`),
      name: t.title || `Thread ${t.externalId}`,
      description: describeThread(t, posts),
      createdAt: t.createdAt,
      selections: [],
    };
    byThread.set(t.id, { source, text });
    for (const [index, rows] of codingsOf.get(t.id) ?? []) addCoding(rows, index);
    for (const [index, [unitId, unitRows]] of finalsByThread.get(t.id) ?? []) addFinal(unitId, unitRows, index);
    source.selections.sort((a, b) => a.start - b.start || b.end - a.end);
    writeSource(source.guid, text.text);
    byThread.delete(t.id);
    sources.push(source);
  }

  for (const m of db
    .prepare(
      'SELECT u.username, u.display_name AS displayName FROM study_members m JOIN users u ON u.id = m.user_id WHERE m.study_id = ?',
    )
    .all(study.id) as { username: string; displayName: string }[]) {
    users.set(m.username, m.displayName);
  }
  const creator =
    study.createdBy === null
      ? undefined
      : (db.prepare('SELECT username FROM users WHERE id = ?').pluck().get(study.createdBy) as string | undefined);
  return {
    users: [
      ...[...users]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([username, name]) => ({
          guid: userGuid(username),
          name: name === username ? username : `${name} (${username})`,
        })),
      ...(finals ? [{ guid: FINAL_USER_GUID, name: FINAL_USER_NAME }] : []),
    ],
    sources,
    notes: [...memoNotes, ...rationaleNotes].filter((n) => n !== undefined),
    codeIds,
    creatingUser: creator && users.has(creator) ? userGuid(creator) : null,
  };
}

/** Whether the source's stored text still has the quote at this offset. */
function quoteHolds(text: SourceText, storedStart: number, quote: string): boolean {
  return text.storedSlice(storedStart, storedStart + Array.from(quote).length) === quote;
}

function closedAt(db: Db, roundId: number): string {
  return db.prepare('SELECT coalesce(closed_at, created_at) FROM rounds WHERE id = ?').pluck().get(roundId) as string;
}

function displayName(db: Db, username: string): string {
  return (
    (db.prepare('SELECT display_name FROM users WHERE username = ?').pluck().get(username) as string | undefined) ??
    username
  );
}

function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}
