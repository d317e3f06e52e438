// Files cut short at seeded offsets. Whether a cut file is still valid, and where it must fail,
// follows from where the cut falls: between records it is a shorter valid file. The fixtures are
// ASCII, so character offsets are byte offsets (encoding.ts cuts inside a character).
import { expect } from 'vitest';
import { lineAt, utf8, type HostileCase } from '../case.ts';
import {
  discourseArray,
  discourseDocument,
  discourseJsonl,
  discourseZip,
  postsCsv,
  postsJsonl,
  stackExchange,
  type Base,
} from '../bases.ts';
import type { Random } from '../random.ts';

const column = () => expect.stringMatching(/^column \d+$/);

export function truncationCases(rng: Random): HostileCase[] {
  return [
    ...jsonlCuts(rng, discourseJsonl, 14),
    ...jsonlCuts(rng, postsJsonl, 10),
    ...jsonCuts(rng, discourseArray, 10),
    ...jsonCuts(rng, discourseDocument, 10),
    ...xmlCuts(rng, 12),
    ...csvCuts(rng, 14),
    ...zipCuts(rng, 8),
  ];
}

const cutName = (base: Base, at: number) => `cut-${base.id}-${at}.${base.ext}`;

function cutCase(base: Base, at: number, expected: HostileCase['expected']): HostileCase {
  return {
    category: 'truncation',
    name: cutName(base, at),
    format: base.format,
    bytes: () => utf8(base.text.slice(0, at)),
    expected,
  };
}

/** One record per line: a cut inside a line breaks that line's JSON; a cut at a line's start or end leaves whole records. */
function jsonlCuts(rng: Random, base: Base, count: number): HostileCase[] {
  const lines = base.text.split('\n');
  return rng.distinct(count, 1, base.text.length).map((at) => {
    const head = base.text.slice(0, at);
    const line = lineAt(base.text, at);
    const lineStart = head.lastIndexOf('\n') + 1;
    const whole = at === lineStart || base.text[at] === '\n';
    if (!whole)
      return cutCase(base, at, { ok: false, code: 'import.invalid_json', where: { file: cutName(base, at), line } });
    const records = lines
      .slice(0, at === lineStart ? line - 1 : line)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    return cutCase(base, at, { ok: true, ...jsonlCounts(base, records) });
  });
}

function jsonlCounts(base: Base, records: Record<string, unknown>[]): { threads: number; posts: number } {
  if (base.format === 'jsonl') return { threads: new Set(records.map((r) => r.thread_id)).size, posts: records.length };
  const posts = records.reduce((n, r) => n + (r.post_stream as { posts: unknown[] }).posts.length, 0);
  return { threads: records.length, posts };
}

/** A JSON document or array cut anywhere before its closing bracket is malformed; the error points at the end of what is left. */
function jsonCuts(rng: Random, base: Base, count: number): HostileCase[] {
  const end = base.text.trimEnd().length;
  return rng.distinct(count, 1, end + 1).map((at) => {
    if (at === end) return cutCase(base, at, { ok: true, threads: base.threads, posts: base.posts });
    return cutCase(base, at, {
      ok: false,
      code: 'import.invalid_json',
      where: { file: cutName(base, at), line: lineAt(base.text, at), field: column() },
    });
  });
}

/** Posts.xml cut before its root element closes: malformed at the end of what is left. */
function xmlCuts(rng: Random, count: number): HostileCase[] {
  const base = stackExchange;
  const end = base.text.indexOf('</posts>') + '</posts>'.length;
  return rng.distinct(count, 1, end + 1).map((at) => {
    if (at === end) return cutCase(base, at, { ok: true, threads: base.threads, posts: base.posts });
    return cutCase(base, at, {
      ok: false,
      code: 'import.invalid_xml',
      where: { file: cutName(base, at), line: lineAt(base.text, at), field: column() },
    });
  });
}

/**
 * posts.csv cut after its header. Inside a quoted field: the quote never closes (reported at the
 * row's first line). Otherwise a row cut before its last field has too few columns (reported at the
 * row's first line); cut at a row's start, or in its last (optional, unquoted) field, the file is valid.
 */
function csvCuts(rng: Random, count: number): HostileCase[] {
  const base = postsCsv;
  const text = base.text;
  const headerEnd = text.indexOf('\n') + 1;
  const columns = text.slice(0, headerEnd).split(',').length;
  return rng.distinct(count, headerEnd + 1, text.length).map((at) => {
    const state = csvState(text.slice(0, at));
    const name = cutName(base, at);
    if (state.inQuotes)
      return cutCase(base, at, {
        ok: false,
        code: 'import.invalid_csv',
        where: { file: name, line: lineAt(text, state.rowStart) },
        message: /Quote Not Closed/,
      });
    if (state.fields > 0 && state.fields < columns) {
      return cutCase(base, at, {
        ok: false,
        code: 'import.invalid_csv',
        where: { file: name, line: lineAt(text, state.rowStart) },
        message: new RegExp(`got ${state.fields}\\b`),
      });
    }
    const rows = csvRows(text.slice(headerEnd, state.fields === 0 ? state.rowStart : at));
    return cutCase(base, at, { ok: true, threads: new Set(rows.map((r) => r[0])).size, posts: rows.length });
  });
}

/** Where a CSV prefix stops: in quotes or not, and how many fields the unfinished row has (0 at a row's start). */
function csvState(prefix: string): { inQuotes: boolean; fields: number; rowStart: number } {
  let inQuotes = false;
  let fields = 0;
  let rowStart = 0;
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix[i];
    if (fields === 0) fields = 1;
    if (c === '"')
      inQuotes = !inQuotes; // a doubled quote toggles twice
    else if (!inQuotes && c === ',') fields++;
    else if (!inQuotes && c === '\n') {
      fields = 0;
      rowStart = i + 1;
    }
  }
  return { inQuotes, fields, rowStart };
}

/** The rows of complete CSV lines (no header), by the same rules: enough to count threads and posts. */
function csvRows(body: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  for (const c of body) {
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && c === ',') {
      row.push(field);
      field = '';
    } else if (!inQuotes && c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows.filter((r) => r.join('') !== '');
}

/** A zip cut anywhere loses its central directory: a damaged archive. */
function zipCuts(rng: Random, count: number): HostileCase[] {
  const zip = discourseZip();
  return rng.distinct(count, 4, zip.length).map((at) => {
    const name = `cut-topics-${at}.zip`;
    return {
      category: 'truncation',
      name,
      format: 'discourse',
      bytes: () => zip.subarray(0, at),
      expected: { ok: false, code: 'import.invalid_zip', where: { file: name } },
    };
  });
}
