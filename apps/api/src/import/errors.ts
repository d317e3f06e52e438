// Every way an import can fail, as AppErrors with a stable code and a location.
// `fatal` errors stop the whole import even in lenient mode (the parser cannot go on:
// broken XML, a zip bomb); the others reject one record, which lenient mode can skip.
import { AppError, type ErrorWhere } from '../http/errors.ts';

type Status = 400 | 409 | 413 | 415 | 422;

export class ImportError extends AppError {
  constructor(
    code: string,
    status: Status,
    message: string,
    where: ErrorWhere,
    readonly fatal = false,
  ) {
    super(code, status, message, where);
    this.name = 'ImportError';
  }

  /** The same error as one record's rejection rather than the end of the import. */
  forRecord(): ImportError {
    return new ImportError(this.code, this.status as Status, this.message, this.where ?? {}, false);
  }
}

/** "line 4, post_stream.posts[2]": a location in words for messages. */
export function describeWhere(where: ErrorWhere): string {
  const parts = [where.file, where.line !== undefined ? `line ${where.line}` : undefined, where.field];
  return parts.filter((p) => p !== undefined && p !== '').join(', ');
}

const at = (where: ErrorWhere) => (describeWhere(where) ? ` (${describeWhere(where)})` : '');

export const importErrors = {
  /** Lenient mode rejected every record: nothing is stored (not even the source), and the import fails. */
  allRejected: (count: number, first: { reason: string; where: ErrorWhere }) =>
    new ImportError(
      'import.all_rejected',
      400,
      `Every record was rejected (${count}), so nothing was imported. The first: ${first.reason} Fix the file (or the column mapping) and import it again.`,
      first.where,
      true,
    ),
  notFound: (where: ErrorWhere) =>
    new ImportError(
      'import.file_not_found',
      400,
      `The file ${where.file} does not exist or cannot be read.`,
      where,
      true,
    ),
  empty: (where: ErrorWhere, what = 'nothing to import') =>
    new ImportError('import.empty_file', 400, `The file is empty: ${what}${at(where)}.`, where, true),
  binary: (where: ErrorWhere, nul = true) =>
    nul
      ? new ImportError(
          'import.binary_file',
          415,
          `The file is not UTF-8 text (it holds a NUL byte, so it looks binary)${at(where)}. Upload the JSON, XML or CSV dump itself.`,
          where,
          true,
        )
      : new ImportError(
          'import.binary_file',
          415,
          `The file is not valid UTF-8 text${at(where)}. Save it as UTF-8, or upload the JSON, XML or CSV dump itself.`,
          where,
          true,
        ),
  unknownFormat: (where: ErrorWhere) =>
    new ImportError(
      'import.unknown_format',
      415,
      `Cannot tell the file's format${at(where)}; pass --format discourse|stackexchange|csv|jsonl.`,
      where,
      true,
    ),
  fileTooLarge: (where: ErrorWhere, size: number, limit: number) =>
    new ImportError(
      'import.file_too_large',
      413,
      `The file is ${size} bytes, over the limit of ${limit} bytes${at(where)}.`,
      where,
      true,
    ),
  recordTooLarge: (where: ErrorWhere, limit: number, hint = 'is this really one topic per line?') =>
    new ImportError(
      'import.record_too_large',
      413,
      `One record is over ${limit} bytes${at(where)}; ${hint}`,
      where,
      true,
    ),
  tooManyPosts: (where: ErrorWhere, limit: number) =>
    new ImportError(
      'import.too_many_posts',
      413,
      `The file has more than ${limit} posts${at(where)}; split it or raise the limit.`,
      where,
      true,
    ),
  zipBomb: (where: ErrorWhere, why: string) =>
    new ImportError('import.zip_bomb', 413, `Refusing the zip archive: ${why}${at(where)}.`, where, true),
  invalidZip: (where: ErrorWhere, why: string) =>
    new ImportError('import.invalid_zip', 400, `The zip archive is damaged: ${why}${at(where)}.`, where, true),
  invalidJson: (where: ErrorWhere, why: string, fatal: boolean) =>
    new ImportError('import.invalid_json', 400, `Malformed JSON: ${why}${at(where)}.`, where, fatal),
  invalidXml: (where: ErrorWhere, why: string) =>
    new ImportError('import.invalid_xml', 400, `Malformed XML: ${why}${at(where)}.`, where, true),
  invalidCsv: (where: ErrorWhere, why: string, fatal: boolean) =>
    new ImportError('import.invalid_csv', 400, `Malformed CSV: ${why}${at(where)}.`, where, fatal),
  invalidMapping: (why: string, where: ErrorWhere = { field: 'mapping' }) =>
    new ImportError('import.invalid_mapping', 400, `Bad column mapping: ${why}.`, where, true),
  wrongType: (where: ErrorWhere, expected: string, got: unknown) =>
    new ImportError(
      'import.wrong_type',
      400,
      `Expected ${expected} but found ${describeValue(got)}${at(where)}.`,
      where,
    ),
  missingField: (where: ErrorWhere, what: string) =>
    new ImportError('import.missing_field', 400, `Missing ${what}${at(where)}.`, where),
  invalidDate: (where: ErrorWhere, value: unknown, why: string) =>
    new ImportError('import.invalid_date', 400, `Invalid date ${describeValue(value)}: ${why}${at(where)}.`, where),
  invalidDateFormat: (format: string, why: string) =>
    new ImportError(
      'import.invalid_date_format',
      400,
      `The date format "${format}" cannot be used: ${why}. Use date-fns tokens, e.g. "MMM d, yyyy h:mm a" for "Sep 6, 2020 9:38 am".`,
      { field: 'dateFormat' },
      true,
    ),
  duplicateId: (where: ErrorWhere, what: string, id: string, first: ErrorWhere) =>
    new ImportError(
      'import.duplicate_id',
      409,
      `${what} id ${id} appears twice in the file: first at ${describeWhere(first)}, again at ${describeWhere(where)}.`,
      where,
    ),
  fieldTooLong: (where: ErrorWhere, what: string, limit: number) =>
    new ImportError('import.field_too_long', 413, `Too long: ${what} has over ${limit} characters${at(where)}.`, where),
  postTooLarge: (where: ErrorWhere, bytes: number, limit: number) =>
    new ImportError(
      'import.post_too_large',
      413,
      `A post of ${bytes} bytes is over the limit of ${limit} bytes${at(where)}.`,
      where,
    ),
  orphanAnswer: (where: ErrorWhere, id: string, parentId: string) =>
    new ImportError(
      'import.orphan_answer',
      422,
      `Answer ${id} belongs to question ${parentId}, which is not in the file${at(where)}.`,
      where,
    ),
  noPosts: (where: ErrorWhere, id: string) =>
    new ImportError('import.no_posts', 422, `Thread ${id} has no posts that could be imported${at(where)}.`, where),
};

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

/** Anything a parser throws that is not an ImportError is a bug or an I/O failure: keep it as is. */
export function isImportError(err: unknown): err is ImportError {
  return err instanceof ImportError;
}
