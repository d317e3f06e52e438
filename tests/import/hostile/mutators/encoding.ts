// Bytes that are not UTF-8 text: invalid sequences, NUL, other encodings; and byte-order marks,
// which are legitimate at the start of a file (every parser accepts one) and so must import.
import { zipSync } from 'fflate';
import { utf8, type HostileCase } from '../case.ts';
import {
  discourseArray,
  discourseDocument,
  discourseJsonl,
  padded,
  postsCsv,
  postsJsonl,
  stackExchange,
  topicLine,
  type Base,
} from '../bases.ts';
import type { Random } from '../random.ts';

const BOM = [0xef, 0xbb, 0xbf];
const invalidSequences: [string, number[]][] = [
  ['ff', [0xff]],
  ['fe', [0xfe]],
  ['overlong-slash', [0xc0, 0xaf]],
  ['overlong-3', [0xe0, 0x80, 0xaf]],
  ['surrogate', [0xed, 0xa0, 0x80]],
  ['above-10ffff', [0xf4, 0x90, 0x80, 0x80]],
  ['lone-lead', [0xc3]],
  ['lone-continuation', [0x80]],
  ['five-byte', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ['latin1-e-acute', [0xe9]],
];
const smallBases: Base[] = [discourseJsonl, discourseArray, discourseDocument, stackExchange, postsCsv, postsJsonl];

export function encodingCases(rng: Random): HostileCase[] {
  const out: HostileCase[] = [];
  // Invalid UTF-8 inside a line: in a small file (the sample openInput checks is all of it)
  // and past the first 64 KiB of a big one (checked as the file streams).
  const bigFormats = ['discourse', 'jsonl', 'csv', 'stackexchange'] as const;
  invalidSequences.forEach(([id, bytes], i) => {
    out.push(inserted('utf8', `bad-utf8-${id}`, smallBases[i % smallBases.length]!, bytes, rng, 'binary_file'));
    out.push(
      insertedPastHead('utf8', `bad-utf8-${id}-far`, bigFormats[i % bigFormats.length]!, bytes, rng, 'binary_file'),
    );
  });
  // NUL bytes: binary, wherever they are.
  smallBases.forEach((base, i) => {
    out.push(inserted('nul', `nul-${i}`, base, [0], rng, 'binary_file'));
  });
  bigFormats.forEach((f) => {
    out.push(insertedPastHead('nul', `nul-far`, f, [0], rng, 'binary_file'));
  });
  // Escaped as \u0000 inside a JSON string, NUL is valid JSON: data, stored as given.
  out.push({
    category: 'nul',
    name: 'nul-escaped-topics.jsonl',
    format: 'discourse',
    bytes: () =>
      utf8(discourseJsonl.text.replace('"How to push a dataset to the Hub?"', '"How to push\\u0000 a dataset?"')),
    expected: {
      ok: true,
      threads: 3,
      posts: 5,
      stored: [
        [
          "SELECT t.title FROM threads t JOIN sources s ON s.id = t.source_id WHERE s.name = ? AND t.external_id = '2001'",
          { title: 'How to push\u0000 a dataset?' },
        ],
      ],
    },
  });
  out.push(...bomCases(), ...otherEncodings(), ...zipEncodings());
  return out;
}

/** The base with `bytes` inserted between two ASCII characters of a random line (not the first or last character). */
function inserted(category: string, id: string, base: Base, bytes: number[], rng: Random, code: string): HostileCase {
  const lines = base.text.split('\n');
  const candidates = lines.map((_l, i) => i).filter((i) => lines[i]!.trim().length > 2);
  const line = rng.pick(candidates);
  const text = lines[line]!;
  const col = rng.int(1, text.length - 1);
  const before = `${lines.slice(0, line).join('\n')}${line ? '\n' : ''}${text.slice(0, col)}`;
  const after = text.slice(col) + (line < lines.length - 1 ? `\n${lines.slice(line + 1).join('\n')}` : '');
  const name = `${id}-${base.id}.${base.ext}`;
  return {
    category,
    name,
    format: base.format,
    bytes: () => Buffer.concat([utf8(before), Buffer.from(bytes), utf8(after)]),
    expected: { ok: false, code: `import.${code}`, where: { file: name, line: line + 1 } },
  };
}

/** A generated file long enough, then a line holding `bytes`, then more lines. */
function insertedPastHead(
  category: string,
  id: string,
  format: keyof typeof padded,
  bytes: number[],
  rng: Random,
  code: string,
): HostileCase {
  const ext = { discourse: 'jsonl', jsonl: 'jsonl', csv: 'csv', stackexchange: 'xml' }[format];
  const name = `${id}-${format}.${ext}`;
  const head = padded[format]();
  const extra = rng.int(1, 40);
  const tail = padded[format]().slice(head.length - extra - 2, head.length - 2);
  // The bad line: a copy of a generated record with the bytes in it (ids may repeat: the bytes fail first).
  const record = tail[0]!;
  const at = record.indexOf('Post ') + 5;
  const lines = [...head, ...tail.slice(1)];
  const badLine = lines.length + 1;
  return {
    category,
    name,
    format: format as HostileCase['format'],
    bytes: () =>
      Buffer.concat([
        utf8(`${lines.join('\n')}\n${record.slice(0, at)}`),
        Buffer.from(bytes),
        utf8(`${record.slice(at)}\n${format === 'stackexchange' ? '</posts>\n' : ''}`),
      ]),
    expected: { ok: false, code: `import.${code}`, where: { file: name, line: badLine } },
  };
}

/** A UTF-8 byte-order mark is allowed at the start of every format: the file imports as without it. */
function bomCases(): HostileCase[] {
  const out: HostileCase[] = smallBases.map((base) => {
    const name = `bom-${base.id}.${base.ext}`;
    return {
      category: 'bom',
      name,
      format: base.format,
      bytes: () => Buffer.concat([Buffer.from(BOM), utf8(base.text)]),
      expected: { ok: true, threads: base.threads, posts: base.posts },
    };
  });
  // A big file with a BOM: the streaming check must not mistake it for anything else.
  const many = padded.discourse();
  out.push({
    category: 'bom',
    name: 'bom-far.jsonl',
    format: 'discourse',
    bytes: () => Buffer.concat([Buffer.from(BOM), utf8(`${many.join('\n')}\n`)]),
    expected: { ok: true, threads: many.length, posts: many.length },
  });
  // Not at the start, a BOM is the character U+FEFF, which JSON does not allow between records.
  const lines = discourseJsonl.text.split('\n');
  out.push({
    category: 'bom',
    name: 'bom-mid-topics.jsonl',
    format: 'discourse',
    bytes: () => utf8(`${lines[0]}\n\uFEFF${lines.slice(1).join('\n')}`),
    expected: { ok: false, code: 'import.invalid_json', where: { file: 'bom-mid-topics.jsonl', line: 2 } },
  });
  out.push({
    category: 'bom',
    name: 'bom-twice-posts.jsonl',
    format: 'jsonl',
    bytes: () => Buffer.concat([Buffer.from([...BOM, ...BOM]), utf8(postsJsonl.text)]),
    expected: { ok: false, code: 'import.invalid_json', where: { file: 'bom-twice-posts.jsonl', line: 1 } },
  });
  return out;
}

/** UTF-16 (with its BOM) and Latin-1 files: not UTF-8, refused at their first bad byte's line. */
function otherEncodings(): HostileCase[] {
  const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
  const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);
  const latin1Line = 3; // the first question of Posts.xml
  const latin1 = stackExchange.text
    .split('\n')
    .map((l, i) => (i === latin1Line - 1 ? l.replace('freeze', 'freeze café') : l))
    .join('\n');
  const many = padded.discourse();
  return [
    {
      category: 'utf8',
      name: 'utf16le-topics.jsonl',
      format: 'discourse',
      bytes: () => utf16le(discourseJsonl.text),
      expected: { ok: false, code: 'import.binary_file', where: { file: 'utf16le-topics.jsonl', line: 1 } },
    },
    {
      category: 'utf8',
      name: 'utf16be-posts.csv',
      format: 'csv',
      bytes: () => utf16be(postsCsv.text),
      expected: { ok: false, code: 'import.binary_file', where: { file: 'utf16be-posts.csv', line: 1 } },
    },
    {
      category: 'utf8',
      name: 'utf16le-posts.xml',
      format: 'stackexchange',
      bytes: () => utf16le(stackExchange.text),
      expected: { ok: false, code: 'import.binary_file', where: { file: 'utf16le-posts.xml', line: 1 } },
    },
    {
      category: 'utf8',
      name: 'latin1-posts.xml',
      format: 'stackexchange',
      bytes: () => Buffer.from(latin1, 'latin1'),
      expected: { ok: false, code: 'import.binary_file', where: { file: 'latin1-posts.xml', line: latin1Line } },
    },
    // A file that ends inside a multi-byte character (cut mid "é"): small, and past the sample.
    {
      category: 'utf8',
      name: 'cut-char-topics.jsonl',
      format: 'discourse',
      bytes: () => utf8(`${topicLine(1)}\n${topicLine(2)}`).subarray(0, -'</p>"}]}}'.length - 1),
      expected: { ok: false, code: 'import.binary_file', where: { file: 'cut-char-topics.jsonl', line: 2 } },
    },
    {
      category: 'utf8',
      name: 'cut-char-far.jsonl',
      format: 'discourse',
      bytes: () => utf8(`${many.join('\n')}\n${topicLine(many.length + 1)}`).subarray(0, -'</p>"}]}}'.length - 1),
      expected: { ok: false, code: 'import.binary_file', where: { file: 'cut-char-far.jsonl', line: many.length + 1 } },
    },
  ];
}

/** Inside a zip: a bad entry is located by archive:entry and line. */
function zipEncodings(): HostileCase[] {
  const lines = discourseJsonl.text.split('\n');
  const bad = Buffer.concat([
    utf8(`${lines[0]}\n${lines[1]!.slice(0, 30)}`),
    Buffer.from([0xff]),
    utf8(`${lines[1]!.slice(30)}\n`),
  ]);
  // Over 1 MiB (read as a stream, not whole): the bad byte sits past the first 64 KiB, and lines follow it.
  const before = padded.discourse();
  const after = Array.from({ length: 5000 }, (_, i) => topicLine(before.length + 2 + i));
  const big = Buffer.concat([
    utf8(`${before.join('\n')}\n${topicLine(9999).slice(0, 40)}`),
    Buffer.from([0xc0, 0xaf]),
    utf8(`}\n${after.join('\n')}\n`),
  ]);
  return [
    {
      category: 'utf8',
      name: 'bad-utf8-entry.zip',
      format: 'discourse',
      bytes: () => zipSync({ 'a.jsonl': bad }),
      expected: { ok: false, code: 'import.binary_file', where: { file: 'bad-utf8-entry.zip:a.jsonl', line: 2 } },
    },
    {
      category: 'nul',
      name: 'nul-entry.zip',
      format: 'discourse',
      bytes: () => zipSync({ 'a.json': Buffer.concat([utf8('[{"id":'), Buffer.from([0]), utf8('1}]')]) }),
      expected: { ok: false, code: 'import.binary_file', where: { file: 'nul-entry.zip:a.json', line: 1 } },
    },
    {
      category: 'utf8',
      name: 'bad-utf8-big-entry.zip',
      format: 'discourse',
      bytes: () => zipSync({ 'big.jsonl': big }),
      expected: {
        ok: false,
        code: 'import.binary_file',
        where: { file: 'bad-utf8-big-entry.zip:big.jsonl', line: before.length + 1 },
      },
    },
    {
      category: 'bom',
      name: 'bom-entry.zip',
      format: 'discourse',
      bytes: () => zipSync({ 'a.jsonl': Buffer.concat([Buffer.from(BOM), utf8(discourseJsonl.text)]) }),
      expected: { ok: true, threads: 3, posts: 5 },
    },
  ];
}
