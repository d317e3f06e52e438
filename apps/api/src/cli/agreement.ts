// `threadcoder agreement <file.json|file.csv> [--bootstrap N] [--seed S]`
// Reads codings, prints the agreement report (packages/stats report.ts) as one JSON object on
// stdout, and the reason for every null on stderr as "note: <path>: <reason>". Exit codes:
// 0 report printed; 2 bad usage or bad input, with a message naming the file, line and field.
// This file only reads and parses; validation rules and statistics live in packages/stats.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import {
  agreementReport,
  codingsFromCsvRows,
  parseCodingRecords,
  type Coding,
  type InputProblem,
} from '@threadcoder/stats';

const USAGE = 'Usage: threadcoder agreement <file.json|file.csv> [--bootstrap N] [--seed S]';

interface Args {
  file: string;
  bootstrap?: { resamples: number; seed: number };
}

/** A bad-input message: "<file>, line <n>, field <f>: <message>". */
class InputError extends Error {
  constructor(file: string, message: string, line?: number, field?: string) {
    super(`${file}${line === undefined ? '' : `, line ${line}`}${field ? `, field ${field}` : ''}: ${message}`);
  }
}

function readArgs(argv: string[]): Args | string {
  let parsed: { values: { bootstrap?: string; seed?: string }; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { bootstrap: { type: 'string' }, seed: { type: 'string' } },
    });
  } catch (err) {
    return (err as Error).message;
  }
  const { values, positionals: files } = parsed;
  if (files.length !== 1) return files.length === 0 ? 'name one file of codings' : `name one file, got ${files.length}`;
  const integer = (name: 'bootstrap' | 'seed', min: number, max: number): number | string => {
    const text = values[name]!;
    const n = Number(text);
    return /^-?\d+$/.test(text) && n >= min && n <= max
      ? n
      : `--${name} must be an integer from ${min} to ${max}, got "${text}"`;
  };
  if (values.bootstrap === undefined)
    return values.seed === undefined ? { file: files[0]! } : '--seed only applies with --bootstrap N';
  const resamples = integer('bootstrap', 2, 1_000_000);
  const seed = values.seed === undefined ? 1 : integer('seed', -(2 ** 53 - 1), 2 ** 53 - 1);
  if (typeof resamples === 'string') return resamples;
  if (typeof seed === 'string') return seed;
  return { file: files[0]!, bootstrap: { resamples, seed } };
}

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/**
 * Where each element of a top-level JSON array starts, and where each of its own keys sits,
 * so a problem found after JSON.parse can be reported with its line. `text` already parses.
 */
function arrayOutline(text: string): { start: number; keys: Map<string, number> }[] {
  const elements: { start: number; keys: Map<string, number> }[] = [];
  const stack: string[] = [];
  let expectElement = false;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
    if (expectElement && ch !== ']') elements.push({ start: i, keys: new Map() });
    expectElement = false;
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (expectKey && stack.length === 2) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (!elements.at(-1)!.keys.has(key)) elements.at(-1)!.keys.set(key, i);
      }
      i = j;
    } else if (ch === '[' || ch === '{') {
      stack.push(ch);
      expectElement = stack.length === 1 && ch === '[';
      expectKey = ch === '{';
      continue;
    } else if (ch === ']' || ch === '}') stack.pop();
    else if (ch === ',') {
      expectElement = stack.length === 1;
      expectKey = stack.at(-1) === '{';
      continue;
    }
    expectKey = false;
  }
  return elements;
}

function problemError(file: string, problem: InputProblem, line: number | undefined, field: string): InputError {
  return new InputError(file, problem.message, line, field || undefined);
}

function fromJson(file: string, text: string): Coding[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = /line (\d+)/.exec(message);
    const at = line ? Number(line[1]) : position ? lineAt(text, Number(position[1])) : text.split('\n').length;
    throw new InputError(file, `malformed JSON: ${message}`, at);
  }
  const parsed = parseCodingRecords(data);
  if ('codings' in parsed) return parsed.codings;
  const { index, field } = parsed.problem;
  if (index === null) throw problemError(file, parsed.problem, lineAt(text, text.search(/\S/)), '');
  const element = arrayOutline(text)[index]!;
  const key = element.keys.get(field.replace(/\[.*$/, ''));
  throw problemError(file, parsed.problem, lineAt(text, key ?? element.start), `[${index}]${field ? `.${field}` : ''}`);
}

function fromCsv(file: string, text: string): Coding[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info: true` each record comes as { record, info }; the typings do not say so.
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as typeof records;
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new InputError(file, `malformed CSV: ${e.message}`, e.lines);
  }
  // info.lines is where a record ends; step back over line breaks inside quoted fields.
  const lineOf = (r: { record: string[]; info: { lines: number } }) =>
    r.info.lines - (r.record.join('').match(/\n/g)?.length ?? 0);
  const [header, ...rows] = records;
  if (!header) throw new InputError(file, 'the file is empty; expected the header "unit,coder,value"', 1);
  if (header.record.join(',') !== 'unit,coder,value') {
    throw new InputError(
      file,
      `the header must be "unit,coder,value", got "${header.record.join(',')}"`,
      lineOf(header),
    );
  }
  for (const row of rows) {
    if (row.record.length !== 3)
      throw new InputError(file, `expected 3 fields (unit,coder,value), got ${row.record.length}`, lineOf(row));
  }
  const parsed = codingsFromCsvRows(
    rows.map(({ record: [unit, coder, value] }) => ({ unit: unit!, coder: coder!, value: value! })),
  );
  if ('codings' in parsed) return parsed.codings;
  const { index, field } = parsed.problem;
  throw problemError(file, parsed.problem, index === null ? lineOf(header) : lineOf(rows[index]!), field);
}

export async function run(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const args = readArgs(argv);
  if (typeof args === 'string') {
    console.error(`${args}\n${USAGE}`);
    return 2;
  }
  try {
    let text: string;
    try {
      text = await readFile(args.file, 'utf8');
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new InputError(
        args.file,
        e.code === 'ENOENT' ? 'no such file' : `cannot read the file (${e.code ?? e.message})`,
      );
    }
    text = text.replace(/^\uFEFF/, '');
    if (text.trim() === '') throw new InputError(args.file, 'the file is empty');
    const extension = extname(args.file).toLowerCase();
    const json = extension === '.json' || (extension !== '.csv' && /^\s*[[{]/.test(text));
    const codings = json ? fromJson(args.file, text) : fromCsv(args.file, text);
    const { report, notes } = agreementReport(codings, args.bootstrap ? { bootstrap: args.bootstrap } : {});
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    for (const [path, reason] of Object.entries(notes)) process.stderr.write(`note: ${path}: ${reason}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    console.error(`error: ${err.message}`);
    return 2;
  }
}
