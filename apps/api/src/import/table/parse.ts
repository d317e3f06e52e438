// Tables of posts: CSV (csv-parse, streaming) or JSONL with one post per line. Rows may come
// in any order; they are staged and grouped into threads sorted by date (see stager.ts).
import { parse } from 'csv-parse';
import { importErrors, isImportError } from '../errors.ts';
import { readFile, type InputFile } from '../input.ts';
import { isObject } from '../fields.ts';
import { readLines } from '../lines.ts';
import { PostStager, type StagedRow } from '../stager.ts';
import type { ParseContext, ParsedItem } from '../types.ts';
import { requiredColumns } from './mapping.ts';
import { groupToThread, toStagedRow } from './records.ts';

type Row = { where: { file: string; line: number }; record: unknown } | ParsedItem;

export async function* parseTable(input: InputFile, ctx: ParseContext, kind: 'csv' | 'jsonl', lenient: boolean): AsyncGenerator<ParsedItem> {
  const stager = new PostStager(input.name);
  try {
    for await (const row of kind === 'csv' ? csvRows(input, ctx, lenient) : jsonlRows(input, ctx)) {
      if ('kind' in row) {
        yield row;
        continue;
      }
      if (!isObject(row.record)) {
        yield { kind: 'reject', error: importErrors.wrongType(row.where, 'an object with the post fields', row.record) };
        continue;
      }
      let staged: StagedRow;
      try {
        staged = toStagedRow(row.record, ctx.mapping, row.where);
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
      yield { kind: 'reject', error: importErrors.invalidJson(where, err instanceof Error ? err.message : String(err), false) };
    }
  }
}

async function* csvRows(input: InputFile, ctx: ParseContext, lenient: boolean): AsyncGenerator<Row> {
  const skippedRows: ParsedItem[] = [];
  const delimiter = /\.tsv$/i.test(input.name) ? '\t' : ',';
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
      const line = typeof err?.lines === 'number' ? err.lines : undefined;
      skippedRows.push({ kind: 'reject', error: importErrors.invalidCsv({ file: input.name, line }, csvReason(err?.message), false) });
      return undefined;
    },
  });
  const source = readFile(input, ctx.progress);
  source.on('error', (err) => parser.destroy(err));
  try {
    for await (const { info, record } of source.pipe(parser) as AsyncIterable<{ info: { lines: number }; record: Record<string, string> }>) {
      yield* skippedRows.splice(0);
      // info.lines is where the record ends; step back over newlines inside quoted fields.
      const inner = Object.values(record).reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
      yield { where: { file: input.name, line: info.lines - inner }, record };
    }
    yield* skippedRows.splice(0);
  } catch (err) {
    if (isImportError(err)) throw err;
    const e = err as Error & { code?: string; lines?: number };
    if (!e.code?.startsWith('CSV_')) throw err;
    throw importErrors.invalidCsv({ file: input.name, line: e.lines }, csvReason(e.message), true);
  } finally {
    source.destroy();
  }
}

const csvReason = (message = 'unreadable row') => message.replace(/^Invalid Record Length: /, '');

function checkHeader(header: string[], ctx: ParseContext, file: string): string[] {
  const names = header.map((h) => h.trim());
  const missing = requiredColumns(ctx.mapping).filter((c) => !names.includes(c));
  if (missing.length) {
    throw importErrors.invalidMapping(`the header of ${file} has no column ${missing.map((c) => `"${c}"`).join(', ')} (it has ${names.map((c) => `"${c}"`).join(', ')})`);
  }
  return names;
}
