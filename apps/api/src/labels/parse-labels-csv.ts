// A CSV of existing labels (a spreadsheet, a published study's labels): one row per (unit, code),
// the unit by its forum id — `post_id` (a post's id on the forum) or `thread_id` (the topic id) —
// the code by id or name, and optionally the `coder` (user name) and the `date` it was coded.
import { CsvError, parse } from 'csv-parse/sync';
import { AppError } from '../http/errors.ts';

export interface LabelRow {
  /** The line in the file (the header is line 1). */
  line: number;
  postId: string | null;
  threadId: string | null;
  code: string;
  coder: string | null;
  date: string | null;
}

const FILE = 'labels.csv';
const blank = (value: string | undefined) => (value === undefined || value.trim() === '' ? null : value.trim());

export function parseLabelsCsv(text: string): LabelRow[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()),
      info: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (e) {
    if (e instanceof CsvError)
      throw new AppError('labels.invalid_csv', 400, `The CSV cannot be read: ${e.message}`, {
        file: FILE,
        line: typeof e.lines === 'number' ? e.lines : undefined,
      });
    throw e;
  }
  const header = Object.keys(records[0]?.record ?? {});
  if (records.length === 0)
    throw new AppError('labels.empty', 400, 'The CSV has no rows of labels.', { file: FILE, line: 1 });
  if (!header.includes('code'))
    throw new AppError('labels.missing_column', 400, 'The CSV needs a "code" column (a code id or name).', {
      file: FILE,
      line: 1,
      field: 'code',
    });
  if (!header.includes('post_id') && !header.includes('thread_id'))
    throw new AppError(
      'labels.missing_column',
      400,
      'The CSV needs a "post_id" or a "thread_id" column (the forum ids).',
      { file: FILE, line: 1, field: 'post_id' },
    );
  return records.map(({ record, info }) => ({
    line: info.lines,
    postId: blank(record.post_id),
    threadId: blank(record.thread_id),
    code: record.code?.trim() ?? '',
    coder: blank(record.coder),
    date: blank(record.date),
  }));
}
