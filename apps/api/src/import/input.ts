// Opening an input file: size limit, a first look at its bytes (empty? binary? zip?),
// and read streams that count bytes for progress reports.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { importErrors } from './errors.ts';
import type { ImportLimits, ImportProgress } from './types.ts';

export interface InputFile {
  path: string;
  /** The name used in error locations: the uploaded file's name, not a temp path. */
  name: string;
  size: number;
  /** The first bytes of the file, for format detection. */
  head: Buffer;
  isZip: boolean;
}

const HEAD_BYTES = 64 * 1024;

export async function openInput(path: string, limits: ImportLimits, name = basename(path)): Promise<InputFile> {
  const where = { file: name };
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) throw importErrors.notFound(where);
  if (info.size > limits.maxFileBytes) throw importErrors.fileTooLarge(where, info.size, limits.maxFileBytes);
  const handle = await open(path, 'r');
  const head = Buffer.alloc(Math.min(HEAD_BYTES, info.size));
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  // A local file header, or the end record that is all an empty archive holds.
  const isZip = head.length >= 4 && (head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0x06054b50);
  if (!isZip) checkText(head, name, head.length === info.size);
  return { path, name, size: info.size, head, isZip };
}

/**
 * Rejects empty (or whitespace-only) and non-text content; `head` is the start of a text file or
 * zip entry, or all of it when `whole`. A sample may end inside a character: that is not an error.
 */
export function checkText(head: Buffer, name: string, whole = false): void {
  if (head.toString('utf8').trim() === '') throw importErrors.empty({ file: name }, 'it holds no data');
  const end = whole ? head.length : completeEnd(head);
  const bad = findNonText(head.subarray(0, end));
  if (bad) throw importErrors.binary({ file: name, line: bad.line }, bad.nul);
}

/**
 * Fails the stream at the first byte that is not UTF-8 text (a bad sequence or a NUL), naming
 * its line: the parsers would otherwise turn bad bytes into U+FFFD silently, past the sample
 * that openInput checks.
 */
export function textOnly(file: string): Transform {
  let line = 1;
  let carry: Buffer | undefined; // the start of a character split between chunks
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
      const end = completeEnd(buf);
      const whole = buf.subarray(0, end);
      const bad = findNonText(whole);
      if (bad) return done(importErrors.binary({ file, line: line + bad.line - 1 }, bad.nul));
      line += countLines(whole);
      carry = end < buf.length ? Buffer.from(buf.subarray(end)) : undefined;
      done(null, chunk);
    },
    flush(done) {
      done(carry ? importErrors.binary({ file, line }, false) : null);
    },
  });
}

/** The 1-based line (within `buf`) of the first NUL or invalid UTF-8 sequence, if any. */
function findNonText(buf: Buffer): { line: number; nul: boolean } | undefined {
  if (buf.indexOf(0) === -1 && isUtf8(buf)) return undefined;
  // Rare: look line by line for the culprit (a multi-byte character never holds a newline byte).
  for (let start = 0, line = 1; start <= buf.length; line++) {
    const nl = buf.indexOf(10, start);
    const end = nl === -1 ? buf.length : nl;
    const text = buf.subarray(start, end);
    if (text.indexOf(0) !== -1) return { line, nul: true };
    if (!isUtf8(text)) return { line, nul: false };
    start = end + 1;
  }
  return undefined;
}

function countLines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

/** Where `buf` stops holding whole characters: before a multi-byte character cut by its end. */
function completeEnd(buf: Buffer): number {
  for (let i = buf.length - 1; i >= Math.max(0, buf.length - 4); i--) {
    const byte = buf[i]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
    const size = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + size > buf.length ? i : buf.length;
  }
  return buf.length;
}

/** A stream that adds the bytes passing through it to progress.bytesRead. */
function counting(progress: ImportProgress): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      progress.bytesRead += chunk.length;
      done(null, chunk);
    },
  });
}

export function readFile(input: InputFile, progress: ImportProgress): Readable {
  const source = createReadStream(input.path, { highWaterMark: 256 * 1024 });
  const counter = counting(progress);
  const text = textOnly(input.name);
  // pipe() does not forward errors; an unreadable file must fail the consumer, not hang it.
  source.on('error', (err) => counter.destroy(err));
  counter.on('error', (err) => text.destroy(err));
  return source.pipe(counter).pipe(text);
}
