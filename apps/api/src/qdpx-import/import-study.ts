// A .qdpx this app exported becomes a NEW study in this instance: its codebook (pinned), one
// unit per coded unit in its open round "Main" (matched to the threads and posts already
// imported here by forum source name, external id and post number), each coder's coding with
// memo, quotes and date, and the final labels as settled adjudications (by who settled them
// there, else the importer). People are matched by user name and all become members: those who
// settled a unit as adjudicators, the others as coders; one this instance lacks is created with
// a locked password (no login until an admin sets one) so the codings keep their author. All in one transaction;
// a unit that matches nothing here refuses the whole import, naming it.
import type { Db } from '../db/open.ts';
import { createCodebook } from '../db/codebooks.ts';
import { saveCoding } from '../db/codings.ts';
import { addMember, insertStudy } from '../db/studies.ts';
import { insertUnits } from '../db/units.ts';
import { audit } from '../db/audit.ts';
import { sourceText } from '../exports/qdpx-text.ts';
import { AppError } from '../http/errors.ts';
import { writeImportedFinals } from '../labels/import-finals.ts';
import type { ReadProject, ReadQuote, ReadUnit } from './read-qdpx.ts';
import { writeTransaction } from '../db/write-transaction.ts';

const LOCKED_PASSWORD = 'locked';
const threadSql = `SELECT t.id FROM threads t JOIN sources s ON s.id = t.source_id WHERE s.name = ? AND t.external_id = ?`;

export interface QdpxImportResult {
  studyId: number;
  units: number;
  codings: number;
  finals: number;
  createdUsers: string[];
}

/** The thread (and post) a read unit names here, or a reason it matches nothing. */
function matchUnit(db: Db, u: ReadUnit): { threadId: number; postId: number | null } | string {
  const threadId = db.prepare(threadSql).pluck().get(u.sourceName, u.threadExternalId) as number | undefined;
  if (threadId === undefined) return `thread ${u.threadExternalId} of ${u.sourceName} is not imported here`;
  if (u.postNumber === null) return { threadId, postId: null };
  const postId = db
    .prepare('SELECT id FROM posts WHERE thread_id = ? AND post_number = ?')
    .pluck()
    .get(threadId, u.postNumber) as number | undefined;
  return postId === undefined
    ? `post ${u.postNumber} of thread ${u.threadExternalId} is not imported here`
    : { threadId, postId };
}

/** A quote's offsets in the unit's stored text, from code points in the text the export wrote. */
function storedQuote(db: Db, threadId: number, postId: number | null, q: ReadQuote) {
  const posts = db.prepare('SELECT id, text FROM posts WHERE thread_id = ? ORDER BY post_number, id').all(threadId) as {
    id: number;
    text: string;
  }[];
  const text = sourceText(posts);
  const span =
    postId === null ? { start: 0, storedStart: 0, storedLength: text.storedLength } : text.posts.get(postId)!;
  const stored = (written: number) => {
    for (let o = 0; o <= span.storedLength; o++) if (text.at(span.storedStart + o) === span.start + written) return o;
    return -1;
  };
  return { text: q.text, start: stored(q.start), end: stored(q.end) };
}

export function importQdpxStudy(db: Db, project: ReadProject, importerId: number): QdpxImportResult {
  return writeTransaction(db, () => {
    const matched = project.units.map((u) => ({ unit: u, at: matchUnit(db, u) }));
    const missing = matched.filter((m) => typeof m.at === 'string').map((m) => m.at as string);
    if (missing.length)
      throw new AppError(
        'qdpx.unmatched_units',
        400,
        `${missing.length} units match no thread or post here (import the forum first): ${missing.slice(0, 5).join('; ')}${missing.length > 5 ? '; …' : ''}.`,
      );
    const ids = createCodebook(db, project.codebook, importerId, 'Imported from a .qdpx project');
    const studyId = insertStudy(
      db,
      {
        name: project.name,
        description: 'Imported from a REFI-QDA project (.qdpx) exported by Threadcoder.',
        unitKind: project.units.some((u) => u.postNumber === null) ? 'thread' : 'post',
        labelMode: 'multi',
        blind: true,
        codebookId: ids.codebookId,
        codebookVersionId: ids.versionId,
      },
      importerId,
    );
    const roundId = db.prepare('SELECT id FROM rounds WHERE study_id = ?').pluck().get(studyId) as number;
    const createdUsers: string[] = [];
    const userIds = new Map<string, number>();
    const settlers = new Set(project.units.map((u) => u.final?.settledBy));
    // The importer owns the study; they take a further role only where they coded or settled.
    const coded = new Set(project.units.flatMap((u) => u.codings.map((c) => c.username)));
    const userId = (username: string, displayName: string) => {
      let id =
        userIds.get(username) ??
        (db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number | undefined);
      if (id === undefined) {
        id = Number(
          db
            .prepare(
              'INSERT INTO users (username, display_name, password_hash, is_admin, created_at) VALUES (?, ?, ?, 0, ?)',
            )
            .run(username, displayName, LOCKED_PASSWORD, new Date().toISOString()).lastInsertRowid,
        );
        createdUsers.push(username);
      }
      if (!userIds.has(username) && (id !== importerId || coded.has(username) || settlers.has(username)))
        addMember(db, studyId, id, settlers.has(username) ? 'adjudicator' : 'coder');
      userIds.set(username, id);
      return id;
    };
    const selectThread = db.prepare('INSERT OR IGNORE INTO study_threads (study_id, thread_id) VALUES (?, ?)');
    for (const u of project.users) userId(u.username, u.displayName);
    const placed = matched.map(({ unit, at }) => {
      const { threadId, postId } = at as { threadId: number; postId: number | null };
      selectThread.run(studyId, threadId);
      const coderIds = unit.codings.map((c) => userId(c.username, c.displayName));
      const [unitId] = insertUnits(db, studyId, roundId, [{ threadId, postId, coderIds }], importerId, {
        method: 'qdpx-import',
      });
      return { unit, unitId: unitId!, threadId, postId, coderIds };
    });
    const dated = db.prepare('UPDATE codings SET created_at = ?, updated_at = ? WHERE unit_id = ? AND coder_id = ?');
    let codings = 0;
    for (const p of placed)
      p.unit.codings.forEach((c, i) => {
        const quotes = Object.fromEntries(c.quotes.map((q) => [q.codeId, storedQuote(db, p.threadId, p.postId, q)]));
        saveCoding(db, studyId, p.unitId, p.coderIds[i]!, ids.versionId, {
          codeIds: c.codeIds,
          memo: c.memo,
          unsure: false,
          quotes,
        });
        if (c.at) dated.run(c.at, c.at, p.unitId, p.coderIds[i]);
        codings++;
      });
    const finals = placed.filter((p) => p.unit.final !== null);
    for (const p of finals) {
      const { codeIds, rationale, settledBy } = p.unit.final!;
      const settler = settledBy ? userId(settledBy, settledBy) : importerId;
      writeImportedFinals(db, studyId, settler, [{ unitId: p.unitId, codeIds: new Set(codeIds) }], rationale);
    }
    const result = { studyId, units: placed.length, codings, finals: finals.length, createdUsers };
    audit(db, {
      userId: importerId,
      studyId,
      action: 'study.import_qdpx',
      entity: 'study',
      entityId: studyId,
      after: result,
    });
    return result;
  });
}
