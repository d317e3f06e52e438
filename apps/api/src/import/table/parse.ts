// Tables of posts: CSV (csv-parse, streaming) or JSONL with one post per line. Rows may come
// in any order; they are staged and grouped into threads sorted by date (see stager.ts).
import { CsvError, parse } from 'csv-parse';
import { importErrors, isImportError, type ImportError } from '../errors.ts';
import { readFile, type InputFile } from '../input.ts';
import { isObject } from '../fields.ts';
import { readLines } from '../lines.ts';
import { PostStager, type StagedRow } from '../stager.ts';
import type { ParseContext, ParsedItem } from '../types.ts';
import { requiredColumns } from './mapping.ts';
import { groupToThread, toStagedRow } from './records.ts';
import { csvDelimiter } from './delimiter.ts';

type Row = { where: { file: string; line: number }; record: unknown } | ParsedItem;

export async function* parseTable(
  input: InputFile,
  ctx: ParseContext,
  kind: 'csv' | 'jsonl',
  lenient: boolean,
): AsyncGenerator<ParsedItem> {
  const stager = new PostStager(input.name);
  try {
    for await (const row of kind === 'csv' ? csvRows(input, ctx, lenient) : jsonlRows(input, ctx)) {
      if ('kind' in row) {
        yield row;
        continue;
      }
      if (!isObject(row.record)) {
        yield {
          kind: 'reject',
          error: importErrors.wrongType(row.where, 'an object with the post fields', row.record),
        };
        continue;
      }
      let staged: StagedRow;
      try {
        staged = toStagedRow(row.record, ctx.mapping, row.where, ctx.dateFormat);
      } catch (err) {
        if (!isImportError(err)) throw err;
        yield { kind: 'reject', error: err };
        continue;
      }
      const dup = stager.add(staged);
      if (dup) yield { kind: 'reject', error: dup };
    }
    for (const group of stager.groups()) yield { kind: 'thread', value: groupToThread(group, input.name) };
  } finally {
    stager.close();
  }
}

async function* jsonlRows(input: InputFile, ctx: ParseContext): AsyncGenerator<Row> {
  for await (const { text, line } of readLines(readFile(input, ctx.progress), ctx.limits.maxRecordBytes, input.name)) {
    if (text.trim() === '') continue;
    const where = { file: input.name, line };
    try {
      yield { where, record: JSON.parse(text) as unknown };
    } catch (err) {
      yield {
        kind: 'reject',
        error: importErrors.invalidJson(where, err instanceof Error ? err.message : String(err), false),
      };
    }
  }
}

async function* csvRows(input: InputFile, ctx: ParseContext, lenient: boolean): AsyncGenerator<Row> {
  const skippedRows: ParsedItem[] = [];
  // The last line of the last whole record (1: the header): a quote left open starts the record after it.
  let lastEnd = 1;
  const delimiter = csvDelimiter(input.name);
  const parser = parse({
    columns: (header: string[]) => checkHeader(header, ctx, input.name),
    bom: true,
    delimiter,
    info: true,
    skip_empty_lines: true,
    max_record_size: ctx.limits.maxRecordBytes,
    // Lenient mode drops a malformed row (wrong column count, stray quote) and goes on.
    skip_records_with_error: lenient,
    on_skip: (err) => {
      if (!err) return undefined;
      skippedRows.push({ kind: 'reject', error: csvError(err, input.name, false, lastEnd) });
      if (typeof err.lines === 'number') lastEnd = err.lines;
      return undefined;
    },
  });
  const source = readFile(input, ctx.progress);
  source.on('error', (err) => parser.destroy(err));
  try {
    for await (const { info, record } of source.pipe(parser) as AsyncIterable<{
      info: { lines: number };
      record: Record<string, string>;
    }>) {
      yield* skippedRows.splice(0);
      // info.lines is where the record ends; step back over newlines inside quoted fields.
      const inner = Object.values(record).reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
      lastEnd = info.lines;
      yield { where: { file: input.name, line: info.lines - inner }, record };
    }
    yield* skippedRows.splice(0);
  } catch (err) {
    throw err instanceof CsvError ? csvError(err, input.name, true, lastEnd) : err;
  } finally {
    source.destroy();
  }
}

/** csv-parse's error with our location: the line where the record starts, and the column when known. */
function csvError(err: CsvError, file: string, fatal: boolean, lastEnd: number): ImportError {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') {
    // Found only at the end of the file, which the open quote swallowed: point at where it opened.
    return importErrors.invalidCsv(
      { file, line: lastEnd + 1 },
      `Quote Not Closed: a quoted field in the row starting at line ${lastEnd + 1} never closes`,
      fatal,
    );
  }
  // err.lines is where parsing stopped; step back over newlines inside the record's quoted fields.
  const record = Array.isArray(err.record) ? (err.record as unknown[]) : [];
  const inner = record.reduce<number>((n, v) => n + (String(v).match(/\n/g)?.length ?? 0), 0);
  const line = typeof err.lines === 'number' ? err.lines - inner : undefined;
  const field = err.code === 'INVALID_OPENING_QUOTE' && typeof err.column === 'string' ? err.column : undefined;
  const reason = err.message
    .replace(/^(Invalid Record Length|Invalid Opening Quote): /, '')
    .replace(/\bline \d+/, line === undefined ? '$&' : `line ${line}`)
    // csv-parse quotes the field read so far, which may be megabytes long.
    .replace(/(value is ".{40})(?:[^"\\]|\\.)+"/, '$1…"');
  return importErrors.invalidCsv({ file, line, ...(field ? { field } : {}) }, reason, fatal);
}

function checkHeader(header: string[], ctx: ParseContext, file: string): string[] {
  const names = header.map((h) => h.trim());
  const missing = requiredColumns(ctx.mapping).filter((c) => !names.includes(c));
  if (missing.length) {
    const shown = names.slice(0, 10).map((c) => `"${c.length > 30 ? `${c.slice(0, 30)}…` : c}"`);
    const has =
      names.length > shown.length ? `${shown.join(', ')} and ${names.length - shown.length} more` : shown.join(', ');
    const why = `the header of ${file} has no column ${missing.map((c) => `"${c}"`).join(', ')} (it has ${has})`;
    throw importErrors.invalidMapping(why, { file, field: 'mapping' });
  }
  return names;
}
