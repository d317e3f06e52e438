// Final labels as tidy CSV: one row per (unit, code) of every settled unit; a unit settled
// with no label is one row with an empty code, so it still counts as coded.
//   unit, thread, post   as in the codings CSV (units.id, thread's forum id, post number)
//   code, code_path      code id and its names from the dimension down ("Challenge > …")
//   origin               agreement (the coders gave the same set) or adjudication
//   round                round name
//   settled_by, settled_at, rationale   for adjudicated units: who decided, when, and why
//   thread_created_at, post_created_at   when the thread and the post were written on the forum
//                        (post: empty for thread units), so period counts can be rebuilt from the file
//   text, quoted_text    the unit's own words and the words it quotes (unit-text.ts)
import type { Db } from '../db/open.ts';
import { writeCsv } from './csv-writer.ts';
import { finalLabelRows } from './final-labels.ts';
import type { StudyInfo } from './study-info.ts';

const FINAL_COLUMNS = [
  'unit',
  'thread',
  'post',
  'code',
  'code_path',
  'origin',
  'round',
  'settled_by',
  'settled_at',
  'rationale',
  'thread_created_at',
  'post_created_at',
  'text',
  'quoted_text',
] as const;

export function finalCsv(db: Db, study: StudyInfo): string {
  return writeCsv(
    FINAL_COLUMNS,
    finalLabelRows(db, study.id).map((r) => [
      r.unitId,
      r.thread,
      r.postNumber,
      r.codeId ?? '',
      r.codeId === null ? '' : study.codePath(r.codeId),
      r.origin,
      r.round,
      r.settledBy,
      r.settledAt,
      r.rationale,
      r.threadCreatedAt,
      r.postCreatedAt,
      r.text,
      r.quotedText,
    ]),
  );
}
