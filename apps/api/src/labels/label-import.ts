// Bringing existing labels into a study, as codings or as final labels: a preview that matches
// every CSV row to a unit of the study, a code of its pinned codebook and (for codings) a member,
// listing what matches nothing (with its line) and the code names it does not know; then, once the
// person has confirmed, the same plan written in one transaction. Rows of one unit and coder make
// one coding; for final labels the coder column is not read and rows of one unit make its final set.
import { foldedName } from './folded-name.ts';
import { AppError } from '../http/errors.ts';
import type { Db } from '../db/open.ts';
import { getCoding, saveCoding } from '../db/codings.ts';
import { studyCodingSettings } from '../db/pinned-codebook.ts';
import { audit } from '../db/audit.ts';
import { parseLabelsCsv, type LabelRow } from './parse-labels-csv.ts';
import { writeImportedFinals } from './import-finals.ts';
import { writeTransaction } from '../db/write-transaction.ts';

type LabelImportKind = 'codings' | 'final';

export interface LabelImportInput {
  csv: string;
  /** Codings of members (the default), or final labels written as a settled adjudication. */
  kind?: LabelImportKind | undefined;
  /** The file's name, for the rationale of imported final labels. */
  fileName?: string | undefined;
  /** Code names the codebook does not know, mapped to a code id by the person importing. */
  mapping?: Record<string, string>;
}

export interface LabelImportPreview {
  kind: LabelImportKind;
  rows: number;
  /** Codings the import writes (one per unit and coder), or units given final labels; how many replace existing ones; labels. */
  codings: number;
  finals: number;
  replaces: number;
  labels: number;
  unmatched: { line: number; reason: string }[];
  unknownCodes: { name: string; lines: number[] }[];
}

interface Planned {
  unitId: number;
  coderId: number;
  codeIds: Set<string>;
  date: string | null;
}

const unitByPost = `SELECT u.id FROM units u JOIN posts p ON p.id = u.post_id WHERE u.study_id = ? AND p.external_id = ?`;
// A thread id names a thread unit, or in a post study the thread's first post (the question).
const unitByThread = `SELECT u.id FROM units u JOIN threads t ON t.id = u.thread_id LEFT JOIN posts p ON p.id = u.post_id
  WHERE u.study_id = ? AND t.external_id = ? AND (u.post_id IS NULL OR p.post_number = 1)`;
const memberByName = `SELECT u.id FROM users u JOIN study_members m ON m.user_id = u.id
  WHERE m.study_id = ? AND u.username = ? LIMIT 1`;

const hasFinals = 'SELECT EXISTS (SELECT 1 FROM final_labels WHERE unit_id = ?)';

function plan(db: Db, studyId: number, importerId: number, input: LabelImportInput) {
  const kind = input.kind ?? 'codings';
  const rows = parseLabelsCsv(input.csv);
  const { codebook, versionId, labelMode } = studyCodingSettings(db, studyId);
  const codable = codebook.codes.filter((c) => c.codable);
  const byId = new Set(codable.map((c) => c.id));
  const byName = new Map(codable.map((c) => [foldedName(c.name), c.id]));
  const mapping = input.mapping ?? {};
  for (const [name, id] of Object.entries(mapping))
    if (!byId.has(id))
      throw new AppError(
        'labels.bad_mapping',
        400,
        `"${name}" is mapped to "${id}", which is not a code of the study's codebook.`,
        { field: `mapping.${name}` },
      );
  const post = db.prepare(unitByPost).pluck();
  const thread = db.prepare(unitByThread).pluck();
  const member = db.prepare(memberByName).pluck();
  const unmatched: LabelImportPreview['unmatched'] = [];
  const unknown = new Map<string, number[]>();
  const planned = new Map<string, Planned>();
  const codeOf = (row: LabelRow) =>
    byId.has(row.code) ? row.code : (byName.get(foldedName(row.code)) ?? mapping[row.code]);
  for (const row of rows) {
    const unitId = (row.postId ? post.get(studyId, row.postId) : thread.get(studyId, row.threadId)) as
      | number
      | undefined;
    const coderId =
      kind === 'final' ? importerId : row.coder ? (member.get(studyId, row.coder) as number | undefined) : importerId;
    const codeId = codeOf(row);
    if (!row.postId && !row.threadId) unmatched.push({ line: row.line, reason: 'no post_id or thread_id' });
    else if (unitId === undefined)
      unmatched.push({
        line: row.line,
        reason: row.postId
          ? `post ${row.postId} is not a unit of this study`
          : `thread ${row.threadId} is not a unit of this study`,
      });
    else if (coderId === undefined)
      unmatched.push({ line: row.line, reason: `"${row.coder}" is not a member of this study` });
    else if (row.date !== null && Number.isNaN(Date.parse(row.date)))
      unmatched.push({ line: row.line, reason: `"${row.date}" is not a date` });
    else if (!row.code) unmatched.push({ line: row.line, reason: 'no code' });
    else if (codeId === undefined) unknown.set(row.code, [...(unknown.get(row.code) ?? []), row.line]);
    else {
      const key = kind === 'final' ? `${unitId}` : `${unitId}/${coderId}`;
      const entry = planned.get(key) ?? { unitId, coderId, codeIds: new Set<string>(), date: null };
      if (labelMode === 'single' && entry.codeIds.size > 0 && !entry.codeIds.has(codeId)) {
        unmatched.push({
          line: row.line,
          reason: `a second code for the same unit${kind === 'final' ? '' : ' and coder'} in a single-label study`,
        });
        continue;
      }
      entry.codeIds.add(codeId);
      entry.date = row.date ? new Date(row.date).toISOString() : entry.date;
      planned.set(key, entry);
    }
  }
  const list = [...planned.values()];
  const finalSet = db.prepare(hasFinals).pluck();
  const replaced = (p: Planned) =>
    kind === 'final' ? finalSet.get(p.unitId) === 1 : getCoding(db, p.unitId, p.coderId) !== null;
  const preview: LabelImportPreview = {
    kind,
    rows: rows.length,
    codings: kind === 'codings' ? list.length : 0,
    finals: kind === 'final' ? list.length : 0,
    replaces: list.filter(replaced).length,
    labels: list.reduce((a, p) => a + p.codeIds.size, 0),
    unmatched,
    unknownCodes: [...unknown].map(([name, lines]) => ({ name, lines })),
  };
  return { preview, list, versionId };
}

/** What the import would write, without writing anything. */
export function previewLabelImport(
  db: Db,
  studyId: number,
  importerId: number,
  input: LabelImportInput,
): LabelImportPreview {
  return plan(db, studyId, importerId, input).preview;
}

/** Writes the previewed codings in one transaction; refused while a code name is neither known nor mapped. */
export function commitLabelImport(
  db: Db,
  studyId: number,
  importerId: number,
  input: LabelImportInput,
): LabelImportPreview {
  return writeTransaction(db, () => {
    const { preview, list, versionId } = plan(db, studyId, importerId, input);
    if (preview.unknownCodes.length > 0)
      throw new AppError(
        'labels.unknown_codes',
        400,
        `Map these code names to codes first: ${preview.unknownCodes.map((u) => u.name).join(', ')}.`,
        { field: 'mapping' },
      );
    if (preview.kind === 'final') {
      const rationale = `Imported from ${input.fileName || 'a CSV file'} on ${new Date().toISOString().slice(0, 10)}`;
      writeImportedFinals(db, studyId, importerId, list, rationale);
    } else writeCodings(db, studyId, list, versionId);
    audit(db, {
      userId: importerId,
      studyId,
      action: 'labels.import',
      entity: 'study',
      entityId: studyId,
      after: {
        kind: preview.kind,
        ...(preview.kind === 'final' ? { finals: preview.finals } : { codings: preview.codings }),
        labels: preview.labels,
        skippedRows: preview.unmatched.length,
      },
    });
    return preview;
  });
}

function writeCodings(db: Db, studyId: number, list: Planned[], versionId: number) {
  const dated = db.prepare('UPDATE codings SET created_at = ?, updated_at = ? WHERE unit_id = ? AND coder_id = ?');
  for (const p of list) {
    saveCoding(db, studyId, p.unitId, p.coderId, versionId, {
      codeIds: [...p.codeIds],
      memo: '',
      unsure: false,
      quotes: {},
    });
    if (p.date) dated.run(p.date, p.date, p.unitId, p.coderId);
  }
}
